package io.lblab.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lblab.api.BackendsSpec;
import io.lblab.api.BastionSpec;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.Mode;
import io.lblab.api.Phase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's {@code /q/metrics} after a lab's run, checked against what Azure (the simulator's {@code /_sim/stats}
 * and {@code /_sim/operations}) saw in the same run: one throttled PUT, one operation failing in Azure, and a
 * drift repair. Then every metric the Grafana dashboard queries must be in the output.
 */
@QuarkusTest
@WithKubernetesTestServer
@QuarkusTestResource(SimulatorTestResource.class)
class OperatorMetricsTest {

    static final Path DASHBOARD = Path.of("deploy/grafana/lblab-operator-dashboard.json");
    private static final String NAMESPACE = "it-metrics";
    private static final String GROUP = "lblab-it-metrics-metrics";
    private static final String NSG = "Microsoft.Network/networkSecurityGroups";
    private static final String VNET = "Microsoft.Network/virtualNetworks";
    private static final String RESOURCE_GROUPS = "Microsoft.Resources/resourceGroups";

    /** The lab's run happens once per test JVM; both tests look at what it left in the metrics. */
    private static PrometheusText afterRun;

    @Inject
    KubernetesClient kubernetes;
    @TestHTTPResource("/q/metrics")
    URL metrics;

    LabTestSupport labs;
    SimAdmin sim;

    @BeforeEach
    void setUp() {
        labs = new LabTestSupport(kubernetes);
        sim = new SimAdmin(SimulatorTestResource.simulator().info());
        sim.clearFaults();
    }

    @Test
    void metricsAgreeWithWhatAzureSawDuringALabsRun() {
        runLabOnce();
    }

    @Test
    void everyMetricOfTheDashboardIsServed() throws IOException {
        PrometheusText served = runLabOnce();
        Map<String, Set<String>> metricsByPanel = dashboardMetrics(new ObjectMapper().readTree(DASHBOARD.toFile()));
        assertThat(metricsByPanel).as("panels with PromQL in %s", DASHBOARD).hasSizeGreaterThanOrEqualTo(6);
        Set<String> names = served.names();
        metricsByPanel.forEach((panel, used) -> assertThat(names)
                .as("metrics of panel '%s' in /q/metrics", panel).containsAll(used));
    }

    private static boolean attempted;

    private synchronized PrometheusText runLabOnce() {
        if (!attempted) {
            attempted = true;
            try {
                afterRun = runLab();
            } finally {
                if (labs.get(NAMESPACE, "metrics") != null) {
                    labs.deleteAndAwaitGone(NAMESPACE, "metrics");
                }
            }
        }
        assertThat(afterRun).as("the lab's run (metricsAgreeWithWhatAzureSawDuringALabsRun) failed").isNotNull();
        return afterRun;
    }

