package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/** What applying the spec would do, shown while the lab carries {@code lblab.io/plan-only: "true"}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanStatus(
        @JsonPropertyDescription("metadata.generation of the spec planned.")
        Long generation,
        @JsonPropertyDescription("Counts of creates, updates, deletes and unchanged resources.")
        String summary,
        @JsonPropertyDescription("One entry per resource, in the order the writes would start.")
        List<PlannedChange> resources) {

    public PlanStatus {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }
}
