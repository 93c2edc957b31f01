package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** Observed state of one lab; written only when it changes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadBalancerLabStatus(
        Phase phase,
        String frontendIP,
        String outboundIP,
        String resourceGroup,
        Long observedGeneration,
        List<Condition> conditions,
        List<StepStatus> steps,
        List<BackendStatus> backends,
        PlanStatus plan) {

    public LoadBalancerLabStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        steps = steps == null ? List.of() : List.copyOf(steps);
        backends = backends == null ? List.of() : List.copyOf(backends);
    }

    /** Without a plan (every status but the one of a plan-only lab). */
    public LoadBalancerLabStatus(Phase phase, String frontendIP, String outboundIP, String resourceGroup, Long observedGeneration,
                                 List<Condition> conditions, List<StepStatus> steps, List<BackendStatus> backends) {
        this(phase, frontendIP, outboundIP, resourceGroup, observedGeneration, conditions, steps, backends, null);
    }

    public Condition condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.type())).findFirst().orElse(null);
    }
}
