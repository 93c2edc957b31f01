package io.lblab.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.SecretReference;
import io.lblab.localkube.PackagedJar;
import io.lblab.sim.SimulatorOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Issue 13's {@code subscriptions} scenario: the standalone simulator serves two subscriptions, the labs' namespace holds
 * a credentials Secret for each, and lab i names the Secret of subscription i mod 2. Each subscription's labs are judged
 * against their own bound: max(critical path, ARM write-budget time of that subscription's writes alone), as ARM's
 * buckets are per subscription and the operator keeps a write budget per subscription.
 */
final class SubscriptionsScenario {
    static final String NAME = "subscriptions";
    static final List<String> SIMULATOR_ARGS = List.of("--subscriptions", "2");
    private static final String SECRET = "bench-subscription-";

    private final List<String> subscriptionIds;
    private final Map<String, String> env;

    SubscriptionsScenario(PackagedJar.Simulator simulator) {
        this.env = simulator.env();
        if (env.get("AZURE_SUBSCRIPTION_ID") == null || env.get("AZURE_SUBSCRIPTION_ID_2") == null) {
            throw new IllegalStateException("the simulator's env file names fewer than two subscriptions: " + env.keySet());
        }
        this.subscriptionIds = List.of(env.get("AZURE_SUBSCRIPTION_ID"), env.get("AZURE_SUBSCRIPTION_ID_2"));
    }

    /** The namespace and one credentials Secret per subscription in it (same principal, different subscription). */
    void createSecrets(KubernetesClient admin, String namespace) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .createOr(NonDeletingOperation::update);
        for (int i = 0; i < subscriptionIds.size(); i++) {
            admin.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(SECRET + (i + 1))
                    .endMetadata()
                    .addToStringData("AZURE_TENANT_ID", env.get("AZURE_TENANT_ID"))
                    .addToStringData("AZURE_CLIENT_ID", env.get("AZURE_CLIENT_ID"))
                    .addToStringData("AZURE_CLIENT_SECRET", env.get("AZURE_CLIENT_SECRET"))
                    .addToStringData("AZURE_SUBSCRIPTION_ID", subscriptionIds.get(i))
                    .build()).createOr(NonDeletingOperation::update);
        }
    }

    /** Lab i's spec: the base spec naming the Secret of subscription i mod 2. */
    static IntFunction<LoadBalancerLabSpec> specs(LoadBalancerLabSpec base) {
        return i -> new LoadBalancerLabSpec(base.mode(), base.location(), base.resourceGroupName(),
                new SecretReference(SECRET + (i % 2 + 1)), base.network(), base.bastion(), base.backends(),
                base.loadBalancer(), base.firewall(), base.testVm(), base.tags(), base.deletionPolicy());
    }

    static int labsIn(int subscription, int labs) {
        return labs / 2 + (subscription < labs % 2 ? 1 : 0);
    }

    /** One subscription's bound: its labs' writes against its own ARM write budget, or the critical path. */
    static double bound(int subscription, int labs, double criticalPathSeconds, int writesPerLab,
                        SimulatorOptions.Throttling arm) {
        return ScaleBound.seconds(criticalPathSeconds, labsIn(subscription, labs), writesPerLab, arm.writeBurst(),
                arm.writesPerSecond());
    }

    /** The bound of the whole run: the slower subscription's. */
    static double bound(int labs, double criticalPathSeconds, int writesPerLab, SimulatorOptions.Throttling arm) {
        return Math.max(bound(0, labs, criticalPathSeconds, writesPerLab, arm),
                bound(1, labs, criticalPathSeconds, writesPerLab, arm));
    }

    /**
     * Each subscription's share of the attempt.
     *
     * @param keys   the labs in creation order (lab i in subscription i mod 2)
     * @param before the simulator's per-subscription counters when the labs were created
     * @param after  the same once all were Ready (or the deadline passed)
     */
    List<BenchReport.SubscriptionShare> shares(String scenario, int labs, int attempt, BenchSettings at, List<String> keys,
                                               LabTracker tracker, long startNanos, double criticalPathSeconds,
                                               int writesPerLab, SimulatorOptions.Throttling arm,
                                               Map<String, SimAdminClient.Counts> before,
                                               Map<String, SimAdminClient.Counts> after) {
        List<BenchReport.SubscriptionShare> shares = new ArrayList<>();
        for (int s = 0; s < subscriptionIds.size(); s++) {
            String id = subscriptionIds.get(s);
            List<Double> ready = new ArrayList<>();
            long last = 0;
            int notReady = 0;
            for (int i = s; i < keys.size(); i += 2) {
                LabTracker.LabState state = tracker.state(keys.get(i));
                if (state.readyNanos == 0) {
                    notReady++;
                    continue;
                }
                ready.add(at.simulatedNanos(state.readyNanos - state.createdNanos));
                last = Math.max(last, state.readyNanos);
            }
            SimAdminClient.Counts zero = new SimAdminClient.Counts(0, 0, 0, 0);
            SimAdminClient.Counts counts = after.getOrDefault(id, zero).minus(before.getOrDefault(id, zero));
            shares.add(new BenchReport.SubscriptionShare(scenario, labs, at.timeScale(), attempt, id, labsIn(s, labs),
                    notReady > 0 || last == 0 ? Double.NaN : at.simulatedNanos(last - startNanos),
                    bound(s, labs, criticalPathSeconds, writesPerLab, arm),
                    OperatorBench.percentile(ready.stream().sorted().toList(), 50), counts.requests(), counts.writes(),
                    counts.throttled429(), notReady));
        }
        return shares;
    }

    /** What one write budget for all the labs would have bounded, for comparison. */
    static String sharedBudgetNote(int labs, double criticalPathSeconds, int writesPerLab, SimulatorOptions.Throttling arm) {
        return String.format(Locale.ROOT, "with one subscription's budget for all %d labs the bound would be %s s; per "
                        + "subscription it is %s s", labs,
                ReportWriter.num(ScaleBound.seconds(criticalPathSeconds, labs, writesPerLab, arm.writeBurst(),
                        arm.writesPerSecond())),
                ReportWriter.num(bound(labs, criticalPathSeconds, writesPerLab, arm)));
    }
}
