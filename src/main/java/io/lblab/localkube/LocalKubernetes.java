package io.lblab.localkube;

import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A real Kubernetes control plane on loopback, from the binaries of {@link KubeBinaries}: etcd, kube-apiserver (RBAC,
 * its own serving certificate, service-account issuer and keys so that the TokenRequest API works) and
 * kube-controller-manager with the garbage-collector and namespace controllers. No kubelet or scheduler: objects are
 * stored and controlled, but no pod ever runs. Every process stops with {@link #close()}, and with this JVM even if it
 * is killed.
 */
public final class LocalKubernetes implements AutoCloseable {

    public static final String ADMIN_USER = "lblab-admin";
    private static final Duration ETCD_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration API_SERVER_TIMEOUT = Duration.ofSeconds(120);

    private final KubeBinaries binaries;
    private final Path dir;
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final String adminToken;
    private ControlPlanePki pki;
    private int apiServerPort;
    private Path adminKubeconfig;
    private final Thread shutdownHook = new Thread(this::close, "lblab-localkube-shutdown");

    private LocalKubernetes(KubeBinaries binaries, Path dir) {
        this.binaries = binaries;
        this.dir = dir.toAbsolutePath();
        byte[] token = new byte[24];
        new SecureRandom().nextBytes(token);
        this.adminToken = HexFormat.of().formatHex(token);
    }

    /** Starts the control plane with its files (data, certificates, logs, kubeconfig) under {@code dir}. */
    public static LocalKubernetes start(KubeBinaries binaries, Path dir) throws IOException {
        return start(binaries, dir, 0);
    }

    /** As {@link #start(KubeBinaries, Path)}, with the API server on {@code apiServerPort} (0: a free port). */
    public static LocalKubernetes start(KubeBinaries binaries, Path dir, int apiServerPort) throws IOException {
        for (String name : KubeBinaries.NAMES) {
            if (!Files.isExecutable(binaries.path(name))) {
                throw new IOException(name + " not found at " + binaries.path(name) + "; build it with bash " + KubeBinaries.BUILD_SCRIPT);
            }
        }
        LocalKubernetes cluster = new LocalKubernetes(binaries, dir);
        cluster.apiServerPort = apiServerPort;
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.startAll();
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll() throws IOException {
        if (Files.exists(dir.resolve("etcd-data"))) {
            deleteRecursively(dir.resolve("etcd-data"));
        }
        Files.createDirectories(dir);
        pki = ControlPlanePki.create(dir.resolve("pki"));
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, adminToken + "," + ADMIN_USER + "," + ADMIN_USER + ",\"system:masters\"\n");

        int etcdPort = freePort();
        int etcdPeerPort = freePort();
        String etcdUrl = "http://127.0.0.1:" + etcdPort;
        ManagedProcess etcd = launch("etcd", List.of(binaries.path("etcd").toString(),
                "--name", "default", "--data-dir", dir.resolve("etcd-data").toString(),
                "--listen-client-urls", etcdUrl, "--advertise-client-urls", etcdUrl,
                "--listen-peer-urls", "http://127.0.0.1:" + etcdPeerPort,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + etcdPeerPort,
                "--initial-cluster", "default=http://127.0.0.1:" + etcdPeerPort,
                "--unsafe-no-fsync", "--log-level", "warn"));
        awaitHealthy(etcd, HttpClient.newHttpClient(), URI.create(etcdUrl + "/health"), null, ETCD_TIMEOUT,
                "etcd on 127.0.0.1:" + etcdPort + " (peer port " + etcdPeerPort + ")");

        if (apiServerPort == 0) {
            apiServerPort = freePort();
        }
        ManagedProcess apiServer = launch("kube-apiserver", List.of(binaries.path("kube-apiserver").toString(),
                "--etcd-servers", etcdUrl,
                "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1", "--secure-port", Integer.toString(apiServerPort),
                "--tls-cert-file", pki.servingCert().toString(), "--tls-private-key-file", pki.servingKey().toString(),
                "--client-ca-file", pki.caCert().toString(),
                "--token-auth-file", tokens.toString(),
                "--authorization-mode", "RBAC",
                "--service-account-issuer", "https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file", pki.serviceAccountPublicKey().toString(),
                "--service-account-signing-key-file", pki.serviceAccountKey().toString(),
                "--api-audiences", "https://kubernetes.default.svc.cluster.local",
                "--service-cluster-ip-range", "10.96.0.0/24",
                "--allow-privileged=true",
                // no kubernetes Service endpoints: a loopback address is not allowed in them, and nothing here needs them
                "--endpoint-reconciler-type=none",
                "--cert-dir", dir.resolve("apiserver-certs").toString()));
        awaitHealthy(apiServer, trustingClient(), URI.create(url() + "/readyz"), adminToken, API_SERVER_TIMEOUT,
                "kube-apiserver on 127.0.0.1:" + apiServerPort);
        adminKubeconfig = writeKubeconfig(dir.resolve("admin.kubeconfig"), ADMIN_USER, adminToken);

        launch("kube-controller-manager", List.of(binaries.path("kube-controller-manager").toString(),
                "--kubeconfig", adminKubeconfig.toString(),
                "--controllers", "garbage-collector-controller,namespace-controller,serviceaccount-controller",
                "--leader-elect=false", "--secure-port=0", "--use-service-account-credentials=false",
                "--concurrent-gc-syncs", "5"));
    }

    public String url() {
        return "https://127.0.0.1:" + apiServerPort;
    }

    public KubeBinaries binaries() {
        return binaries;
    }

    public Path dir() {
        return dir;
    }

    /** A kubeconfig with cluster-admin rights (group {@code system:masters}). */
    public Path adminKubeconfig() {
        return adminKubeconfig;
    }

    public String caPem() {
        return pki.caPem();
    }

    public KubernetesClient adminClient() {
        return client(adminToken);
    }

    public KubernetesClient client(String token) {
        Config config = Config.empty();
        config.setMasterUrl(url());
        config.setCaCertData(Base64.getEncoder().encodeToString(pki.caPem().getBytes(StandardCharsets.UTF_8)));
        config.setOauthToken(token);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** A token of a ServiceAccount from the TokenRequest API, as a kubelet would mount it into the pod. */
    public String serviceAccountToken(String namespace, String serviceAccount, Duration lifetime) {
        try (KubernetesClient admin = adminClient()) {
            TokenRequest request = new TokenRequestBuilder().withNewSpec()
                    .withExpirationSeconds(lifetime.toSeconds()).endSpec().build();
            return admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount).tokenRequest(request)
                    .getStatus().getToken();
        }
    }

    /** Writes a kubeconfig for this cluster that authenticates with a bearer token. */
    public Path writeKubeconfig(Path file, String user, String token) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: lblab-local
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: %s
                  user:
                    token: %s
                contexts:
                - name: lblab-local
                  context:
                    cluster: lblab-local
                    user: %s
                current-context: lblab-local
                """.formatted(url(), Base64.getEncoder().encodeToString(pki.caPem().getBytes(StandardCharsets.UTF_8)), user,
                token, user));
        return file;
    }

    /** Stops kube-controller-manager, kube-apiserver and etcd, in that order. */
    @Override
    public synchronized void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        processes.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook
        }
    }

    private ManagedProcess launch(String name, List<String> command) throws IOException {
        ManagedProcess process = ManagedProcess.start(name, command, Map.of(), dir.resolve(name + ".log"));
        processes.add(process);
        return process;
    }

    private static void awaitHealthy(ManagedProcess process, HttpClient http, URI health, String token, Duration timeout,
                                     String what) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(what + " exited during start-up; " + process.log() + " ends with:\n"
                        + process.tail(15));
            }
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5));
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + what, e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + what, e);
            }
        }
        throw new IOException(what + " was not healthy within " + timeout.toSeconds() + " s (last answer: " + last + "); see "
                + process.log() + ":\n" + process.tail(15));
    }

    private HttpClient trustingClient() throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pki.caPem().getBytes(StandardCharsets.UTF_8))));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, factory.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot trust the local CA: " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
