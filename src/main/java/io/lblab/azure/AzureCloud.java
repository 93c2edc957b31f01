package io.lblab.azure;

import com.azure.core.management.AzureEnvironment;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Which Azure cloud the operator talks to; CUSTOM takes its endpoints from configuration (Azure Stack, the simulator). */
public enum AzureCloud {
    AZURE, AZURE_CHINA, AZURE_US_GOVERNMENT, CUSTOM;

    /** The SDK environment, with endpoint overrides applied for CUSTOM. */
    public AzureEnvironment environment(Optional<String> resourceManagerEndpoint, Optional<String> authorityHost) {
        AzureEnvironment base = switch (this) {
            case AZURE, CUSTOM -> AzureEnvironment.AZURE;
            case AZURE_CHINA -> AzureEnvironment.AZURE_CHINA;
            case AZURE_US_GOVERNMENT -> AzureEnvironment.AZURE_US_GOVERNMENT;
        };
        if (this != CUSTOM) {
            return base;
        }
        String arm = withTrailingSlash(resourceManagerEndpoint.orElseThrow(() -> new IllegalStateException(
                "lblab.azure.cloud=CUSTOM needs lblab.azure.resource-manager-endpoint")));
        Map<String, String> endpoints = new HashMap<>(base.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", arm);
        endpoints.put("managementEndpointUrl", arm);
        endpoints.put("activeDirectoryEndpointUrl", withTrailingSlash(authorityHost.orElse(arm)));
        endpoints.put("activeDirectoryResourceId", arm);
        return new AzureEnvironment(endpoints);
    }

    static String withTrailingSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
