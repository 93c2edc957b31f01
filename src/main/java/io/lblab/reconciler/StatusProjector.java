package io.lblab.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.lblab.api.BackendStatus;
import io.lblab.api.Condition;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabStatus;
import io.lblab.api.Mode;
import io.lblab.api.Phase;
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

    static final String REASON_READY = "Provisioned";

    private StatusProjector() {
    }

    static LoadBalancerLabStatus converging(LoadBalancerLab lab, Blueprint blueprint, LabRuntime runtime, StepConvergence.Result result) {
        Phase phase = result.needsUser() ? Phase.Failed : result.complete() ? Phase.Ready : Phase.Provisioning;
        Condition ready = result.complete()
                ? condition(lab, Condition.TRUE, REASON_READY, "all " + result.steps().size() + " resources are provisioned")
                : condition(lab, Condition.FALSE, notReadyReason(result), notReadyMessage(result));
        return new LoadBalancerLabStatus(phase,
                frontendIp(lab.getSpec().mode(), blueprint, runtime),
                publicIp(blueprint, runtime, LabNames.OUTBOUND_PUBLIC_IP),
                blueprint.resourceGroup(),
                lab.getMetadata().getGeneration(),
                conditions(lab, ready),
                result.steps(),
                backends(lab, blueprint, runtime));
    }

    /** A lab that cannot proceed (invalid spec, credentials, conflict): keeps what it already knew. */
    static LoadBalancerLabStatus blocked(LoadBalancerLab lab, Phase phase, String resourceGroup, String reason, String message) {
        LoadBalancerLabStatus current = lab.getStatus();
        Condition ready = condition(lab, Condition.FALSE, reason, message);
        return new LoadBalancerLabStatus(phase,
                current == null ? null : current.frontendIP(),
                current == null ? null : current.outboundIP(),
                resourceGroup,
                lab.getMetadata().getGeneration(),
                conditions(lab, ready),
                current == null ? List.of() : current.steps(),
                current == null ? List.of() : current.backends());
    }

    /** While the finalizer works: one step, the resource group's deletion. */
    static LoadBalancerLabStatus deleting(LoadBalancerLab lab, String reason, String message) {
        LoadBalancerLabStatus current = lab.getStatus();
        String group = current == null ? null : current.resourceGroup();
        List<StepStatus> steps = group == null ? List.of()
                : List.of(new StepStatus(Blueprint.RESOURCE_GROUP_STEP, StepState.Deleting, null, message));
        return new LoadBalancerLabStatus(Phase.Deleting,
                current == null ? null : current.frontendIP(),
                current == null ? null : current.outboundIP(),
                group,
                lab.getMetadata().getGeneration(),
                conditions(lab, condition(lab, Condition.FALSE, reason, message)),
                steps,
                current == null ? List.of() : current.backends());
    }

    private static String notReadyReason(StepConvergence.Result result) {
        if (result.failure() != null) {
            return result.failure().category() == io.lblab.azure.ArmFailure.Category.THROTTLED ? "Throttled" : "AzureError";
        }
        if (result.throttled()) {
            return "Throttled";
        }
        List<StepStatus> unfinished = result.steps().stream().filter(s -> s.state() != StepState.Succeeded).toList();
        if (unfinished.size() == 1 && unfinished.get(0).name().equals(Steps.BASTION_HOST)) {
            return "WaitingForBastion";
        }
        return "Provisioning";
    }

    private static String notReadyMessage(StepConvergence.Result result) {
        long done = result.steps().stream().filter(s -> s.state() == StepState.Succeeded).count();
        String progress = done + "/" + result.steps().size() + " resources provisioned";
        if (result.failure() != null) {
            return result.failedStep() + ": " + result.failure().summary() + " (" + progress + ")";
        }
        String running = result.steps().stream()
                .filter(s -> s.state() == StepState.InProgress || s.state() == StepState.Deleting)
                .map(StepStatus::name).collect(Collectors.joining(", "));
        return running.isEmpty() ? progress : progress + "; in progress: " + running;
    }

    private static String frontendIp(Mode mode, Blueprint blueprint, LabRuntime runtime) {
        if (mode == Mode.Public) {
            return publicIp(blueprint, runtime, LabNames.LB_PUBLIC_IP);
        }
        ObservedResource lb = observed(blueprint, runtime, ResourceKind.LOAD_BALANCER, LabNames.LOAD_BALANCER);
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

    private static String publicIp(Blueprint blueprint, LabRuntime runtime, String name) {
        ObservedResource ip = observed(blueprint, runtime, ResourceKind.PUBLIC_IP_ADDRESS, name);
        return ip == null || blueprint.byId(ip.id()).isEmpty() ? null : text(ip.body().path("properties").path("ipAddress"));
    }

    private static List<BackendStatus> backends(LoadBalancerLab lab, Blueprint blueprint, LabRuntime runtime) {
        List<BackendStatus> backends = new ArrayList<>();
        for (int i = 1; i <= lab.getSpec().backends().count(); i++) {
            ObservedResource nic = observed(blueprint, runtime, ResourceKind.NETWORK_INTERFACE, LabNames.backendNic(i));
            String ip = nic == null ? null
                    : text(nic.body().path("properties").path("ipConfigurations").path(0).path("properties").path("privateIPAddress"));
            backends.add(new BackendStatus(LabNames.backendVm(i), ip));
        }
        return backends;
    }

    private static ObservedResource observed(Blueprint blueprint, LabRuntime runtime, ResourceKind kind, String name) {
        return runtime.observed.get(LabRuntime.key(kind.resourceId(blueprint.subscriptionId(), blueprint.resourceGroup(), name)));
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
