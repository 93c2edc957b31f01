package io.lblab.sim;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * Where a running simulator is and how to talk to it.
 *
 * @param baseUrl        {@code https://127.0.0.1:PORT/}: ARM endpoint, authority host and admin API
 * @param certificatePem the server certificate (PEM) clients must trust
 */
public record SimulatorInfo(String baseUrl, String certificatePem, X509Certificate certificate, String tenantId,
                            String clientId, String clientSecret, String subscriptionId) {

    /** {@code https://127.0.0.1:PORT/_sim/} */
    public String adminUrl() {
        return baseUrl + "_sim/";
    }

    /**
     * The environment for scripts and tools: {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID},
     * {@code AZURE_CLIENT_SECRET}, {@code AZURE_SUBSCRIPTION_ID}, {@code LBLAB_SIM_URL} and
     * {@code LBLAB_SIM_CERT} (the path given), one {@code KEY=value} per line.
     */
    public String toEnvLines(String certPath) {
        return "AZURE_TENANT_ID=" + tenantId + "\n"
                + "AZURE_CLIENT_ID=" + clientId + "\n"
                + "AZURE_CLIENT_SECRET=" + clientSecret + "\n"
                + "AZURE_SUBSCRIPTION_ID=" + subscriptionId + "\n"
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
                + ", subscriptionId=" + subscriptionId + "]";
    }
}
