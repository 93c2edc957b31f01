package io.lblab.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.lblab.api.BackendStatus;
import io.lblab.api.Condition;
import io.lblab.api.LabAnnotations;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabStatus;
import io.lblab.api.Mode;
import io.lblab.api.Phase;
import io.lblab.api.PlanStatus;
import io.lblab.api.StepState;
import io.lblab.api.StepStatus;
import io.lblab.azure.ObservedResource;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.LabNames;
import io.lblab.blueprint.ResourceKind;
import io.lblab.blueprint.Steps;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the lab's status from a convergence pass and what Azure shows. */
final class StatusProjector {

    private StatusProjector() {
    }

    static LoadBalancerLabStatus converging(LoadBalancerLab lab, Observation observation, Plan plan) {
        return converging(lab, observation, plan, null);
    }

    /** @param preview {@code status.plan} of a plan-only lab, else null */
    static LoadBalancerLabStatus converging(LoadBalancerLab lab, Observation observation, Plan plan, PlanStatus preview) {
        Blueprint blueprint = plan.blueprint();
        List<StepStatus> steps = plan.steps();
        Condition ready;
        Phase phase;
        if (plan.mode() == StepPlanner.Mode.PAUSED) {
            phase = ReadyReason.Paused.phase(true);
            long held = plan.held();
            ready = condition(lab, Condition.FALSE, ReadyReason.Paused.name(), LabAnnotations.PAUSED + " is \"true\": nothing is written to Azure; "
                    + (held == 0 ? "Azure matches the spec" : held + " write(s) held back, drift not repaired (status.steps)"));
        } else if (plan.mode() == StepPlanner.Mode.PLAN_ONLY) {
            phase = ReadyReason.PlanReady.phase(true);
            ready = condition(lab, Condition.FALSE, ReadyReason.PlanReady.name(), LabAnnotations.PLAN_ONLY + " is \"true\": "
                    + (preview == null ? plan.held() + " write(s)" : preview.summary())
                    + " (status.plan); nothing is written to Azure until the annotation is removed");
        } else if (plan.complete()) {
            phase = Phase.Ready;
            ready = condition(lab, Condition.TRUE, ReadyReason.Provisioned.name(), "all " + steps.size() + " resources are provisioned");
        } else {
            Outcome outcome = notReady(plan, steps);
            phase = outcome.reason().phase(!plan.needsUser());
            ready = condition(lab, Condition.FALSE, outcome.reason().name(), outcome.message());
        }
        return new LoadBalancerLabStatus(phase,
                frontendIp(lab.getSpec().mode(), blueprint, observation),
                publicIp(blueprint, observation, LabNames.OUTBOUND_PUBLIC_IP),
                blueprint.resourceGroup(),
                lab.getMetadata().getGeneration(),
                conditions(lab, ready),
                steps,
                backends(lab, blueprint, observation),
                preview);
    }

    /** A lab that cannot proceed (invalid spec, credentials, conflict, a failed call): keeps what it already knew. */
    static LoadBalancerLabStatus blocked(LoadBalancerLab lab, String resourceGroup, Outcome outcome) {
        LoadBalancerLabStatus current = lab.getStatus();
        Condition ready = condition(lab, Condition.FALSE, outcome.reason().name(), outcome.message());
        return new LoadBalancerLabStatus(outcome.reason().phase(outcome.retrying()),
                current == null ? null : current.frontendIP(),
                current == null ? null : current.outboundIP(),
                resourceGroup,
                lab.getMetadata().getGeneration(),
                conditions(lab, ready),
                current == null ? List.of() : current.steps(),
                current == null ? List.of() : current.backends());
    }

    /** While the finalizer works: one step, the resource group's deletion. */
    static LoadBalancerLabStatus deleting(LoadBalancerLab lab, Outcome outcome) {
        LoadBalancerLabStatus current = lab.getStatus();
        String group = current == null ? null : current.resourceGroup();
        List<StepStatus> steps = group == null ? List.of()
                : List.of(new StepStatus(Blueprint.RESOURCE_GROUP_STEP, StepState.Deleting, null, outcome.message()));
        return new LoadBalancerLabStatus(Phase.Deleting,
                current == null ? null : current.frontendIP(),
                current == null ? null : current.outboundIP(),
                group,
                lab.getMetadata().getGeneration(),
                conditions(lab, condition(lab, Condition.FALSE, outcome.reason().name(), outcome.message())),
                steps,
                current == null ? List.of() : current.backends());
    }

