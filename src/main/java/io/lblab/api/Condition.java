package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A Kubernetes-style condition ({@code metav1.Condition}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
        String type,
        String status,
        String reason,
        String message,
        String lastTransitionTime,
        Long observedGeneration) {

    public static final String READY = "Ready";
    public static final String TRUE = "True";
    public static final String FALSE = "False";

    /** Same type, status, reason, message and generation: a rewrite would change nothing but the timestamp. */
    public boolean sameStateAs(Condition other) {
        return other != null
                && java.util.Objects.equals(type, other.type)
                && java.util.Objects.equals(status, other.status)
                && java.util.Objects.equals(reason, other.reason)
                && java.util.Objects.equals(message, other.message)
                && java.util.Objects.equals(observedGeneration, other.observedGeneration);
    }
}
