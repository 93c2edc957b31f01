package io.lblab.sim;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * After-commit faults: the write is stored and its operation started, then the answer is lost (reset, 500, 502,
 * 504, or held past the client's timeout). What the real Azure SDK surfaces, and the state Azure is left in.
 */
class AfterCommitFaultsTest extends SimulatorTestBase {

    private static final String VNETS = "Microsoft.Network/virtualNetworks";
    /** Client timeout and server hold for the timeout kind: the hold outlasts the client. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(1);
    private static final long HOLD_MILLIS = 2_000;

    /** A client that does not retry, so the first answer is what the caller sees. */
    private Lab noRetryLab() {
        return new Lab(new SimClients(sim.info(), sim.info().clientSecret(), 0, CLIENT_TIMEOUT), sim.info(), "rg");
    }

    private static FaultConfig oneShot(String type, String method, String fault) {
        return FaultConfig.of(FaultConfig.OneShotFault.of(type, method, fault, 1)).withTimeoutHoldMillis(HOLD_MILLIS);
    }

    private List<SimOperation> operationsOn(String typeKey) {
        return sim.admin().operations().stream().filter(o -> o.resourceType().equals(typeKey)).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"afterCommitReset", "afterCommit500", "afterCommit502", "afterCommit504",
        "afterCommitTimeout"})
    void aLostPutAnswerLeavesTheResourceCreatedAndTheSdkSurfacesTheFault(String fault) {
        Lab lab = noRetryLab();
        lab.group();
        sim.admin().injectFaults(oneShot(VNETS, "PUT", fault));

        Throwable thrown = catchThrowable(lab::vnet);

        // what the SDK surfaces
        switch (fault) {
            case "afterCommitReset" -> assertThat(rootCause(thrown)).isInstanceOf(IOException.class)
                    .hasMessageContaining("EOF");
            // the JDK client gives up at its timeout; racing with its own close it reports either form
            case "afterCommitTimeout" -> assertThat(rootCause(thrown)).isInstanceOf(IOException.class).satisfiesAnyOf(
                    cause -> assertThat(cause).isInstanceOf(HttpTimeoutException.class),
                    cause -> assertThat(cause).hasMessageContaining("closed locally"));
            default -> {
                assertThat(thrown).isInstanceOf(ManagementException.class);
                ManagementException e = (ManagementException) thrown;
                int status = Integer.parseInt(fault.substring("afterCommit".length()));
                assertThat(e.getResponse().getStatusCode()).isEqualTo(status);
                assertThat(e.getValue().getCode()).isEqualTo(switch (status) {
                    case 500 -> "InternalServerError";
                    case 502 -> "BadGateway";
                    default -> "GatewayTimeout";
                });
                assertThat(e.getValue().getMessage()).isNotBlank();
            }
        }
        // what Azure holds: the write happened and its operation ran to the end
        VirtualNetworkInner stored = lab.net.serviceClient().getVirtualNetworks().getByResourceGroup("rg", "myVNet");
        assertThat(stored.provisioningState().toString()).isEqualTo("Succeeded");
        assertThat(stored.subnets()).hasSize(2);
        assertThat(operationsOn(VNETS)).singleElement().satisfies(op -> {
            assertThat(op.method()).isEqualTo("PUT");
            assertThat(op.created()).isTrue();
            assertThat(op.status()).isEqualTo("Succeeded");
            assertThat(op.unanswered()).isTrue();
            assertThat(op.unansweredFault()).isEqualTo(fault);
        });
        SimulatorStats stats = sim.admin().stats();
        assertThat(stats.unanswered()).isEqualTo(1);
        assertThat(stats.unansweredWrites()).singleElement().satisfies(w -> {
            assertThat(w.method()).isEqualTo("PUT");
            assertThat(w.resourceId()).isEqualTo(lab.net("virtualNetworks", "myVNet"));
            assertThat(w.resourceType()).isEqualTo(VNETS);
            assertThat(w.status()).as("the answer it would have had").isEqualTo(201);
            assertThat(w.fault()).isEqualTo(fault);
            assertThat(w.operationId()).isEqualTo(operationsOn(VNETS).get(0).operationId());
        });
        assertThat(sim.admin().faults().oneShots()).isEmpty();

        // the caller repeats its write: an update of what exists, answered 200, not a second creation
        assertThat(lab.vnet().provisioningState().toString()).isEqualTo("Succeeded");
        assertThat(operationsOn(VNETS)).extracting(SimOperation::created).containsExactly(true, false);
        assertThat(operationsOn(VNETS).get(1).unanswered()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"afterCommitReset", "afterCommit500", "afterCommit502", "afterCommit504",
        "afterCommitTimeout"})
    void theSdkRetryPolicyRepeatsTheLostPutAsAnUpdate(String fault) {
        Lab lab = new Lab(new SimClients(sim.info(), sim.info().clientSecret(), 3, CLIENT_TIMEOUT), sim.info(), "rg");
        lab.group();
        sim.admin().injectFaults(oneShot(VNETS, "PUT", fault));

        assertThat(lab.vnet().provisioningState().toString()).isEqualTo("Succeeded");

        List<SimOperation> puts = operationsOn(VNETS);
        assertThat(puts).extracting(SimOperation::created).as("created once, then updated").containsExactly(true, false);
        assertThat(puts).extracting(SimOperation::unanswered).containsExactly(true, false);
        assertThat(sim.admin().resources().stream().filter(r -> r.path("type").asText().equals(VNETS))).hasSize(1);
        assertThat(sim.admin().stats().byType().get(VNETS)).containsEntry("PUT", 2L);
    }

    /**
     * The worst case for a client: its write started a long operation, the answer was lost, and the SDK's retry
     * meets the running operation: 409 AnotherOperationInProgress, although nothing else touched the resource.
     */
    @Test
    void aRetryMeetingTheRunningOperationIsRefusedWithAnotherOperationInProgress() {
        try (ArmSimulator slow = ArmSimulator.start(SimulatorOptions.defaults().withoutThrottling()
                .withDuration("PUT", VNETS, 2))) {
            Lab lab = new Lab(new SimClients(slow.info()), slow.info(), "rg");
            lab.group();
            slow.admin().injectFaults(FaultConfig.of(FaultConfig.OneShotFault.of(VNETS, "PUT", "afterCommitReset", 1)));

            ManagementException e = ErrorCodesTest.armError(lab::vnet, 409, "AnotherOperationInProgress");
            // the message points at the operation the lost write started
            assertThat(e.getValue().getMessage()).contains("/operations/" + slow.admin().operations().get(0).operationId());

            VirtualNetworkInner meanwhile = lab.net.serviceClient().getVirtualNetworks().getByResourceGroup("rg", "myVNet");
            assertThat(meanwhile.provisioningState().toString()).isEqualTo("Updating");
            SimOperation running = slow.admin().operations().get(0);
            assertThat(running.created()).isTrue();
            assertThat(running.unanswered()).isTrue();
            assertThat(running.status()).isEqualTo("InProgress");
            long started = System.nanoTime();
            // once it is over, the repeated PUT is an update
            while (!"Succeeded".equals(slow.admin().operations().get(0).status())) {
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                Thread.onSpinWait();
            }
            assertThat(lab.vnet().provisioningState().toString()).isEqualTo("Succeeded");
            assertThat(slow.admin().operations()).extracting(SimOperation::created).containsExactly(true, false);
        }
    }

    @Test
    void aLostDeleteAnswerStillDeletesAndTheRepeatedDeleteFindsNothing() {
        Lab lab = noRetryLab();
        lab.group();
        lab.vnet();
        sim.admin().injectFaults(oneShot(VNETS, "DELETE", "afterCommit504"));
        var vnets = lab.net.serviceClient().getVirtualNetworks();

        ErrorCodesTest.armError(() -> Lab.done(vnets.beginDelete("rg", "myVNet")), 504, "GatewayTimeout");

        assertThat(catchThrowable(() -> vnets.getByResourceGroup("rg", "myVNet")))
                .isInstanceOfSatisfying(ManagementException.class,
                        e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(404));
        SimOperation delete = operationsOn(VNETS).get(1);
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.unanswered()).isTrue();
        assertThat(sim.admin().stats().unansweredWrites()).singleElement()
                .satisfies(w -> assertThat(w.status()).isEqualTo(202));
        // the caller repeats its delete: nothing left, 204, done
        Lab.done(vnets.beginDelete("rg", "myVNet"));
        assertThat(sim.admin().stats().byStatus()).containsEntry("204", 1L);

        // with the SDK's retries the caller never notices
        Lab retrying = lab("rg");
        retrying.vnet();
        sim.admin().injectFaults(oneShot(VNETS, "DELETE", "afterCommitReset"));
        Lab.done(retrying.net.serviceClient().getVirtualNetworks().beginDelete("rg", "myVNet"));
        assertThat(sim.admin().resource(lab.net("virtualNetworks", "myVNet"))).isNull();
    }

    @Test
    void aLostAnswerOfASynchronousGroupPutIsListedWithoutAnOperation() {
        Lab lab = noRetryLab();
        sim.admin().injectFaults(oneShot("Microsoft.Resources/resourceGroups", "PUT", "afterCommit500"));

        ErrorCodesTest.armError(lab::group, 500, "InternalServerError");

        assertThat(sim.admin().resource("/subscriptions/" + sim.info().subscriptionId() + "/resourceGroups/rg"))
                .isNotNull();
        assertThat(sim.admin().operations()).isEmpty();
        assertThat(sim.admin().stats().unansweredWrites()).singleElement().satisfies(w -> {
            assertThat(w.resourceId()).isEqualTo("/subscriptions/" + sim.info().subscriptionId() + "/resourceGroups/rg");
            assertThat(w.status()).isEqualTo(201);
            assertThat(w.operationId()).isNull();
        });
        RawArm raw = new RawArm(sim.info());
        assertThat(raw.call("PUT", raw.sub() + "/resourcegroups/rg?" + RawArm.RG_API, "{\"location\":\"eastus\"}")
                .status()).as("the repeated PUT finds the group").isEqualTo(200);
    }

    @Test
    void readsAndRefusedWritesAreNeverHitAfterCommit() {
        RawArm raw = new RawArm(sim.info());
        sim.admin().injectFaults(new FaultConfig(null,
                List.of(FaultConfig.FaultRule.afterCommit("*", "*", 0, 1, 0, 0, 0)),
                List.of(FaultConfig.OneShotFault.of("*", "*", "afterCommitReset", 1))));
        String group = raw.sub() + "/resourcegroups/rg?" + RawArm.RG_API;
        assertThat(raw.call("GET", group, null).status()).isEqualTo(404);
        String vnet = raw.sub() + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v?" + RawArm.NET_API;
        assertThat(raw.call("PUT", vnet, "{\"location\":\"eastus\"}").status()).as("refused: nothing applied")
                .isEqualTo(404);
        assertThat(raw.call("DELETE", vnet.replace("/rg/", "/other/"), null).status()).isEqualTo(404);
        assertThat(sim.admin().faults().oneShots()).as("not consumed by requests that applied nothing").hasSize(1);
        assertThat(sim.admin().stats().unanswered()).isZero();

        assertThat(catchThrowable(() -> raw.call("PUT", group, "{\"location\":\"eastus\"}")))
                .as("the one-shot comes first: reset").hasRootCauseInstanceOf(IOException.class);
        assertThat(raw.call("GET", group, null).status()).isEqualTo(200);
        assertThat(raw.call("PUT", group, "{\"location\":\"eastus\"}").status()).as("then the rule: 500")
                .isEqualTo(500);
        assertThat(sim.admin().stats().unanswered()).isEqualTo(2);
    }

    @Test
    void gatewayErrorsHaveArmsShapeAndATimeoutAnswersLate() {
        RawArm raw = new RawArm(sim.info());
        String group = raw.sub() + "/resourcegroups/rg?" + RawArm.RG_API;
        sim.admin().injectFaults(new FaultConfig(null, List.of(), List.of(
                FaultConfig.OneShotFault.of("Microsoft.Resources/resourceGroups", "PUT", "afterCommit502", 1),
                FaultConfig.OneShotFault.of("Microsoft.Resources/resourceGroups", "PUT", "afterCommit504", 1),
                FaultConfig.OneShotFault.of("Microsoft.Resources/resourceGroups", "PUT", "afterCommitTimeout", 1)),
                300L));
        for (String code : List.of("BadGateway", "GatewayTimeout")) {
            RawArm.Response r = raw.call("PUT", group, "{\"location\":\"eastus\"}");
            assertThat(r.status()).isEqualTo(code.equals("BadGateway") ? 502 : 504);
            assertThat(r.errorCode()).isEqualTo(code);
            assertThat(r.json().path("error").path("message").asText()).contains("Microsoft.Resources");
            assertThat(r.json().path("error").has("details")).as("ARM's own errors carry no details").isFalse();
            assertThat(r.header("x-ms-failure-cause")).isEqualTo("gateway");
            assertThat(r.header("x-ms-request-id")).isNotBlank();
            assertThat(r.header("x-ms-ratelimit-remaining-subscription-writes")).isNotBlank();
        }
        long started = System.nanoTime();
        RawArm.Response late = raw.call("PUT", group, "{\"location\":\"eastus\"}");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(late.status()).as("a patient client gets the gateway's 504").isEqualTo(504);
        assertThat(late.errorCode()).isEqualTo("GatewayTimeout");
        assertThat(sim.admin().stats().byStatus()).containsEntry("502", 1L).containsEntry("504", 1L)
                .containsEntry("timeout", 1L);
        assertThat(sim.admin().stats().unansweredWrites()).extracting(SimulatorStats.UnansweredWrite::status)
                .containsExactly(201, 200, 200);
    }

    @Test
    void probabilisticAfterCommitFaultsAreSeededPerTypeAndMethod() {
        FaultConfig rule = new FaultConfig(11L, List.of(
                FaultConfig.FaultRule.afterCommit("Microsoft.Resources/*", "PUT|DELETE", 0, 0.25, 0.25, 0, 0),
                new FaultConfig.FaultRule("*", "*", 0, 0, 0, 0, 0, null)), List.of());
        List<List<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (ArmSimulator seeded = ArmSimulator.start(SimulatorOptions.defaults().withoutThrottling())) {
                seeded.admin().injectFaults(rule);
                RawArm raw = new RawArm(seeded.info());
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    statuses.add(raw.call("PUT", raw.sub() + "/resourcegroups/g" + i + "?" + RawArm.RG_API,
                            "{\"location\":\"eastus\"}").status());
                    raw.call("GET", raw.sub() + "/resourcegroups/g" + i + "?" + RawArm.RG_API, null);
                }
                runs.add(statuses);
                SimulatorStats stats = seeded.admin().stats();
                assertThat(stats.unanswered()).isEqualTo(statuses.stream().filter(s -> s >= 500).count());
                assertThat(stats.byType().get("Microsoft.Resources/resourceGroups")).containsEntry("GET", 40L);
                assertThat(seeded.admin().resources()).as("every PUT was applied").hasSize(40);
            }
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1)).contains(201, 500, 502);
    }

    @Test
    void afterCommitFaultsOverHttp() {
        RawArm raw = new RawArm(sim.info());
        String faults = "{\"seed\":3,\"timeoutHoldMillis\":1500,\"rules\":[{\"type\":\"*\",\"method\":\"PUT|DELETE\","
                + "\"throttle429\":0.05,\"afterCommitReset\":0.01,\"afterCommit500\":0.02,\"afterCommit502\":0.03,"
                + "\"afterCommit504\":0.04,\"afterCommitTimeout\":0.05}],\"oneShots\":[{\"type\":\"*\","
                + "\"method\":\"PUT\",\"fault\":\"afterCommit502\",\"count\":1}]}";
        RawArm.Response posted = raw.admin("POST", "/_sim/faults", faults);
        assertThat(posted.status()).isEqualTo(200);
        JsonNode config = raw.admin("GET", "/_sim/faults", null).json();
        assertThat(config.get("timeoutHoldMillis").asLong()).isEqualTo(1500);
        assertThat(config.at("/rules/0/afterCommitTimeout").asDouble()).isEqualTo(0.05);
        assertThat(config.at("/rules/0/error500").asDouble()).as("absent probabilities are 0").isZero();
        assertThat(config.at("/oneShots/0/fault").asText()).isEqualTo("afterCommit502");
        for (String bad : List.of("{\"oneShots\":[{\"fault\":\"afterCommitBogus\"}]}", "{\"timeoutHoldMillis\":600001}",
                "{\"rules\":[{\"type\":\"*\",\"method\":\"*\",\"afterCommit500\":1.5}]}")) {
            assertThat(raw.admin("POST", "/_sim/faults", bad).status()).as(bad).isEqualTo(400);
        }

        String group = raw.sub() + "/resourcegroups/rg";
        assertThat(raw.call("PUT", group + "?" + RawArm.RG_API, "{\"location\":\"eastus\"}").status()).isEqualTo(502);
        raw.admin("DELETE", "/_sim/faults", null);
        raw.admin("POST", "/_sim/faults", "{\"oneShots\":[{\"type\":\"Microsoft.Network/*\",\"method\":\"PUT\","
                + "\"fault\":\"afterCommit504\",\"count\":1,\"resourceName\":\"v2\"}]}");
        String vnetBody = "{\"location\":\"eastus\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/16\"]}}}";
        String vnets = group + "/providers/Microsoft.Network/virtualNetworks/";
        assertThat(raw.call("PUT", vnets + "v1?" + RawArm.NET_API, vnetBody).status()).isEqualTo(201);
        assertThat(raw.call("PUT", vnets + "v2?" + RawArm.NET_API, vnetBody).status()).isEqualTo(504);

        JsonNode operations = raw.admin("GET", "/_sim/operations", null).json();
        assertThat(operations.get(0).get("unanswered").asBoolean()).isFalse();
        assertThat(operations.get(0).get("unansweredFault").isNull()).isTrue();
        assertThat(operations.get(1).get("resourceId").asText()).endsWith("/virtualNetworks/v2");
        assertThat(operations.get(1).get("unanswered").asBoolean()).isTrue();
        assertThat(operations.get(1).get("unansweredFault").asText()).isEqualTo("afterCommit504");
        JsonNode stats = raw.admin("GET", "/_sim/stats", null).json();
        assertThat(stats.get("unanswered").asInt()).isEqualTo(2);
        assertThat(stats.at("/unansweredWrites/0/resourceId").asText()).endsWith("/resourceGroups/rg");
        assertThat(stats.at("/unansweredWrites/0/fault").asText()).isEqualTo("afterCommit502");
        assertThat(stats.at("/unansweredWrites/1/operationId").asText())
                .isEqualTo(operations.get(1).get("operationId").asText());
        raw.admin("POST", "/_sim/reset", null);
        assertThat(raw.admin("GET", "/_sim/stats", null).json().get("unanswered").asInt()).isZero();
        assertThat(raw.admin("GET", "/_sim/faults", null).json().get("timeoutHoldMillis").asLong())
                .isEqualTo(FaultConfig.DEFAULT_TIMEOUT_HOLD_MILLIS);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }
}