    private static Outcome notReady(Plan plan, List<StepStatus> steps) {
        long done = steps.stream().filter(s -> s.state() == StepState.Succeeded).count();
        String progress = done + "/" + steps.size() + " resources provisioned";
        var failure = plan.firstFailure();
        if (failure.isPresent()) {
            Outcome outcome = failure.get().failure().outcome();
            return new Outcome(outcome.reason(), failure.get().step() + ": " + outcome.message() + " (" + progress + ")", outcome.retryAfter());
        }
        if (plan.waitingForBudget()) {
            return Outcome.waitForChange(ReadyReason.Throttled, "waiting for the subscription's write budget (" + progress + ")");
        }
        List<StepStatus> unfinished = steps.stream().filter(s -> s.state() != StepState.Succeeded).toList();
        ReadyReason reason = unfinished.size() == 1 && unfinished.get(0).name().equals(Steps.BASTION_HOST)
                ? ReadyReason.WaitingForBastion : ReadyReason.Provisioning;
        String running = steps.stream()
                .filter(s -> s.state() == StepState.InProgress || s.state() == StepState.Deleting)
                .map(StepStatus::name).collect(Collectors.joining(", "));
        return Outcome.waitForChange(reason, running.isEmpty() ? progress : progress + "; in progress: " + running);
    }

    private static String frontendIp(Mode mode, Blueprint blueprint, Observation observation) {
        if (mode == Mode.Public) {
            return publicIp(blueprint, observation, LabNames.LB_PUBLIC_IP);
        }
        ObservedResource lb = observed(blueprint, observation, ResourceKind.LOAD_BALANCER, LabNames.LOAD_BALANCER);
        if (lb == null) {
            return null;
        }
        for (JsonNode frontend : lb.body().path("properties").path("frontendIPConfigurations")) {
            if (LabNames.FRONTEND.equalsIgnoreCase(frontend.path("name").asText())) {
                return text(frontend.path("properties").path("privateIPAddress"));
            }
        }
        return null;
    }

    private static String publicIp(Blueprint blueprint, Observation observation, String name) {
        ObservedResource ip = observed(blueprint, observation, ResourceKind.PUBLIC_IP_ADDRESS, name);
        return ip == null || blueprint.byId(ip.id()).isEmpty() ? null : text(ip.body().path("properties").path("ipAddress"));
    }

    private static List<BackendStatus> backends(LoadBalancerLab lab, Blueprint blueprint, Observation observation) {
        List<BackendStatus> backends = new ArrayList<>();
        for (int i = 1; i <= lab.getSpec().backends().count(); i++) {
            ObservedResource nic = observed(blueprint, observation, ResourceKind.NETWORK_INTERFACE, LabNames.backendNic(i));
            String ip = nic == null ? null
                    : text(nic.body().path("properties").path("ipConfigurations").path(0).path("properties").path("privateIPAddress"));
            backends.add(new BackendStatus(LabNames.backendVm(i), ip));
        }
        return backends;
    }

    private static ObservedResource observed(Blueprint blueprint, Observation observation, ResourceKind kind, String name) {
        return observation.get(kind.resourceId(blueprint.subscriptionId(), blueprint.resourceGroup(), name));
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }

    static Condition condition(LoadBalancerLab lab, String status, String reason, String message) {
        Condition previous = lab.getStatus() == null ? null : lab.getStatus().condition(Condition.READY);
        String transition = previous != null && status.equals(previous.status()) && previous.lastTransitionTime() != null
                ? previous.lastTransitionTime()
                : DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        return new Condition(Condition.READY, status, reason, message, transition, lab.getMetadata().getGeneration());
    }

    private static List<Condition> conditions(LoadBalancerLab lab, Condition ready) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(ready);
        if (lab.getStatus() != null) {
            lab.getStatus().conditions().stream().filter(c -> !Condition.READY.equals(c.type())).forEach(conditions::add);
        }
        return conditions;
    }
}
