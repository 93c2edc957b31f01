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
        assertThat(keys(json)).containsExactlyInAnyOrder("single", "steadyState", "scale", "teardown", "processes");
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

    static BenchReport.ProcessRun processRun(String scenario, int labs, double timeScale, int attempt, double allReady,
                                             String harnessBound) {
        return new BenchReport.ProcessRun(scenario, labs, timeScale, attempt, "the real kube-apiserver", allReady, 604, 650, 700,
                3, 9000, 1400, 0, 0, labs == 1 ? 400 : 460, 180, 0.15, 2.5,
                List.of(new BenchReport.Usage("operator", 15, 0.4, 400), new BenchReport.Usage("simulator", 5, 0.1, 300)),
                20, harnessBound == null ? 0.5 : 0.95, 1.5, harnessBound, null, null, null);
    }

    @Test
    void aHarnessBoundAttemptIsReportedButNotCountedAndTheRerunCounts() throws Exception {
        BenchReport report = new BenchReport()
                .processRun(processRun("scale", 1, 0.01, 1, 630, null))
                .processRun(processRun("scale", 100, 0.01, 1, 950, "the machine was 95% busy"))
                .processRun(processRun("scale", 100, 0.02, 2, 700, null))
                .processRun(processRun("pacing", 100, 0.01, 1, 1000, "the machine was 95% busy"));
        List<String> verdicts = new ArrayList<>();
        Targets.judgeProcesses(report).forEach(t -> verdicts.add(t.scenario() + ": " + t.goal() + " " + t.verdict()));
        assertThat(verdicts).contains(
                "100 labs (processes, time scale 0.02): allReadySeconds ≤ 1.25 × boundSeconds met",
                "100 labs (processes, time scale 0.02): aim: operator CPU per lab, creation → Ready ≤ 0.2 s met",
                "100 labs (processes, time scale 0.02): aim: operator CPU per lab per drift period ≤ 5 ms met",
                "100 labs (processes, time scale 0.02): teardown ≤ 1.2 × one lab's teardown met",
                "100 labs, another client taking half the write refill (processes, time scale 0.01): allReadySeconds ≤ 1.25 × "
                        + "boundSeconds harness-bound, not counted (would be missed)");
        assertThat(verdicts).noneMatch(v -> v.contains("time scale 0.01): allReadySeconds") && v.startsWith("100 labs ("));

        JsonNode json = new ObjectMapper().readTree(ReportWriter.json(report));
        assertThat(json.get("processes")).hasSize(4);
        assertThat(json.at("/processes/1/harnessBound").asText()).isEqualTo("the machine was 95% busy");
        assertThat(json.at("/processes/2/harnessBound").isNull()).isTrue();
        assertThat(json.at("/processes/2/processUsage/0/peakRssMiB").asDouble()).isEqualTo(400);
        String md = ReportWriter.markdown(report, null);
        assertThat(md).contains("| scale | 100 | 0.01 | 1 | 950 | 604 | 1.573 |").contains("**yes**: the machine was 95% busy")
                .contains("| scale | 100 | 0.02 | operator | 15 | 40% | 400 |");
    }

    @Test
    void theReportSurvivesTheStepFromTheTestPhaseToTheIntegrationTestPhase(@TempDir Path dir) {
        BenchReport report = sample().note("a note").processRun(processRun("shards", 200, 0.04, 3, 700, null));
        ReportWriter.saveState(report, dir);
        BenchReport back = ReportWriter.loadState(dir);
        assertThat(ReportWriter.markdown(back, null)).isEqualTo(ReportWriter.markdown(report, null));
        assertThat(ReportWriter.loadState(dir.resolve("nothing")).settings()).isNull();
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
