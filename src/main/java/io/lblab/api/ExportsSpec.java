package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The lab's outputs for other apps in the cluster: a ConfigMap with its addresses and, optionally, a Service without
 * selector whose EndpointSlice points at the frontend. Both are owned by the lab and kept current by the operator.
 */
@ValidationRule(value = "self.configMapName.matches('" + ExportsSpec.DNS_SUBDOMAIN + "')",
        message = ExportsSpec.CONFIG_MAP_NAME_MESSAGE, reason = "FieldValueInvalid")
public record ExportsSpec(
        @Required @Size(min = 1, max = 253)
        @JsonPropertyDescription("ConfigMap (in the lab's namespace) the operator writes frontendIP, outboundIP, resourceGroup and the backends' private IPs to.")
        String configMapName,
        @JsonPropertyDescription("A Service without selector and its EndpointSlice pointing at the frontend IP and port: http://<name>.<namespace>.svc reaches the lab.")
        ServiceExportSpec service) {

    /** As {@link Patterns#DNS_SUBDOMAIN}, without backslashes (they would need escaping in CEL). */
    static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final String CONFIG_MAP_NAME_MESSAGE = "spec.exports.configMapName must be a DNS subdomain name: lower-case"
            + " letters, digits, '-' and '.', beginning and ending with a letter or digit";
}
