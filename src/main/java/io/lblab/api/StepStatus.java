package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Progress of one Azure resource of the lab. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepStatus(
        String name,
        StepState state,
        String resourceId,
        String message) {
}
