package io.lblab.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The HTTP client every Azure call goes through: the JDK's, trusting the JDK's CAs plus an optional PEM. */
public final class AzureHttpClients {

    private AzureHttpClients() {
    }

    public static HttpClient create(Optional<String> trustCertificatePem) {
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        trustCertificatePem.filter(p -> !p.isBlank()).ifPresent(path -> jdk.sslContext(sslContextTrusting(Path.of(path))));
        return new JdkHttpClientBuilder(jdk).build();
    }

    public static SSLContext sslContextTrusting(Path pem) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (X509Certificate certificate : defaultTrustedCertificates()) {
                store.setCertificateEntry("jdk-" + index++, certificate);
            }
            try (InputStream in = Files.newInputStream(pem)) {
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("extra-" + index++, certificate);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust certificate " + pem + ": " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> defaultTrustedCertificates() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> certificates = new ArrayList<>();
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                certificates.addAll(List.of(x509.getAcceptedIssuers()));
            }
        }
        return certificates;
    }
}
