package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A Service without selector in the lab's namespace and an EndpointSlice with the lab's frontend IP and port. */
@ValidationRule(value = "self.name.matches('" + ServiceExportSpec.DNS_LABEL + "')",
        message = ServiceExportSpec.NAME_MESSAGE, reason = "FieldValueInvalid")
public record ServiceExportSpec(
        @Required @Size(min = 1, max = 63)
        @JsonPropertyDescription("Name of the Service (a DNS label beginning with a letter).")
        String name,
        @Min(1) @Max(65535)
        @JsonPropertyDescription("Port of the Service; default: spec.loadBalancer.frontendPort.")
        Integer port) {

    static final String DNS_LABEL = "^[a-z]([-a-z0-9]*[a-z0-9])?$";
    public static final String NAME_MESSAGE = "spec.exports.service.name must be a DNS label: lower-case letters, digits and '-',"
            + " beginning with a letter and ending with a letter or digit, at most 63 characters";
}
