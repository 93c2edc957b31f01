package io.lblab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    static final Set<String> SINGLE_KEYS = Set.of("readySeconds", "criticalPathSeconds", "seedSequentialSeconds", "writes",
            "reads", "seedWrites", "seedReads");
    static final Set<String> STEADY_KEYS = Set.of("labs", "periods", "writesPerLabPerPeriod", "readsPerLabPerPeriod");
    static final Set<String> SCALE_KEYS = Set.of("labs", "allReadySeconds", "boundSeconds", "p50ReadySeconds",
            "p95ReadySeconds", "throttled429", "failedLabs", "heapMiB", "cpuSeconds");
    static final Set<String> TEARDOWN_KEYS = Set.of("labs", "seconds");

    static BenchReport sample() {
        return new BenchReport()
                .settings(new BenchReport.Settings(0.01, "realistic", 10, 600, 200, 10, 250, 25, 150, 8, false, "2025-01-01T00:00:00Z"))
                .single("Public", new BenchReport.Single(612.3, 604, 1130.5, 14, 80, 27, 120,
                        List.of("resource-group", "virtual-network", "bastion-host"), 941))
                .single("Internal", new BenchReport.Single(700, 604, 1200, 14, 75, 21, 110,
                        List.of("resource-group", "virtual-network", "bastion-host"), 1007))
                .steadyState(new BenchReport.SteadyState(10, 3, 0, 2))
                .scale(new BenchReport.Scale(10, 615, 604, 610, 614, 0, 0, 120.5, 12.3, 900, 140, 760, true, 604, 0))
                .scale(new BenchReport.Scale(100, 800, 604, 700, 790, 50, 1, 300, 60, 4000, 1400, 2600, true, 604, 120))
                .teardown(new BenchReport.Teardown(100, 420.5));
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void jsonHasExactlyTheIssuesKeys() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportWriter.json(sample()));
        assertThat(keys(json)).containsExactlyInAnyOrder("single", "steadyState", "scale", "teardown");
        assertThat(keys(json.get("single"))).containsExactlyInAnyOrder("Public", "Internal");
        for (String mode : List.of("Public", "Internal")) {
            assertThat(keys(json.get("single").get(mode))).isEqualTo(new TreeSet<>(SINGLE_KEYS));
        }
        assertThat(keys(json.get("steadyState"))).isEqualTo(new TreeSet<>(STEADY_KEYS));
        assertThat(json.get("scale").isArray()).isTrue();
        assertThat(json.get("scale")).hasSize(2);
        for (JsonNode scale : json.get("scale")) {
            assertThat(keys(scale)).isEqualTo(new TreeSet<>(SCALE_KEYS));
        }
        assertThat(keys(json.get("teardown"))).isEqualTo(new TreeSet<>(TEARDOWN_KEYS));

        assertThat(json.at("/single/Public/readySeconds").asDouble()).isEqualTo(612.3);
        assertThat(json.at("/single/Public/seedWrites").asLong()).isEqualTo(27);
        assertThat(json.at("/scale/1/labs").asInt()).isEqualTo(100);
        assertThat(json.at("/scale/1/throttled429").asLong()).isEqualTo(50);
        assertThat(json.at("/teardown/seconds").asDouble()).isEqualTo(420.5);
    }

    @Test
    void scenariosThatDidNotRunKeepTheirKeysAsNull() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportWriter.json(new BenchReport()));
        assertThat(keys(json.get("single").get("Internal"))).isEqualTo(new TreeSet<>(SINGLE_KEYS));
        assertThat(json.at("/single/Internal/readySeconds").isNull()).isTrue();
        assertThat(keys(json.get("steadyState"))).isEqualTo(new TreeSet<>(STEADY_KEYS));
        assertThat(json.get("scale")).isEmpty();
        assertThat(json.at("/teardown/labs").isNull()).isTrue();
    }

    @Test
    void targetsAreJudged() {
        List<String> verdicts = new ArrayList<>();
        Targets.judge(sample()).forEach(t -> verdicts.add(t.scenario() + ": " + t.goal() + " " + t.verdict()));
        assertThat(verdicts).containsExactly(
                "one lab, Public: readySeconds ≤ 1.10 × criticalPathSeconds met",
                "one lab, Public: seedSequentialSeconds ÷ readySeconds ≥ 1.5 met",
                "one lab, Public: writes ≤ 60% of seedWrites met",
                "one lab, Internal: readySeconds ≤ 1.10 × criticalPathSeconds missed",
                "one lab, Internal: seedSequentialSeconds ÷ readySeconds ≥ 1.5 met",
                "one lab, Internal: writes ≤ 60% of seedWrites missed",
                "steady state: 0 writes per lab per period met",
                "steady state: ≤ 1.5 reads per lab per period missed",
                "100 labs: all Ready, none failed missed",
                "100 labs: allReadySeconds ≤ 1.25 × boundSeconds missed",
                "100 labs: 429s < 1% of requests missed");
        assertThat(Targets.judge(new BenchReport())).allMatch(t -> t.met() == null);
    }

    @Test
    void markdownShowsNumbersTargetsAndTheTimeline(@TempDir Path dir) throws Exception {
        BenchReport report = sample().note("something worth knowing");
        ReportWriter.write(report, dir, "timeline.svg");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("| Public | 612.3 | 604 | 1131 | 1.85× | 14 | 27 | 80 | 120 |")
                .contains("resource-group → virtual-network → bastion-host")
                .contains("| one lab, Internal | writes ≤ 60% of seedWrites | 14 of 21 = 67% | missed |")
                .contains("| 100 labs | 429s < 1% of requests | 50 of 4000 = 1.25% | missed |")
                .contains("| 10 | 3 | 0 | 2 |")
                .contains("100 labs deleted at once: 420.5 s")
                .contains("![timeline](timeline.svg)")
                .contains("- something worth knowing")
                .contains("time scale 0.01 (1 simulated second = 10 ms of wall time)");
        assertThat(Files.exists(dir.resolve("report.json"))).isTrue();
    }
}
