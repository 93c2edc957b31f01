package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** NSG {@code myNSG} and its inbound rule {@code myNSGRuleHTTP}. */
public record FirewallSpec(
        @Default("80") @Min(1) @Max(65535)
        @JsonPropertyDescription("Destination port the inbound rule allows.")
        Integer port,
        @Default("\"*\"") @Pattern(Patterns.NSG_SOURCE)
        @JsonPropertyDescription("Source the inbound rule allows: '*', an IPv4 address or prefix, or a service tag.")
        String sourceAddressPrefix) {

    public static final int PORT = 80;
    public static final String ANY = "*";

    public FirewallSpec {
        port = port == null ? PORT : port;
        sourceAddressPrefix = sourceAddressPrefix == null ? ANY : sourceAddressPrefix;
    }

    public static FirewallSpec defaults() {
        return new FirewallSpec(null, null);
    }
}
