package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** {@code myLoadBalancer}: frontend, pool, probe, rule {@code myHTTPRule} and, in Public mode, the outbound rule. */
public record LoadBalancerSpec(
        @Default("80") @Min(1) @Max(65535)
        @JsonPropertyDescription("Frontend port of the load-balancing rule.")
        Integer frontendPort,
        @Default("80") @Min(1) @Max(65535)
        @JsonPropertyDescription("Backend port of the load-balancing rule.")
        Integer backendPort,
        @JsonPropertyDescription("Health probe.")
        ProbeSpec probe,
        @Default("15") @Min(4) @Max(30)
        @JsonPropertyDescription("Idle timeout of the load-balancing rule, in minutes.")
        Integer idleTimeoutMinutes,
        @Default("true")
        @JsonPropertyDescription("Floating IP (direct server return) on the load-balancing rule.")
        Boolean enableFloatingIP,
        @JsonPropertyDescription("Outbound rule; Public mode only. Defaults to enabled in Public mode.")
        OutboundSpec outbound) {

    public static final int PORT = 80;
    public static final int IDLE_TIMEOUT_MINUTES = 15;

    public LoadBalancerSpec {
        frontendPort = frontendPort == null ? PORT : frontendPort;
        backendPort = backendPort == null ? PORT : backendPort;
        probe = probe == null ? ProbeSpec.defaults() : probe;
        idleTimeoutMinutes = idleTimeoutMinutes == null ? IDLE_TIMEOUT_MINUTES : idleTimeoutMinutes;
        enableFloatingIP = enableFloatingIP == null ? Boolean.TRUE : enableFloatingIP;
        // outbound stays null when absent: its default depends on the mode (see LoadBalancerLabSpec#effectiveOutbound)
    }

    public static LoadBalancerSpec defaults() {
        return new LoadBalancerSpec(null, null, null, null, null, null);
    }
}
