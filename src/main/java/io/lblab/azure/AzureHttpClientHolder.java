package io.lblab.azure;

import com.azure.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;

/** One shared HTTP client (connection pool) for every Azure call of the operator. */
@ApplicationScoped
public class AzureHttpClientHolder {

    private final HttpClient client;

    public AzureHttpClientHolder(AzureConfig config) {
        this.client = AzureHttpClients.create(config.trustCertificate());
    }

    public HttpClient client() {
        return client;
    }
}
