package io.lblab.reconciler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lblab.azure.ListedResource;
import io.lblab.azure.ObservedResource;
import io.lblab.blueprint.ResourceKind;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A look at Azure (list, then GETs) runs while our writes do. A write answered after the listing was requested (its
 * PUT reached Azure only after the listing, e.g. behind the SDK's retry of a failed attempt) must not be undone by
 * that listing: the resource is not "absent", and no second PUT follows. Seen under after-commit faults as a second
 * "ARM PUT .../myNicVM3 started" one second after the first one succeeded.
 */
class LabStateLookRaceTest {

    private static final String NIC = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/myNicVM3";
    private static final String VNET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/myVNet";

    private static ObservedResource resource(String id, String state) {
        return new ObservedResource(ResourceKind.fromArmType(id.replaceFirst(".*/providers/([^/]+/[^/]+)/.*", "$1")), id,
                JsonNodeFactory.instance.objectNode().put("id", id), state);
    }

    @Test
    void aWriteThatEndsDuringALookIsNotUndoneByIt() {
        LabState state = new LabState();
        long lookStarted = LabState.clock();
        // the look's listing does not have the NIC yet; meanwhile our PUT of it ends
        state.written(resource(NIC, "Succeeded"));
        state.observed(List.of(new ListedResource(VNET, "Microsoft.Network/virtualNetworks", "myVNet", OffsetDateTime.now(), "Succeeded")),
                Map.of(VNET, resource(VNET, "Succeeded")), Set.of(NIC), lookStarted);

        assertThat(state.observed(NIC)).as("known from our write, not absent").isNotNull();
        assertThat(state.observed(VNET)).isNotNull();
        assertThat(state.writesUnconfirmed()).as("a later look still has to confirm the write").isTrue();

        // a look started after the write sees the truth, whatever it is
        state.observed(List.of(), Map.of(), Set.of(NIC), LabState.clock());
        assertThat(state.observed(NIC)).isNull();
        assertThat(state.writesUnconfirmed()).isFalse();
    }

    @Test
    void aReadOlderThanOurWriteDoesNotReplaceIt() {
        LabState state = new LabState();
        long lookStarted = LabState.clock();
        state.written(resource(NIC, "Succeeded"));
        state.observed(List.of(new ListedResource(NIC, "Microsoft.Network/networkInterfaces", "myNicVM3", OffsetDateTime.now(), "Updating")),
                Map.of(NIC, resource(NIC, "Updating")), Set.of(), lookStarted);
        assertThat(state.observed(NIC).provisioningState()).isEqualTo("Succeeded");
        assertThat(state.changedTime(NIC)).isNull();

        long later = LabState.clock();
        state.observed(List.of(new ListedResource(NIC, "Microsoft.Network/networkInterfaces", "myNicVM3", OffsetDateTime.now(), "Succeeded")),
                Map.of(NIC, resource(NIC, "Succeeded")), Set.of(), later);
        assertThat(state.changedTime(NIC)).isNotNull();
        assertThat(state.writesUnconfirmed()).isFalse();
    }
}
