package io.lblab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lblab.sim.SimulatorOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure parts of the {@code subscriptions} scenario: per-subscription bounds, the target, the report. */
class SubscriptionsScenarioTest {
    private static final SimulatorOptions.Throttling ARM = SimulatorOptions.Throttling.defaults();

    @Test
    void eachSubscriptionIsBoundByItsOwnWritesOnly() {
        assertThat(SubscriptionsScenario.labsIn(0, 5)).isEqualTo(3);
        assertThat(SubscriptionsScenario.labsIn(1, 5)).isEqualTo(2);
        // 1000 labs × 14 writes: 7000 per subscription need (7000 − 200) ÷ 10 = 680 s of its budget, past the 604 s path
        assertThat(SubscriptionsScenario.bound(0, 1000, 604, 14, ARM)).isEqualTo(680);
        assertThat(SubscriptionsScenario.bound(1000, 604, 14, ARM)).isEqualTo(680);
        assertThat(SubscriptionsScenario.bound(200, 604, 14, ARM)).isEqualTo(604);
        assertThat(SubscriptionsScenario.sharedBudgetNote(1000, 604, 14, ARM))
                .contains("bound would be 1380 s", "per subscription it is 680 s");
    }

    private static BenchReport.SubscriptionShare share(String id, double allReady, long throttled, int notReady) {
        return new BenchReport.SubscriptionShare("subscriptions", 200, 0.04, 1, id, 100, allReady, 604, 650, 2900, 1400,
                throttled, notReady);
    }

    @Test
    void theTargetIsMetOnlyWhenEverySubscriptionKeepsItsOwnBoundWithoutThrottling() {
        assertThat(Targets.subscriptions("s", List.of(share("a", 700, 0, 0), share("b", 750, 28, 0)), 1.25, false).met())
                .isTrue();
        assertThat(Targets.subscriptions("s", List.of(share("a", 700, 0, 0), share("b", 760, 0, 0)), 1.25, false).met())
                .as("760 s > 1.25 × 604 s").isFalse();
        assertThat(Targets.subscriptions("s", List.of(share("a", 700, 0, 0), share("b", 700, 29, 0)), 1.25, false).met())
                .as("29 of 2900 is 1%").isFalse();
        assertThat(Targets.subscriptions("s", List.of(share("a", 700, 0, 0), share("b", Double.NaN, 0, 3)), 1.25, false)
                .met()).isFalse();
        assertThat(Targets.subscriptions("s", List.of(share("a", 700, 0, 0)), 1.25, false).met()).as("one subscription")
                .isFalse();
        assertThat(Targets.subscriptions("s", List.of(), 1.25, false).met()).isNull();
    }

    @Test
    void theReportShowsEachSubscriptionAndKeepsItAcrossPhases(@TempDir Path dir) throws Exception {
        BenchReport report = new BenchReport()
                .processRun(ReportWriterTest.processRun("subscriptions", 200, 0.04, 1, 700, null))
                .subscriptionShare(share("sub-a", 700, 0, 0)).subscriptionShare(share("sub-b", 720, 0, 0));
        List<Targets.Target> targets = Targets.judgeProcesses(report);
        assertThat(targets).filteredOn(t -> t.goal().startsWith("two subscriptions, each paced by its own budget"))
                .singleElement().satisfies(t -> {
                    assertThat(t.scenario()).isEqualTo("200 labs in two subscriptions (processes, time scale 0.04)");
                    assertThat(t.verdict()).isEqualTo("met");
                    assertThat(t.measured()).contains("subscription 2: 100 labs, 720.0 s = 1.192 × 604.0 s, 0 × 429 of 2900");
                });

        JsonNode json = new ObjectMapper().readTree(ReportWriter.json(report));
        assertThat(json.at("/processes/0/bySubscription/1/subscriptionId").asText()).isEqualTo("sub-b");
        assertThat(json.at("/processes/0/bySubscription/1/allReadySeconds").asDouble()).isEqualTo(720);
        assertThat(ReportWriter.markdown(report, null)).contains("| 200 | 0.04 | 1 | sub-b | 100 | 720 | 604 | 1.192 |");

        ReportWriter.saveState(report, dir);
        assertThat(ReportWriter.loadState(dir).subscriptionShares()).isEqualTo(report.subscriptionShares());
    }
}
