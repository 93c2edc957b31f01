package io.lblab.azure;

import java.time.OffsetDateTime;

/** One line of a resource group's resource list ({@code $expand=changedTime,provisioningState}). */
public record ListedResource(String id, String type, String name, OffsetDateTime changedTime, String provisioningState) {
}
