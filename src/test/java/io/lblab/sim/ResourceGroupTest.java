package io.lblab.sim;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.resources.fluent.models.GenericResourceExpandedInner;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import com.azure.resourcemanager.resources.models.ResourceGroupPatchable;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Resource groups through the SDK: create, read, exist, list, update, delete, contents. */
class ResourceGroupTest extends SimulatorTestBase {

    @Test
    void createGetExistsListUpdateDelete() {
        var groups = clients.resources().serviceClient().getResourceGroups();
        ResourceGroupInner created = groups.createOrUpdate("MyGroup", new ResourceGroupInner().withLocation("eastus")
                .withTags(Map.of("lblab.io/owner-uid", "123")));
        assertThat(created.id()).isEqualTo("/subscriptions/" + sim.info().subscriptionId() + "/resourceGroups/MyGroup");
        assertThat(created.properties().provisioningState()).isEqualTo("Succeeded");
        assertThat(groups.get("mygroup").name()).as("case-insensitive, original casing kept").isEqualTo("MyGroup");
        assertThat(groups.checkExistence("MYGROUP")).isTrue();
        assertThat(groups.checkExistence("other")).isFalse();
        assertThat(groups.list().stream().map(ResourceGroupInner::name)).containsExactly("MyGroup");
        ResourceGroupInner patched = groups.update("MyGroup", new ResourceGroupPatchable().withTags(Map.of("a", "b")));
        assertThat(patched.tags()).containsEntry("a", "b");
        ResourceGroupInner again = groups.createOrUpdate("mygroup", new ResourceGroupInner().withLocation("eastus"));
        assertThat(again.name()).isEqualTo("MyGroup");
        Lab.done(groups.beginDelete("MyGroup"));
        ManagementException gone = org.assertj.core.api.Assertions.catchThrowableOfType(ManagementException.class,
                () -> groups.get("MyGroup"));
        assertThat(gone.getValue().getCode()).isEqualTo("ResourceGroupNotFound");
    }

    @Test
    void resourcesListExpandsTimesAndStatesAndChangedTimeMovesOnEveryPut() throws Exception {
        Lab lab = lab("rg");
        lab.group();
        lab.vnet();
        lab.nsg();
        var resources = clients.resources().serviceClient().getResources();
        List<GenericResourceExpandedInner> first = resources.listByResourceGroup("rg", null,
                "changedTime,createdTime,provisioningState", null, com.azure.core.util.Context.NONE).stream().toList();
        assertThat(first).extracting(GenericResourceExpandedInner::type)
                .containsExactly("Microsoft.Network/networkSecurityGroups", "Microsoft.Network/virtualNetworks");
        GenericResourceExpandedInner vnet = first.get(1);
        assertThat(vnet.provisioningState()).isEqualTo("Succeeded");
        assertThat(vnet.createdTime()).isNotNull();
        OffsetDateTime changed = vnet.changedTime();
        Thread.sleep(2);
        lab.vnet();
        GenericResourceExpandedInner after = resources.listByResourceGroup("rg", null, "changedTime", null, com.azure.core.util.Context.NONE).stream()
                .filter(r -> r.name().equals("myVNet")).findFirst().orElseThrow();
        assertThat(after.changedTime()).isAfter(changed);
        assertThat(after.createdTime()).as("only asked for changedTime").isNull();
    }
}
