package io.lblab.azure;

import com.azure.core.credential.TokenCredential;

/**
 * A credential and the subscription it is used for.
 *
 * @param cacheKey identifies the credential without revealing it (a hash for Secret-based ones)
 */
public record AzureAccess(String cacheKey, TokenCredential credential, String subscriptionId) {

    @Override
    public String toString() {
        return "AzureAccess[" + cacheKey + ", subscription " + subscriptionId + "]";
    }
}
