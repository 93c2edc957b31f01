package io.lblab.sim;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Deleting a resource group takes everything inside with it, in dependency order. */
class CascadeDeleteTest extends SimulatorTestBase {

    @Test
    void deletingAFullLabGroupLeavesNothing() {
        Lab lab = lab("myPublicLoadBalancer1");
        lab.buildPublic(3);
        lab.group();
        lab("other").group();
        assertThat(sim.admin().resources()).hasSizeGreaterThan(15);
        Lab.done(lab.rm.serviceClient().getResourceGroups().beginDelete(lab.rg));
        assertThat(sim.admin().resources()).extracting(r -> r.get("name").asText()).containsExactly("other");
        List<SimOperation> deletes = sim.admin().operations().stream().filter(o -> o.method().equals("DELETE"))
                .toList();
        Map<String, Integer> firstIndex = new java.util.HashMap<>();
        for (int i = 0; i < deletes.size(); i++) {
            firstIndex.putIfAbsent(deletes.get(i).resourceType(), i);
        }
        assertThat(firstIndex.get("Microsoft.Compute/virtualMachines"))
                .isLessThan(firstIndex.get("Microsoft.Network/networkInterfaces"));
        assertThat(firstIndex.get("Microsoft.Network/networkInterfaces"))
                .isLessThan(firstIndex.get("Microsoft.Network/loadBalancers"));
        assertThat(firstIndex.get("Microsoft.Network/loadBalancers"))
                .isLessThan(firstIndex.get("Microsoft.Network/publicIPAddresses"));
        assertThat(firstIndex.get("Microsoft.Network/publicIPAddresses"))
                .isLessThan(firstIndex.get("Microsoft.Network/virtualNetworks"));
        assertThat(deletes.stream().map(SimOperation::status).collect(Collectors.toSet())).containsOnly("Succeeded");
    }

    /** An injected failure of a group delete strikes part way: the VMs are gone, the rest stays, a retry finishes. */
    @Test
    void aFailedGroupDeleteHasDeletedItsFirstLevel() {
        Lab lab = lab("rg");
        lab.buildPublic(2);
        sim.admin().injectFaults(FaultConfig.of(new FaultConfig.OneShotFault("Microsoft.Resources/resourceGroups",
                "DELETE", "asyncFailure", 1, null, "InternalServerError", "The group could not be deleted.")));
        var groups = lab.rm.serviceClient().getResourceGroups();
        com.azure.core.management.exception.ManagementException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                com.azure.core.management.exception.ManagementException.class,
                () -> Lab.orError(groups.beginDeleteAsync("rg"), lab.rm.serviceClient()));
        assertThat(e.getValue().getCode()).isEqualTo("InternalServerError");

        assertThat(groups.get("rg").properties().provisioningState()).isEqualTo("Succeeded");
        List<String> left = sim.admin().resources().stream().map(r -> r.get("type").asText()).distinct().toList();
        assertThat(left).doesNotContain("Microsoft.Compute/virtualMachines")
                .contains("Microsoft.Network/networkInterfaces", "Microsoft.Network/virtualNetworks",
                        "Microsoft.Network/loadBalancers");
        assertThat(sim.admin().operations().stream().filter(o -> o.resourceType().equals("Microsoft.Resources/resourceGroups"))
                .map(SimOperation::status)).containsExactly("Failed");

        Lab.done(groups.beginDelete("rg"));
        assertThat(groups.checkExistence("rg")).isFalse();
    }

    @Test
    void realisticGroupDeleteShowsDeletingAndTakesTheSumOfItsLevels() {
        // levels: VM 60 s, NIC/Bastion/disks ≤300 s, LB 4, PIP/NSG 3, VNet 4 → 371 s × 0.005 ≈ 1.9 s
        SimulatorOptions options = SimulatorOptions.defaults().withoutThrottling().withProfile(LatencyProfile.INSTANT)
                .withTimeScale(0.005)
                .withDuration("DELETE", "Microsoft.Compute/virtualMachines", 60)
                .withDuration("DELETE", "Microsoft.Network/bastionHosts", 300)
                .withDuration("DELETE", "Microsoft.Network/loadBalancers", 4)
                .withDuration("DELETE", "Microsoft.Network/publicIPAddresses", 3)
                .withDuration("DELETE", "Microsoft.Network/virtualNetworks", 4);
        try (ArmSimulator timed = ArmSimulator.start(options)) {
            Lab lab = new Lab(new SimClients(timed.info()), timed.info(), "rg");
            lab.buildPublic(1);
            var groups = lab.rm.serviceClient().getResourceGroups();
            var poller = groups.beginDelete("rg");
            assertThat(groups.get("rg").properties().provisioningState()).isEqualTo("Deleting");
            Instant start = Instant.now();
            Lab.done(poller);
            assertThat(java.time.Duration.between(start, Instant.now()).toMillis()).isBetween(1500L, 4000L);
            assertThat(groups.checkExistence("rg")).isFalse();
            SimOperation groupOp = timed.admin().operations().stream()
                    .filter(o -> o.resourceType().equals("Microsoft.Resources/resourceGroups")).findFirst().orElseThrow();
            assertThat(groupOp.simulatedSeconds()).isEqualTo(371.0);
            assertThat(groupOp.status()).isEqualTo("Succeeded");
        }
    }
}
