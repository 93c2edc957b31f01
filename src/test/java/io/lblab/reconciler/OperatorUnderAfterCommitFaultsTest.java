package io.lblab.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.Phase;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.BlueprintInputs;
import io.lblab.blueprint.Blueprints;
import io.lblab.blueprint.DesiredResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator when Azure applies a write and the answer is lost: 10% of the writes that Azure applies lose their
 * answer (connection reset, 500, 502, 504), on top of 10% before-commit faults on every request (429, 500, 503,
 * reset). Two one-shots make the worst cases certain: each lab's first Bastion PUT loses its answer, so the SDK's
 * retry meets the running operation (409 AnotherOperationInProgress reaches the operator), and one NSG PUT is
 * answered only after the operator's HTTP client has given up (azure-core's 60 s response timeout).
 *
 * <p>Both modes must reach Ready with nothing created twice (every resource has exactly one PUT answered 201
 * Created; a PUT repeated after a lost answer is an update) and nothing left over (every resource in a lab's group
 * is in its blueprint; disks belong to its VMs), and the retries must be visible in status while they happen.
 */
@QuarkusTest
@WithKubernetesTestServer
@QuarkusTestResource(SimulatorTestResource.class)
class OperatorUnderAfterCommitFaultsTest {

    private static final String NAMESPACE = "it-aftercommit";
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    /** Past azure-core's default response timeout (60 s), which the operator's HTTP client keeps. */
    private static final long HOLD_MILLIS = 61_000;
    private static final String FAULTS = """
            {"seed": 20261129, "timeoutHoldMillis": %d,
             "rules": [
               {"type": "*", "method": "PUT|PATCH|DELETE|POST",
                "throttle429": 0.04, "error500": 0.02, "error503": 0.02, "connectionReset": 0.02,
                "afterCommitReset": 0.025, "afterCommit500": 0.025, "afterCommit502": 0.025, "afterCommit504": 0.025},
               {"type": "*", "method": "*",
                "throttle429": 0.04, "error500": 0.02, "error503": 0.02, "connectionReset": 0.02}],
             "oneShots": [
               {"type": "Microsoft.Network/bastionHosts", "method": "PUT", "fault": "afterCommitReset", "count": 2},
               {"type": "Microsoft.Network/networkSecurityGroups", "method": "PUT", "fault": "afterCommitTimeout",
                "count": 1}]}
            """.formatted(HOLD_MILLIS);

    @Inject
    KubernetesClient kubernetes;

    LabTestSupport labs;
    SimAdmin sim;

    @BeforeEach
    void setUp() {
        labs = new LabTestSupport(kubernetes);
        sim = new SimAdmin(SimulatorTestResource.simulator().info());
        sim.clearFaults();
    }

    /** Whatever happened, the next test (sharing this Quarkus boot and simulator) starts without faults. */
    @AfterEach
    void clearFaults() {
        sim.clearFaults();
    }

    @Test
    void bothModesReachReadyWhenAppliedWritesLoseTheirAnswers() {
        sim.faults(FAULTS);
        List<String> names = List.of("public-lab", "internal-lab");

        Set<String> reasons;
        Map<String, String> failedSteps;
        try (StatusRecorder statuses = StatusRecorder.watch(kubernetes, NAMESPACE)) {
            labs.create(NAMESPACE, LabTestSupport.sample("public.yaml"));
            labs.create(NAMESPACE, LabTestSupport.sample("internal.yaml"));
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> names.stream().allMatch(name -> {
                LoadBalancerLab lab = labs.get(NAMESPACE, name);
                return lab != null && lab.getStatus() != null && lab.getStatus().phase() == Phase.Ready
                        && lab.getStatus().observedGeneration().equals(lab.getMetadata().getGeneration());
            }));
            reasons = statuses.readyReasons();
            failedSteps = statuses.failedSteps();
        }
        JsonNode stats = sim.stats();
        JsonNode operations = sim.operations();

