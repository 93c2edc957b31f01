package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** The sample's Bastion: {@code myBastionIP}, {@code AzureBastionSubnet} and {@code myBastionHost}. */
public record BastionSpec(
        @Default("true")
        @JsonPropertyDescription("Create the Bastion host (about 10 minutes in Azure). When false, no Bastion IP or host is made.")
        Boolean enabled) {

    public BastionSpec {
        enabled = enabled == null ? Boolean.TRUE : enabled;
    }

    public static BastionSpec defaults() {
        return new BastionSpec(null);
    }
}
