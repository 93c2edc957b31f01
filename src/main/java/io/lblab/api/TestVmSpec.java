package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Internal mode's {@code myNicTestVM} and {@code myTestVM}. */
public record TestVmSpec(
        @Default("true")
        @JsonPropertyDescription("Create the test NIC and VM (Internal mode only). Defaults to enabled in Internal mode.")
        Boolean enabled) {

    public TestVmSpec {
        enabled = enabled == null ? Boolean.TRUE : enabled;
    }

    public static TestVmSpec defaults() {
        return new TestVmSpec(null);
    }
}
