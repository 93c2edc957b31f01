package io.lblab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.lblab.api.Mode;
import io.lblab.blueprint.Steps;
import io.lblab.sim.ArmSimulator;
import io.lblab.sim.LatencyProfile;
import io.lblab.sim.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's harness in the default test suite, so it cannot rot: the sample's sequential flow in both modes
 * against an in-process simulator with the {@code instant} profile, its request counts and operation history, the
 * timeline and the report built from them. The operator's side of the benchmark needs a Quarkus boot and runs
 * only with {@code -Pbench} ({@link OperatorBench}).
 */
class HarnessSmokeTest {

    private static ArmSimulator simulator;
    private static SimConnection connection;
    private static SimAdminClient admin;

    @BeforeAll
    static void start() {
        simulator = ArmSimulator.start(SimulatorOptions.defaults().withProfile(LatencyProfile.INSTANT).withSeed(6));
        connection = SimConnection.of(simulator.info());
        admin = new SimAdminClient(connection);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static long count(JsonNode stats, String type, String method) {
        return stats.path("byType").path(type).path(method).asLong();
    }

    @Test
    void sampleFlowsTimelineAndReport() throws Exception {
        SampleSequentialFlow flow = new SampleSequentialFlow(connection, Duration.ofMillis(20));
        flow.warmUp();
        BenchReport report = new BenchReport();

        SimAdminClient.Counts before = admin.counts();
        SampleSequentialFlow.Result publicRun = flow.run(Mode.Public);
        SimAdminClient.Counts publicCounts = admin.counts().minus(before);
        JsonNode stats = admin.stats();
        // RG, VNet, 3 public IPs, subnet, Bastion, NSG, rule, 3 NICs, 3 VMs, 6 load-balancer PUTs, 6 NIC updates
        assertThat(publicCounts.writes()).isEqualTo(27);
        assertThat(count(stats, "Microsoft.Network/loadBalancers", "PUT")).isEqualTo(6);
        assertThat(count(stats, "Microsoft.Network/networkInterfaces", "PUT")).isEqualTo(9);
        assertThat(count(stats, "Microsoft.Network/virtualNetworks/subnets", "PUT")).isEqualTo(1);
        assertThat(count(stats, "Microsoft.Network/networkSecurityGroups/securityRules", "PUT")).isEqualTo(1);
        assertThat(publicCounts.reads()).isGreaterThanOrEqualTo(publicCounts.writes() - 1);
        assertThat(publicCounts.throttled429()).isZero();
        assertThat(publicRun.steps()).hasSize(32);

        before = admin.counts();
        SampleSequentialFlow.Result internalRun = flow.run(Mode.Internal);
        SimAdminClient.Counts internalCounts = admin.counts().minus(before);
        // RG, VNet, IP, subnet, Bastion, NSG, rule, 3 NICs, 3 VMs, 3 load-balancer PUTs, 3 NIC updates, test NIC and VM
        assertThat(internalCounts.writes()).isEqualTo(21);

        List<Timeline.Operation> operations = admin.operations();
        Timeline sample = Timeline.of("sample", operations, publicRun.resourceGroup(), publicRun.start(), 1.0,
                Timeline.seconds(publicRun.start(), publicRun.end(), 1.0));
        assertThat(sample.bars()).extracting(Timeline.Bar::label)
                .contains("myVNet", "myVNet/AzureBastionSubnet", "myBastionHost", "myLoadBalancer (1)", "myLoadBalancer (6)",
                        "myNicVM1 (3)", "myNSG/myNSGRuleHTTP")
                .hasSize(26);
        assertThat(sample.bars()).allMatch(b -> b.startSeconds() >= 0 && b.endSeconds() <= sample.endSeconds() + 1e-6);
        Timeline internal = Timeline.of("internal", operations, internalRun.resourceGroup(), internalRun.start(), 1.0, Double.NaN);
        assertThat(internal.bars()).hasSize(20).extracting(Timeline.Bar::label).contains("myTestVM", "myLoadBalancer (3)");

        for (Mode mode : Mode.values()) {
            assertThat(flow.deleteResourceGroup(mode)).isPositive();
        }
        assertThat(admin.stats().path("byType").path("Microsoft.Resources/resourceGroups").path("DELETE").asLong()).isEqualTo(2);

        CriticalPath path = CriticalPath.of(CriticalPathTest.blueprint(Mode.Public, true), SimulatorDurations.realistic());
        report.single("Public", new BenchReport.Single(1, path.seconds(), 2, 14, 1, publicCounts.writes(), publicCounts.reads(),
                path.steps(), 0));
        Path dir = Path.of("target", "bench-smoke");
        Files.createDirectories(dir);
        String svg = TimelineSvg.render("smoke", List.of(sample, internal));
        Files.writeString(dir.resolve("timeline.svg"), svg);
        ReportWriter.write(report, dir, "timeline.svg");
        assertThat(TimelineSvgTest.parse(svg).getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(Files.readString(dir.resolve("report.json"))).contains("\"seedWrites\" : 27");
    }

    @Test
    void criticalPathWithTheSimulatorsRealisticDurationsRunsThroughBastion() {
        PutDurations durations = SimulatorDurations.realistic();
        for (Mode mode : Mode.values()) {
            CriticalPath path = CriticalPath.of(CriticalPathTest.blueprint(mode, true), durations);
            assertThat(path.steps()).containsExactly(Steps.RESOURCE_GROUP, Steps.VIRTUAL_NETWORK, Steps.BASTION_HOST);
            assertThat(path.seconds()).isEqualTo(durations.resourceGroup()
                    + durations.seconds("Microsoft.Network/virtualNetworks") + durations.seconds("Microsoft.Network/bastionHosts"));
        }
        assertThat(SimulatorDurations.puts(LatencyProfile.INSTANT, java.util.Map.of()).seconds("Microsoft.Network/bastionHosts")).isZero();
    }
}
