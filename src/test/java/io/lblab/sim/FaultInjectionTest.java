package io.lblab.sim;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.network.fluent.models.BastionHostInner;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Seeded fault injection: request faults the SDK retries, and operations that fail asynchronously. */
class FaultInjectionTest extends SimulatorTestBase {

    @Test
    void injectedAsyncFailureSurfacesAsManagementExceptionAndALaterPutRetries() {
        Lab lab = lab("rg");
        lab.group();
        lab.vnet();
        lab.pip("myBastionIP");
        sim.admin().injectFaults(FaultConfig.of(FaultConfig.OneShotFault.of("Microsoft.Network/bastionHosts", "PUT",
                "asyncFailure", 1)));
        var bastions = lab.net.serviceClient().getBastionHosts();
        ManagementException e = catchThrowableOfType(ManagementException.class, () -> Lab.orError(
                bastions.beginCreateOrUpdateAsync("rg", "myBastionHost", lab.bastionBody()), lab.net.serviceClient()));
        assertThat(e).isNotNull();
        assertThat(e.getValue().getCode()).isEqualTo("InternalServerError");
        BastionHostInner failed = lab.net.serviceClient().getBastionHosts().getByResourceGroup("rg", "myBastionHost");
        assertThat(failed.provisioningState().toString()).isEqualTo("Failed");
        assertThat(lab.bastion().provisioningState().toString()).isEqualTo("Succeeded");
        SimOperation op = sim.admin().operations().stream()
                .filter(o -> o.resourceType().equals("Microsoft.Network/bastionHosts")).findFirst().orElseThrow();
        assertThat(op.status()).isEqualTo("Failed");
        assertThat(op.errorCode()).isEqualTo("InternalServerError");
    }

    @Test
    void asyncFailureOfADeleteKeepsTheResourceAsFailed() {
        Lab lab = lab("rg");
        lab.group();
        lab.pip("p");
        sim.admin().injectFaults(FaultConfig.of(new FaultConfig.OneShotFault("Microsoft.Network/publicIPAddresses",
                "DELETE", "asyncFailure", 1, "p", "PublicIpDeleteFailed", "Simulated failure.")));
        var pips = lab.net.serviceClient().getPublicIpAddresses();
        ManagementException e = catchThrowableOfType(ManagementException.class,
                () -> Lab.orError(pips.beginDeleteAsync("rg", "p"), lab.net.serviceClient()));
        assertThat(e.getValue().getCode()).isEqualTo("PublicIpDeleteFailed");
        assertThat(pips.getByResourceGroup("rg", "p").provisioningState().toString()).isEqualTo("Failed");
    }

    @Test
    void requestFaultsAreRetriedByTheSdk() {
        Lab lab = lab("rg");
        lab.group();
        lab.vnet();
        String type = "Microsoft.Network/virtualNetworks";
        sim.admin().injectFaults(new FaultConfig(null, List.of(), List.of(
                FaultConfig.OneShotFault.of(type, "GET", "error500", 1),
                FaultConfig.OneShotFault.of(type, "GET", "connectionReset", 1),
                FaultConfig.OneShotFault.of(type, "GET", "error503", 1),
                FaultConfig.OneShotFault.of(type, "GET", "throttle429", 1))));
        assertThat(lab.net.serviceClient().getVirtualNetworks().getByResourceGroup("rg", "myVNet").name())
                .isEqualTo("myVNet");
        SimulatorStats stats = sim.admin().stats();
        assertThat(stats.byStatus()).containsEntry("500", 1L).containsEntry("503", 1L).containsEntry("429", 1L)
                .containsEntry("reset", 1L);
        assertThat(stats.throttled()).as("injected 429s are not bucket throttles").isZero();
        assertThat(sim.admin().faults().oneShots()).isEmpty();
    }

    @Test
    void probabilisticFaultsAreReproducibleForASeed() {
        FaultConfig rule = FaultConfig.of(new FaultConfig.FaultRule("Microsoft.Resources/*", "GET", 0, 0.5, 0, 0, 0,
                null));
        List<List<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (ArmSimulator seeded = ArmSimulator.start(SimulatorOptions.defaults().withSeed(42).withoutThrottling())) {
                seeded.admin().injectFaults(rule);
                RawArm raw = new RawArm(seeded.info());
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    statuses.add(raw.call("GET", raw.sub() + "/resourcegroups/x?" + RawArm.RG_API, null).status());
                }
                runs.add(statuses);
            }
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1)).contains(500, 404);
    }
}
