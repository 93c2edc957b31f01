package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/** One resource in {@code status.plan}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PlannedChange(
        @JsonPropertyDescription("Wave in which the write starts (1 first; writes of one wave run in parallel); absent for NoChange.")
        Integer order,
        PlanAction action,
        @JsonPropertyDescription("The resource's name (myVNet, myVM1, ...) or the resource group's.")
        String name,
        @JsonPropertyDescription("ARM type, e.g. Microsoft.Network/virtualNetworks.")
        String type,
        @JsonPropertyDescription("Update only: the differing fields, 'path: Azure's value -> the spec's' (secrets masked).")
        List<String> changes) {

    public PlannedChange {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
