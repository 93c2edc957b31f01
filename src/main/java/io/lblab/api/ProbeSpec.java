package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** Health probe {@code myHealthProbe}. */
@ValidationRule(value = "self.protocol == 'Tcp' || has(self.requestPath)",
        message = "loadBalancer.probe.requestPath is required for Http and Https probes",
        reason = "FieldValueRequired")
@ValidationRule(value = "self.protocol != 'Tcp' || !has(self.requestPath)",
        message = "loadBalancer.probe.requestPath is only allowed for Http and Https probes",
        reason = "FieldValueForbidden")
public record ProbeSpec(
        @Default("Tcp")
        @JsonPropertyDescription("Probe protocol: Tcp, Http or Https.")
        ProbeProtocol protocol,
        @Default("80") @Min(1) @Max(65535)
        @JsonPropertyDescription("Port the probe connects to on each backend.")
        Integer port,
        @Pattern(Patterns.PROBE_PATH)
        @JsonPropertyDescription("Request path of an Http or Https probe, e.g. '/'. Required for those protocols.")
        String requestPath) {

    public static final int PORT = 80;

    public ProbeSpec {
        protocol = protocol == null ? ProbeProtocol.Tcp : protocol;
        port = port == null ? PORT : port;
    }

    public static ProbeSpec defaults() {
        return new ProbeSpec(null, null, null);
    }
}