        // nothing created twice, every repeat an update; count what happened
        Map<String, Integer> puts = new TreeMap<>();
        Map<String, Integer> creations = new TreeMap<>();
        Map<String, Boolean> lastPutUnanswered = new TreeMap<>();
        List<String> repeatsWithoutLostAnswer = new ArrayList<>();
        int unansweredOperations = 0;
        for (JsonNode op : operations) {
            String id = op.path("resourceId").asText().toLowerCase(Locale.ROOT);
            if (!id.contains("/resourcegroups/lblab-" + NAMESPACE + "-")) {
                continue;
            }
            unansweredOperations += op.path("unanswered").asBoolean() ? 1 : 0;
            if ("PUT".equals(op.path("method").asText())) {
                puts.merge(id, 1, Integer::sum);
                creations.merge(id, op.path("created").asBoolean() ? 1 : 0, Integer::sum);
                Boolean previousLost = lastPutUnanswered.put(id, op.path("unanswered").asBoolean());
                if (previousLost != null && !previousLost) {
                    repeatsWithoutLostAnswer.add(id.substring(id.indexOf("/resourcegroups/")));
                }
            }
        }
        int repeatedPuts = puts.values().stream().mapToInt(n -> n - 1).sum();
        Map<String, Long> unansweredByFault = new TreeMap<>();
        stats.path("unansweredWrites").forEach(w -> unansweredByFault.merge(w.path("method").asText() + " "
                + w.path("fault").asText(), 1L, Long::sum));
        Map<String, Integer> repeatedByResource = new TreeMap<>();
        puts.forEach((id, n) -> {
            if (n > 1) {
                String group = id.replaceFirst(".*/resourcegroups/lblab-" + NAMESPACE + "-([^/]+)/.*", "$1");
                repeatedByResource.put(group + ":" + id.substring(id.lastIndexOf('/') + 1), n);
            }
        });
        System.out.printf("after-commit faults: %d requests (%d writes); %d PUT operations on %d resources, %d repeated"
                        + " PUT(s) %s; %d applied-but-unanswered writes %s (%d of them started an operation);"
                        + " statuses %s; Ready reasons seen %s; failed steps seen %s%n",
                stats.path("requests").asLong(), stats.path("writes").asLong(),
                puts.values().stream().mapToInt(Integer::intValue).sum(), puts.size(), repeatedPuts, repeatedByResource,
                stats.path("unanswered").asLong(), unansweredByFault, unansweredOperations, stats.path("byStatus"),
                reasons, failedSteps);

        for (String name : names) {
            LoadBalancerLab lab = labs.get(NAMESPACE, name);
            Blueprint blueprint = Blueprints.of(new BlueprintInputs(NAMESPACE, name, lab.getMetadata().getUid(),
                    SimulatorTestResource.simulator().info().subscriptionId(), lab.getSpec(), "unused-Passw0rd"));
            String group = blueprint.resourceGroup().toLowerCase(Locale.ROOT);
            Set<String> desired = blueprint.resources().stream().map(r -> r.id().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toCollection(TreeSet::new));
            Map<String, Integer> created = creations.entrySet().stream()
                    .filter(e -> e.getKey().contains("/resourcegroups/" + group + "/"))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
            assertThat(created.keySet()).as("%s: a PUT for every blueprint resource and nothing else", name)
                    .containsExactlyInAnyOrderElementsOf(desired);
            assertThat(created).as("%s: PUTs answered 201 Created per resource", name)
                    .allSatisfy((id, count) -> assertThat(count).as("creations of %s", id).isEqualTo(1));

            Set<String> vms = blueprint.resources().stream().filter(r -> r.kind().armType().endsWith("/virtualMachines"))
                    .map(DesiredResource::id).map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            List<String> orphans = new ArrayList<>();
            for (JsonNode resource : sim.resourcesIn(group, null)) {
                String id = resource.path("id").asText().toLowerCase(Locale.ROOT);
                boolean vmDisk = "Microsoft.Compute/disks".equalsIgnoreCase(resource.path("type").asText())
                        && vms.contains(resource.path("managedBy").asText().toLowerCase(Locale.ROOT));
                if (!desired.contains(id) && !vmDisk) {
                    orphans.add(id);
                }
            }
            assertThat(orphans).as("%s: resources in the group outside the blueprint", name).isEmpty();
            assertThat(sim.resourcesIn(group, null).stream().map(r -> r.path("id").asText().toLowerCase(Locale.ROOT)))
                    .as("%s: every blueprint resource exists", name).containsAll(desired);
        }
        // a PUT is repeated only after its answer was lost (the SDK's retry, or the operator's after its call failed),
        // never after the operator saw it succeed
        assertThat(repeatsWithoutLostAnswer).as("PUTs repeated although the previous one was answered").isEmpty();
        // the one-shots alone: two Bastion PUTs reset, one NSG PUT timed out
        assertThat(stats.path("unanswered").asLong()).as("applied-but-unanswered writes").isGreaterThanOrEqualTo(3);
        assertThat(unansweredByFault).containsKeys("PUT afterCommitTimeout", "PUT afterCommitReset");
        assertThat(stats.path("byStatus").path("409").asLong()).as("retries that met their own lost write's operation")
                .isPositive();
        assertThat(!failedSteps.isEmpty() || reasons.contains("AzureError"))
                .as("the retries were visible in status (reasons %s, failed steps %s)", reasons, failedSteps).isTrue();

        // teardown under the same faults: the groups go, the labs release their finalizers
        for (String name : names) {
            labs.delete(NAMESPACE, name);
        }
        for (String name : names) {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> labs.get(NAMESPACE, name) == null);
        }
        sim.clearFaults();
        for (String name : names) {
            assertThat(sim.groupExists("lblab-" + NAMESPACE + "-" + name)).as("group of %s", name).isFalse();
        }
    }
}
