package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Marketplace image of every VM; immutable once the lab exists (a CEL rule on the spec). */
public record ImageSpec(
        @Default(PUBLISHER) @Pattern(Patterns.IMAGE_PART)
        @JsonPropertyDescription("Image publisher.")
        String publisher,
        @Default(OFFER) @Pattern(Patterns.IMAGE_PART)
        @JsonPropertyDescription("Image offer.")
        String offer,
        @Default(SKU) @Pattern(Patterns.IMAGE_PART)
        @JsonPropertyDescription("Image SKU.")
        String sku,
        @Default(VERSION) @Pattern(Patterns.IMAGE_PART)
        @JsonPropertyDescription("Image version.")
        String version) {

    public static final String PUBLISHER = "MicrosoftWindowsServer";
    public static final String OFFER = "WindowsServer";
    public static final String SKU = "2019-Datacenter";
    public static final String VERSION = "latest";

    public ImageSpec {
        publisher = publisher == null ? PUBLISHER : publisher;
        offer = offer == null ? OFFER : offer;
        sku = sku == null ? SKU : sku;
        version = version == null ? VERSION : version;
    }

    public static ImageSpec defaults() {
        return new ImageSpec(null, null, null, null);
    }
}
