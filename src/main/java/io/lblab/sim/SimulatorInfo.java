package io.lblab.sim;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where a running simulator is and how to talk to it.
 *
 * @param baseUrl        {@code https://127.0.0.1:PORT/}: ARM endpoint, authority host and admin API
 * @param certificatePem  the server certificate (PEM) clients must trust
 * @param subscriptionIds every subscription served, the first one first; the one principal (tenant, client id and
 *                        secret) has a role on each, and each has its own token buckets
 */
public record SimulatorInfo(String baseUrl, String certificatePem, X509Certificate certificate, String tenantId,
                            String clientId, String clientSecret, List<String> subscriptionIds) {

    public SimulatorInfo {
        subscriptionIds = List.copyOf(subscriptionIds);
        if (subscriptionIds.isEmpty()) {
            throw new IllegalArgumentException("no subscription");
        }
    }

    /** The first subscription (the only one unless {@code SimulatorOptions#subscriptions()} asked for more). */
    public String subscriptionId() {
        return subscriptionIds.get(0);
    }

    /** {@code https://127.0.0.1:PORT/_sim/} */
    public String adminUrl() {
        return baseUrl + "_sim/";
    }

    /**
     * The environment for scripts and tools: {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID},
     * {@code AZURE_CLIENT_SECRET}, {@code AZURE_SUBSCRIPTION_ID}, {@code LBLAB_SIM_URL} and
     * {@code LBLAB_SIM_CERT} (the path given), one {@code KEY=value} per line; with more than one subscription
     * also {@code AZURE_SUBSCRIPTION_ID_2}, {@code AZURE_SUBSCRIPTION_ID_3}… (same tenant, client and secret).
     */
    public String toEnvLines(String certPath) {
        StringBuilder extra = new StringBuilder();
        for (int i = 1; i < subscriptionIds.size(); i++) {
            extra.append("AZURE_SUBSCRIPTION_ID_").append(i + 1).append('=').append(subscriptionIds.get(i)).append('\n');
        }
        return "AZURE_TENANT_ID=" + tenantId + "\n"
                + "AZURE_CLIENT_ID=" + clientId + "\n"
                + "AZURE_CLIENT_SECRET=" + clientSecret + "\n"
                + "AZURE_SUBSCRIPTION_ID=" + subscriptionId() + "\n"
                + extra
                + "LBLAB_SIM_URL=" + baseUrl + "\n"
                + "LBLAB_SIM_CERT=" + certPath + "\n";
    }

    /** A TLS context trusting exactly this simulator's certificate. */
    public SSLContext sslContext() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("lblab-simulator", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build an SSLContext for the simulator certificate", e);
        }
    }

    @Override
    public String toString() {
        return "SimulatorInfo[baseUrl=" + baseUrl + ", tenantId=" + tenantId + ", clientId=" + clientId
                + ", subscriptionIds=" + subscriptionIds + "]";
    }
}
