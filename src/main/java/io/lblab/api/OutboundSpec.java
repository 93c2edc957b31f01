package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Public mode's outbound connectivity: {@code myPublicIPOutbound}, {@code myFrontEndOutbound},
 * {@code myBackendPoolOutbound} and {@code myOutboundRule}.
 */
@ValidationRule(value = "!has(self.allocatedOutboundPorts) || self.allocatedOutboundPorts % 8 == 0",
        message = "loadBalancer.outbound.allocatedOutboundPorts must be a multiple of 8", reason = "FieldValueInvalid")
public record OutboundSpec(
        @Default("true")
        @JsonPropertyDescription("Create the outbound public IP, frontend, pool and rule (Public mode only).")
        Boolean enabled,
        @Default("10000") @Min(0) @Max(64000)
        @JsonPropertyDescription("SNAT ports allocated per backend instance; a multiple of 8.")
        Integer allocatedOutboundPorts,
        @Default("15") @Min(4) @Max(120)
        @JsonPropertyDescription("Idle timeout of outbound flows, in minutes.")
        Integer idleTimeoutMinutes) {

    public static final int ALLOCATED_OUTBOUND_PORTS = 10000;
    public static final int IDLE_TIMEOUT_MINUTES = 15;

    public OutboundSpec {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        allocatedOutboundPorts = allocatedOutboundPorts == null ? ALLOCATED_OUTBOUND_PORTS : allocatedOutboundPorts;
        idleTimeoutMinutes = idleTimeoutMinutes == null ? IDLE_TIMEOUT_MINUTES : idleTimeoutMinutes;
    }

    public static OutboundSpec defaults() {
        return new OutboundSpec(null, null, null);
    }
}
