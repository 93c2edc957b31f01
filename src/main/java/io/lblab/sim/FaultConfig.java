package io.lblab.sim;

import java.util.List;

/**
 * Faults to inject; the JSON body of {@code POST /_sim/faults}. Types are stats type keys
 * ({@code Microsoft.Network/bastionHosts}, {@code Microsoft.Network/virtualNetworks/subnets},
 * {@code Microsoft.Resources/resourceGroups}, {@code operations}) and, like methods, accept
 * {@code *} wildcards; matching is case-insensitive. Injected request faults happen before the
 * request is processed, so they have no side effects.
 *
 * @param seed     when non-null, re-seeds the injector's random numbers
 * @param rules    probabilistic faults; the first rule matching a request applies
 * @param oneShots targeted faults, each consumed {@code count} times, checked before the rules
 */
public record FaultConfig(Long seed, List<FaultRule> rules, List<OneShotFault> oneShots) {

    public FaultConfig {
        rules = rules == null ? List.of() : List.copyOf(rules);
        oneShots = oneShots == null ? List.of() : List.copyOf(oneShots);
    }

    public static FaultConfig of(FaultRule... rules) {
        return new FaultConfig(null, List.of(rules), List.of());
    }

    public static FaultConfig of(OneShotFault... oneShots) {
        return new FaultConfig(null, List.of(), List.of(oneShots));
    }

    /**
     * Probabilities (0..1) per matching request. {@code throttle429 + error500 + error503 +
     * connectionReset} is drawn once per request; {@code asyncFailure} once per started operation.
     *
     * @param errorCode code of an async failure; default {@code InternalServerError}
     */
    public record FaultRule(String type, String method, double throttle429, double error500, double error503,
                            double connectionReset, double asyncFailure, String errorCode) {
    }

    /**
     * "Fail the next {@code count} {@code method}s of {@code type}".
     *
     * @param fault        one of {@code throttle429}, {@code error500}, {@code error503},
     *                     {@code connectionReset}, {@code asyncFailure}
     * @param resourceName optional: only requests for a resource (or child) of this name
     * @param errorCode    for asyncFailure: the ARM error code (default {@code InternalServerError})
     */
    public record OneShotFault(String type, String method, String fault, int count, String resourceName,
                               String errorCode, String errorMessage) {
        public static OneShotFault of(String type, String method, String fault, int count) {
            return new OneShotFault(type, method, fault, count, null, null, null);
        }
    }
}
