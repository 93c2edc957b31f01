package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Address plan of {@code myVNet}: the VNet, {@code myBackendSubnet} and {@code AzureBastionSubnet}. */
public record NetworkSpec(
        @Default(ADDRESS_SPACE)
        @Pattern(Patterns.IPV4_CIDR)
        @JsonPropertyDescription("Address space of myVNet.")
        String addressSpace,
        @Default(BACKEND_SUBNET)
        @Pattern(Patterns.IPV4_CIDR)
        @JsonPropertyDescription("Prefix of myBackendSubnet (NICs, VMs and, in Internal mode, the load balancer frontend).")
        String backendSubnet,
        @Default(BASTION_SUBNET)
        @Pattern(Patterns.IPV4_CIDR)
        @JsonPropertyDescription("Prefix of AzureBastionSubnet; Azure requires /26 or larger.")
        String bastionSubnet) {

    public static final String ADDRESS_SPACE = "10.1.0.0/16";
    public static final String BACKEND_SUBNET = "10.1.0.0/24";
    public static final String BASTION_SUBNET = "10.1.1.0/24";

    public NetworkSpec {
        addressSpace = addressSpace == null ? ADDRESS_SPACE : addressSpace;
        backendSubnet = backendSubnet == null ? BACKEND_SUBNET : backendSubnet;
        bastionSubnet = bastionSubnet == null ? BASTION_SUBNET : bastionSubnet;
    }

    public static NetworkSpec defaults() {
        return new NetworkSpec(null, null, null);
    }
}
