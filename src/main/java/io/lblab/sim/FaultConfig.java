package io.lblab.sim;

import java.util.List;

/**
 * Faults to inject; the JSON body of {@code POST /_sim/faults}. Types are stats type keys
 * ({@code Microsoft.Network/bastionHosts}, {@code Microsoft.Network/virtualNetworks/subnets},
 * {@code Microsoft.Resources/resourceGroups}, {@code operations}) and, like methods, accept
 * {@code *} wildcards and alternatives separated by {@code |} ({@code PUT|PATCH|DELETE});
 * matching is case-insensitive.
 *
 * <p>Two families of request faults exist. <em>Before-commit</em> faults ({@code throttle429},
 * {@code error500}, {@code error503}, {@code connectionReset}) answer a request before it is
 * processed, so they have no side effects. <em>After-commit</em> faults ({@code afterCommitReset},
 * {@code afterCommit500}, {@code afterCommit502}, {@code afterCommit504}, {@code afterCommitTimeout})
 * hit a write only once it was applied (answered 200, 201 or 202: stored, its operation started),
 * and replace the answer: the client does not learn that its write happened.
 *
 * @param seed              when non-null, re-seeds the injector's random numbers
 * @param rules             probabilistic faults; the first rule matching a request applies
 * @param oneShots          targeted faults, each consumed {@code count} times, checked before the rules
 * @param timeoutHoldMillis when non-null, how long an {@code afterCommitTimeout} holds the answer before
 *                          answering 504 {@code GatewayTimeout} (0..600000; default 65000, past the Azure SDK's
 *                          default 60 s response timeout)
 */
public record FaultConfig(Long seed, List<FaultRule> rules, List<OneShotFault> oneShots, Long timeoutHoldMillis) {

    /** Longest hold an {@code afterCommitTimeout} may ask for: ten minutes. */
    public static final long MAX_TIMEOUT_HOLD_MILLIS = 600_000;
    /** Default hold: past the Azure SDK's default response timeout of 60 s. */
    public static final long DEFAULT_TIMEOUT_HOLD_MILLIS = 65_000;

    public FaultConfig {
        rules = rules == null ? List.of() : List.copyOf(rules);
        oneShots = oneShots == null ? List.of() : List.copyOf(oneShots);
    }

    public FaultConfig(Long seed, List<FaultRule> rules, List<OneShotFault> oneShots) {
        this(seed, rules, oneShots, null);
    }

    public static FaultConfig of(FaultRule... rules) {
        return new FaultConfig(null, List.of(rules), List.of());
    }

    public static FaultConfig of(OneShotFault... oneShots) {
        return new FaultConfig(null, List.of(), List.of(oneShots));
    }

    /** This configuration with {@code afterCommitTimeout}s holding their answer {@code millis}. */
    public FaultConfig withTimeoutHoldMillis(long millis) {
        return new FaultConfig(seed, rules, oneShots, millis);
    }

    /**
     * Probabilities (0..1) per matching request. {@code throttle429 + error500 + error503 +
     * connectionReset} is drawn once per request, before it is processed; {@code asyncFailure} once per
     * started operation; {@code afterCommitReset + afterCommit500 + afterCommit502 + afterCommit504 +
     * afterCommitTimeout} once per applied write (only when at least one of them is non-zero).
     *
     * @param errorCode code of an async failure; default {@code InternalServerError}
     */
    public record FaultRule(String type, String method, double throttle429, double error500, double error503,
                            double connectionReset, double asyncFailure, String errorCode,
                            double afterCommitReset, double afterCommit500, double afterCommit502,
                            double afterCommit504, double afterCommitTimeout) {

        /** A rule with before-commit and async faults only. */
        public FaultRule(String type, String method, double throttle429, double error500, double error503,
                         double connectionReset, double asyncFailure, String errorCode) {
            this(type, method, throttle429, error500, error503, connectionReset, asyncFailure, errorCode,
                    0, 0, 0, 0, 0);
        }

        /** A rule with after-commit faults only. */
        public static FaultRule afterCommit(String type, String method, double reset, double error500,
                                            double error502, double error504, double timeout) {
            return new FaultRule(type, method, 0, 0, 0, 0, 0, null, reset, error500, error502, error504, timeout);
        }

        /** This rule with the given after-commit probabilities. */
        public FaultRule withAfterCommit(double reset, double error500, double error502, double error504,
                                         double timeout) {
            return new FaultRule(type, method, throttle429, this.error500, error503, connectionReset, asyncFailure,
                    errorCode, reset, error500, error502, error504, timeout);
        }

        /** The sum of the after-commit probabilities. */
        public double afterCommitTotal() {
            return afterCommitReset + afterCommit500 + afterCommit502 + afterCommit504 + afterCommitTimeout;
        }
    }

    /**
     * "Fail the next {@code count} {@code method}s of {@code type}".
     *
     * @param fault        before commit: {@code throttle429}, {@code error500}, {@code error503},
     *                     {@code connectionReset}; async: {@code asyncFailure}; after commit:
     *                     {@code afterCommitReset}, {@code afterCommit500}, {@code afterCommit502},
     *                     {@code afterCommit504}, {@code afterCommitTimeout} (consumed only by writes that were
     *                     applied)
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
