package io.lblab.sim;

import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void vnet() {
        try (ArmSimulator sim = ArmSimulator.start(SimulatorOptions.defaults())) {
            SimClients c = new SimClients(sim.info());
            var rm = c.resources();
            rm.serviceClient().getResourceGroups().createOrUpdate("rg1", new ResourceGroupInner().withLocation("eastus"));
            var net = c.network();
            var poller = net.serviceClient().getVirtualNetworks().beginCreateOrUpdate("rg1", "vnet1",
                    new VirtualNetworkInner().withLocation("eastus")
                            .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of("10.0.0.0/16"))));
            poller.setPollInterval(SimClients.POLL);
            VirtualNetworkInner v = poller.getFinalResult();
            assertThat(v.provisioningState().toString()).isEqualTo("Succeeded");
            System.out.println(sim.admin().stats());
        }
    }
}
