package io.lblab.sim;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.DiskState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Virtual machines and the managed disks they create, through the SDK. */
class ComputeResourcesTest extends SimulatorTestBase {

    private Lab network(String rg) {
        Lab lab = lab(rg);
        lab.group();
        lab.vnet();
        lab.nsg();
        lab.nic("nic1", false);
        return lab;
    }

    @Test
    void createGetUpdateAndDisksAppearInTheGroup() {
        Lab lab = network("rg");
        var vms = lab.compute.serviceClient().getVirtualMachines();
        VirtualMachineInner vm = lab.vm("vm1", "nic1", false);
        assertThat(vm.provisioningState()).isEqualTo("Succeeded");
        assertThat(vm.vmId()).isNotBlank();
        assertThat(vm.osProfile().adminPassword()).isNull();
        assertThat(vm.storageProfile().osDisk().managedDisk().id())
                .isEqualTo(lab.id("Microsoft.Compute/disks", "vm1osdisk"));
        String dataDisk = vm.storageProfile().dataDisks().get(0).name();
        assertThat(dataDisk).startsWith("vm1_disk2_");
        List<DiskInner> disks = lab.compute.serviceClient().getDisks().listByResourceGroup("rg").stream().toList();
        assertThat(disks).extracting(DiskInner::name).containsExactlyInAnyOrder("vm1osdisk", dataDisk);
        assertThat(disks).allSatisfy(d -> {
            assertThat(d.managedBy()).isEqualTo(vm.id());
            assertThat(d.diskState()).isEqualTo(DiskState.ATTACHED);
        });
        VirtualMachineInner fetched = vms.getByResourceGroup("rg", "VM1");
        assertThat(fetched.etag()).isEqualTo("\"1\"");
        VirtualMachineInner updated = Lab.done(vms.beginCreateOrUpdate("rg", "vm1",
                fetched.withTags(Map.of("role", "backend"))));
        assertThat(updated.tags()).containsEntry("role", "backend");
        assertThat(updated.etag()).isEqualTo("\"2\"");
        assertThat(updated.vmId()).isEqualTo(vm.vmId());
        assertThat(lab.net.serviceClient().getNetworkInterfaces().getByResourceGroup("rg", "nic1").virtualMachine().id())
                .isEqualTo(vm.id());
    }

    @Test
    void deleteDetachesByDefaultSoDisksAndNicsStay() {
        Lab lab = network("rg");
        VirtualMachineInner vm = lab.vm("vm1", "nic1", false);
        Lab.done(lab.compute.serviceClient().getVirtualMachines().beginDelete("rg", "vm1"));
        ManagementException gone = catchThrowableOfType(ManagementException.class,
                () -> lab.compute.serviceClient().getVirtualMachines().getByResourceGroup("rg", "vm1"));
        assertThat(gone.getValue().getCode()).isEqualTo("ResourceNotFound");
        DiskInner os = lab.compute.serviceClient().getDisks().getByResourceGroup("rg", "vm1osdisk");
        assertThat(os.managedBy()).isNull();
        assertThat(os.diskState()).isEqualTo(DiskState.UNATTACHED);
        assertThat(lab.net.serviceClient().getNetworkInterfaces().getByResourceGroup("rg", "nic1").virtualMachine())
                .isNull();
        Lab.done(lab.compute.serviceClient().getDisks().beginDelete("rg", "vm1osdisk"));
        assertThat(lab.compute.serviceClient().getDisks().listByResourceGroup("rg").stream().count()).isEqualTo(1);
        assertThat(vm.storageProfile().osDisk().deleteOption().toString()).isEqualTo("Detach");
    }

    @Test
    void deleteOptionDeleteRemovesDisksAndNics() {
        Lab lab = network("rg");
        lab.vm("vm1", "nic1", true);
        Lab.done(lab.compute.serviceClient().getVirtualMachines().beginDelete("rg", "vm1"));
        assertThat(lab.compute.serviceClient().getDisks().listByResourceGroup("rg").stream().count()).isZero();
        assertThat(sim.admin().resources()).extracting(r -> r.get("type").asText())
                .doesNotContain("Microsoft.Network/networkInterfaces", "Microsoft.Compute/disks");
        assertThat(lab.net.serviceClient().getVirtualNetworks().getByResourceGroup("rg", "myVNet").subnets().get(0)
                .ipConfigurations()).isNull();
    }
}
