package io.lblab.azure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArmMetricsPolicyTest {

    private static final String SUB = "/subscriptions/00000000-0000-0000-0000-000000000001";

    @Test
    void resourceTypeComesFromThePathWithoutNamesOrIds() {
        assertThat(ArmMetricsPolicy.resourceType(SUB + "/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/myLoadBalancer"))
                .isEqualTo("Microsoft.Network/loadBalancers");
        assertThat(ArmMetricsPolicy.resourceType(SUB + "/resourcegroups/rg/providers/microsoft.network/PUBLICIPADDRESSES/myPublicIP"))
                .as("canonical casing").isEqualTo("Microsoft.Network/publicIPAddresses");
        assertThat(ArmMetricsPolicy.resourceType(SUB + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"))
                .isEqualTo("Microsoft.Network/virtualNetworks/subnets");
        assertThat(ArmMetricsPolicy.resourceType(SUB + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines"))
                .isEqualTo("Microsoft.Compute/virtualMachines");
        assertThat(ArmMetricsPolicy.resourceType(SUB + "/resourcegroups/lblab-ns-lab")).isEqualTo("Microsoft.Resources/resourceGroups");
        assertThat(ArmMetricsPolicy.resourceType(SUB + "/resourceGroups")).isEqualTo("Microsoft.Resources/resourceGroups");
        assertThat(ArmMetricsPolicy.resourceType(SUB + "/resourceGroups/rg/resources")).isEqualTo("Microsoft.Resources/resources");
        assertThat(ArmMetricsPolicy.resourceType(SUB)).isEqualTo("Microsoft.Resources/subscriptions");
        assertThat(ArmMetricsPolicy.resourceType(SUB + "/providers/Microsoft.Network/locations/eastus/operations/1234-abcd"))
                .isEqualTo("operationStatus");
        assertThat(ArmMetricsPolicy.resourceType(SUB + "/providers/Microsoft.Compute/locations/eastus/operations/1234"))
                .isEqualTo("operationStatus");
        assertThat(ArmMetricsPolicy.resourceType(SUB + "/providers/Microsoft.Network/locations/eastus/operationResults/1234"))
                .isEqualTo("operationStatus");
        assertThat(ArmMetricsPolicy.resourceType(SUB + "/operationresults/eyJqb2JJZCI6IlJFU09VUkNFR1JPVVBERUxF"))
                .isEqualTo("operationStatus");
        assertThat(ArmMetricsPolicy.resourceType("/")).isEqualTo("other");
        assertThat(ArmMetricsPolicy.resourceType("/tenants")).isEqualTo("other");
        assertThat(ArmMetricsPolicy.resourceType(null)).isEqualTo("other");
    }
}