    private PrometheusText runLab() {
        Snapshot before = snapshot();
        // one NSG PUT throttled (the SDK waits and sends it again), the VNet's first PUT failing in Azure
        sim.faults("{\"oneShots\":[{\"type\":\"" + NSG + "\",\"method\":\"PUT\",\"fault\":\"throttle429\",\"count\":1},"
                + "{\"type\":\"" + VNET + "\",\"method\":\"PUT\",\"fault\":\"asyncFailure\",\"count\":1}]}");
        Instant created = Instant.now();
        labs.create(NAMESPACE, LabTestSupport.lab("metrics", new LoadBalancerLabSpec(Mode.Public, null, null, null, null,
                new BastionSpec(false), new BackendsSpec(1, null, null, null, null), null, null, null, null, null)));
        labs.awaitReady(NAMESPACE, "metrics");
        Duration toReady = Duration.between(created, Instant.now());
        sim.clearFaults();

        // drift: the NSG's rule changed in Azure behind the operator's back, repaired at the next look (3 s in tests)
        String nsgId = sim.resourcesIn(GROUP, NSG).get(0).path("id").asText();
        sim.patchResource(nsgId, "{\"properties\":{\"securityRules\":[{\"name\":\"myNSGRuleHTTP\",\"properties\":{"
                + "\"protocol\":\"*\",\"sourceAddressPrefix\":\"*\",\"sourcePortRange\":\"*\",\"destinationAddressPrefix\":\"*\","
                + "\"destinationPortRange\":\"3389\",\"access\":\"Allow\",\"priority\":200,\"direction\":\"Inbound\"}}]}}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                delta(scrape(), before.metrics, "lblab_drift_repairs_total", s -> s.label("resource_type").equals(NSG)) == 1
                        && labs.get(NAMESPACE, "metrics").getStatus().phase() == Phase.Ready);
        LoadBalancerLab lab = labs.awaitReady(NAMESPACE, "metrics");

        // a consistent pair: nothing reached Azure between two scrapes around the simulator's stats (the lab's
        // periodic look at Azure may run at any time)
        Snapshot after;
        try {
            after = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> quiescentSnapshot(before), s -> s != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            after = snapshot(); // the assertions below then say what differs
        }
        PrometheusText m = after.metrics;
        writeForInspection(m);

        // ARM requests: every request the simulator saw, the operator counted, by method and type and by status
        Map<String, Double> simByTypeAndMethod = minus(byTypeAndMethod(after.stats), byTypeAndMethod(before.stats));
        Map<String, Double> opByTypeAndMethod = minus(
                m.sumBy("lblab_arm_requests_total", s -> true, "resource_type", "method"),
                before.metrics.sumBy("lblab_arm_requests_total", s -> true, "resource_type", "method"));
        assertThat(opByTypeAndMethod).as("lblab_arm_requests_total by resource_type and method vs /_sim/stats byType")
                .isEqualTo(simByTypeAndMethod);
        assertThat(opByTypeAndMethod).containsKeys(NSG + " PUT", VNET + " PUT", RESOURCE_GROUPS + " PUT",
                "Microsoft.Resources/resources GET", "operationStatus GET");
        assertThat(minus(m.sumBy("lblab_arm_requests_total", s -> true, "status_code"),
                before.metrics.sumBy("lblab_arm_requests_total", s -> true, "status_code")))
                .as("lblab_arm_requests_total by status_code vs /_sim/stats byStatus")
                .isEqualTo(minus(numbers(after.stats.path("byStatus")), numbers(before.stats.path("byStatus"))));
        double writes = after.stats.path("writes").asDouble() - before.stats.path("writes").asDouble();
        assertThat(delta(m, before.metrics, "lblab_arm_requests_total", s -> !s.label("method").equals("GET")))
                .as("ARM writes counted by the operator vs the simulator").isEqualTo(writes).isGreaterThanOrEqualTo(9);
        assertThat(delta(m, before.metrics, "lblab_arm_throttled_requests_total", s -> true))
                .as("429s counted by the operator vs the simulator")
                .isEqualTo(after.stats.path("byStatus").path("429").asDouble() - before.stats.path("byStatus").path("429").asDouble())
                .isEqualTo(1);
        assertThat(delta(m, before.metrics, "lblab_arm_request_duration_seconds_count", s -> true))
                .as("every request timed").isEqualTo(delta(m, before.metrics, "lblab_arm_requests_total", s -> true));

        // long-running operations: one per write the simulator ran as an operation, by type, method and outcome
        Map<String, Double> simOperations = new TreeMap<>();
        for (JsonNode operation : sim.operations()) {
            if (operation.path("resourceId").asText().toLowerCase().contains("/resourcegroups/" + GROUP + "/")) {
                String outcome = "Failed".equals(operation.path("status").asText()) ? "failed" : "succeeded";
                simOperations.merge(operation.path("resourceType").asText() + " " + operation.path("method").asText() + " "
                        + outcome, 1.0, Double::sum);
            }
        }
        Map<String, Double> operatorOperations = minus(
                m.sumBy("lblab_arm_operation_duration_seconds_count", s -> !s.label("resource_type").equals(RESOURCE_GROUPS),
                        "resource_type", "method", "outcome"),
                before.metrics.sumBy("lblab_arm_operation_duration_seconds_count",
                        s -> !s.label("resource_type").equals(RESOURCE_GROUPS), "resource_type", "method", "outcome"));
        assertThat(operatorOperations).as("lblab_arm_operation_duration_seconds_count vs /_sim/operations of the lab's group")
                .isEqualTo(simOperations)
                .containsEntry(VNET + " PUT failed", 1.0)
                .containsEntry(NSG + " PUT succeeded", 2.0);
        // the group's PUT is synchronous: no operation in the simulator, one write in its stats
        assertThat(delta(m, before.metrics, "lblab_arm_operation_duration_seconds_count",
                s -> s.label("resource_type").equals(RESOURCE_GROUPS) && s.label("method").equals("PUT")))
                .isEqualTo(simByTypeAndMethod.get(RESOURCE_GROUPS + " PUT"));

        // the failed VNet operation is one AzureError; the SDK absorbed the 429, so nothing counts as Throttled
        assertThat(minus(m.sumBy("lblab_reconcile_errors_total", s -> true, "reason"),
                before.metrics.sumBy("lblab_reconcile_errors_total", s -> true, "reason")))
                .isEqualTo(Map.of("AzureError", 1.0));

        // first Ready: once, even though the drift repair took the lab out of Ready and back
        assertThat(delta(m, before.metrics, "lblab_lab_time_to_first_ready_seconds_count", s -> s.label("mode").equals("Public")))
                .isEqualTo(1);
        double seconds = delta(m, before.metrics, "lblab_lab_time_to_first_ready_seconds_sum", s -> true);
        assertThat(seconds).isGreaterThan(0).isLessThanOrEqualTo(toReady.toMillis() / 1000.0 + 2);

        // labs by phase: what kubectl get lblab shows across namespaces
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            PrometheusText now = scrape();
            Map<String, Double> byPhase = new TreeMap<>();
            for (LoadBalancerLab each : kubernetes.resources(LoadBalancerLab.class).inAnyNamespace().list().getItems()) {
                Phase phase = each.getStatus() == null || each.getStatus().phase() == null ? Phase.Pending : each.getStatus().phase();
                byPhase.merge(phase.name(), 1.0, Double::sum);
            }
            Map<String, Double> gauge = new TreeMap<>(now.sumBy("lblab_labs", s -> true, "phase"));
            gauge.values().removeIf(v -> v == 0);
            assertThat(gauge).isEqualTo(byPhase).containsEntry("Ready", byPhase.get("Ready"));
        });
        // one series per subscription written to: other tests in this application may have used the second one
        List<String> served = SimulatorTestResource.simulator().info().subscriptionIds().stream().map(String::toLowerCase).toList();
        assertThat(m.all("lblab_arm_write_budget_available_tokens")).extracting(b -> b.label("subscription_id"))
                .doesNotHaveDuplicates().isSubsetOf(served);
        assertThat(m.all("lblab_arm_write_budget_available_tokens"))
                .filteredOn(b -> b.label("subscription_id").equalsIgnoreCase(served.get(0))).singleElement()
                .satisfies(budget -> assertThat(budget.value()).isBetween(0.0, 150.0));
        // the operator SDK's own metrics included (collected per lab by quarkus-operator-sdk's default)
        assertThat(m.samples()).as("no label carries a lab's name or namespace or a resource id")
                .allSatisfy(s -> assertThat(s.labels().values())
                        .noneMatch(v -> v.equals("metrics") || v.equals(NAMESPACE) || v.toLowerCase().contains("/subscriptions/")));
        assertThat(m.names()).contains("operator_sdk_reconciliations_started_total");
        assertThat(lab.getStatus().phase()).isEqualTo(Phase.Ready);

        System.out.printf("metrics test: %s ARM requests by type and method, %s operations, Ready after %d ms%n",
                opByTypeAndMethod, operatorOperations, toReady.toMillis());
        return m;
    }

    // ---------------------------------------------------------------- the dashboard's PromQL

    /** Functions, aggregations and keywords of PromQL: every other identifier in an expression is a metric. */
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk",
            "bottomk", "quantile", "count_values", "group", "by", "without", "on", "ignoring", "group_left", "group_right",
            "offset", "bool", "and", "or", "unless", "rate", "irate", "increase", "delta", "idelta", "histogram_quantile",
            "clamp_min", "clamp_max", "abs", "ceil", "floor", "round", "label_replace", "label_join", "vector", "scalar",
            "time", "sort", "sort_desc", "absent", "changes", "resets", "deriv", "predict_linear", "sum_over_time",
            "avg_over_time", "max_over_time", "min_over_time", "last_over_time", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /** Panel title → the metric names its targets' expressions query (nested row panels included). */
    static Map<String, Set<String>> dashboardMetrics(JsonNode dashboard) {
        Map<String, Set<String>> out = new TreeMap<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panels::add);
        for (int i = 0; i < panels.size(); i++) {
            JsonNode panel = panels.get(i);
            panel.path("panels").forEach(panels::add);
            Set<String> names = new TreeSet<>();
            for (JsonNode target : panel.path("targets")) {
                names.addAll(metricNames(target.path("expr").asText()));
            }
            if (!names.isEmpty()) {
                out.put(panel.path("title").asText(), names);
            }
        }
        return out;
    }

    static Set<String> metricNames(String expr) {
        String stripped = expr
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")       // strings
                .replaceAll("\\{[^}]*}", " ")                          // label matchers
                .replaceAll("\\[[^]]*]", " ")                          // ranges and subqueries
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ") // label lists
                .replaceAll("\\$\\{?[a-zA-Z_]\\w*}?", " ");             // Grafana variables
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(stripped);
        while (m.find()) {
            String word = m.group();
            int after = m.end();
            while (after < stripped.length() && stripped.charAt(after) == ' ') {
                after++;
            }
            boolean call = after < stripped.length() && stripped.charAt(after) == '(';
            boolean number = m.start() > 0 && Character.isDigit(stripped.charAt(m.start() - 1));
            if (!call && !number && !PROMQL_WORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    // ---------------------------------------------------------------- helpers

    private record Snapshot(PrometheusText metrics, JsonNode stats) {
    }

    private Snapshot snapshot() {
        return new Snapshot(scrape(), sim.stats());
    }

    /**
     * Metrics, the simulator's stats, metrics again: null unless no ARM request was counted in between and the
     * simulator and the operator counted as many requests since {@code before} (none is on its way back).
     */
    private Snapshot quiescentSnapshot(Snapshot before) {
        PrometheusText first = scrape();
        JsonNode stats = sim.stats();
        PrometheusText second = scrape();
        double counted = second.sum("lblab_arm_requests_total") - before.metrics.sum("lblab_arm_requests_total");
        double seen = stats.path("requests").asDouble() - before.stats.path("requests").asDouble();
        return first.sum("lblab_arm_requests_total") == second.sum("lblab_arm_requests_total") && counted == seen
                ? new Snapshot(second, stats) : null;
    }

    /** The exposition as scraped after the run, in target/ for a look (metric names, labels, buckets). */
    private static void writeForInspection(PrometheusText metrics) {
        try {
            java.nio.file.Files.writeString(Path.of("target/operator-metrics-after-lab.txt"), metrics.text());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private PrometheusText scrape() {
        return PrometheusText.scrape(metrics);
    }

    private static double delta(PrometheusText after, PrometheusText before, String name,
                                java.util.function.Predicate<PrometheusText.Sample> filter) {
        return after.sum(name, filter) - before.sum(name, filter);
    }

    /** /_sim/stats byType, as "type method" → count, with the simulator's "operations" under the operator's label. */
    private static Map<String, Double> byTypeAndMethod(JsonNode stats) {
        Map<String, Double> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> types = stats.path("byType").fields();
        while (types.hasNext()) {
            Map.Entry<String, JsonNode> type = types.next();
            String label = type.getKey().equals("operations") ? "operationStatus" : type.getKey();
            numbers(type.getValue()).forEach((method, count) -> out.merge(label + " " + method, count, Double::sum));
        }
        return out;
    }

    private static Map<String, Double> numbers(JsonNode object) {
        Map<String, Double> out = new TreeMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
        return out;
    }

    /** after − before, keys whose difference is 0 left out. */
    private static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> out = new TreeMap<>();
        after.forEach((key, value) -> {
            double d = value - before.getOrDefault(key, 0.0);
            if (d != 0) {
                out.put(key, d);
            }
        });
        return out;
    }
}
