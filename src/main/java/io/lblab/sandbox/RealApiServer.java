package io.lblab.sandbox;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lblab.localkube.KubeBinaries;
import io.lblab.localkube.LocalKubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code sandbox --api-server real}: a real control plane on loopback ({@link LocalKubernetes}: etcd, kube-apiserver
 * with TLS, token authentication and RBAC, kube-controller-manager with the garbage collector), the operator
 * authenticated with its admin token (group {@code system:masters}). Its processes stop with {@link #close()}, with
 * this JVM's shutdown hooks (SIGTERM, Ctrl-C), and through {@code ManagedProcess}'s watchdog even after a
 * {@code kill -9}.
 */
final class RealApiServer implements SandboxApiServer {

    private static final long CRD_ESTABLISHED_SECONDS = 60;

    private final LocalKubernetes cluster;
    private final String adminToken;

    private RealApiServer(LocalKubernetes cluster, String adminToken) {
        this.cluster = cluster;
        this.adminToken = adminToken;
    }

    /** Starts the control plane with its files (data, certificates, logs, admin kubeconfig) under {@code dir}. */
    static RealApiServer start(KubeBinaries binaries, Path dir) throws IOException {
        LocalKubernetes cluster = LocalKubernetes.start(binaries, dir);
        try {
            return new RealApiServer(cluster, adminToken(cluster.adminKubeconfig()));
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The bearer token of the harness's admin kubeconfig (its only user). */
    private static String adminToken(Path kubeconfig) throws IOException {
        Config config = Serialization.unmarshal(Files.readString(kubeconfig), Config.class);
        return config.getUsers().stream().filter(u -> LocalKubernetes.ADMIN_USER.equals(u.getName())).findFirst()
                .map(NamedAuthInfo::getUser).map(user -> user.getToken())
                .orElseThrow(() -> new IOException(kubeconfig + " has no token for " + LocalKubernetes.ADMIN_USER));
    }

    @Override
    public String url() {
        return cluster.url();
    }

    @Override
    public String description() {
        return "%s (kube-apiserver v%s, etcd and kube-controller-manager; their logs in %s)"
                .formatted(url(), cluster.binaries().kubernetesVersion(), cluster.dir());
    }

    @Override
    public void installCrd(CustomResourceDefinition crd) {
        String name = crd.getMetadata().getName();
        try (KubernetesClient admin = cluster.adminClient()) {
            var crds = admin.apiextensions().v1().customResourceDefinitions();
            crds.resource(crd).create();
            crds.withName(name).waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                    && c.getStatus().getConditions().stream()
                    .anyMatch(condition -> "Established".equals(condition.getType()) && "True".equals(condition.getStatus())),
                    CRD_ESTABLISHED_SECONDS, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            throw new IllegalStateException("CRD " + name + " not Established on " + url() + " within " + CRD_ESTABLISHED_SECONDS
                    + " s: " + e.getMessage() + " (see " + cluster.dir().resolve("kube-apiserver.log") + ")", e);
        }
    }

    /** The harness's admin kubeconfig (token of group system:masters, the CA inline), copied to {@code file}. */
    @Override
    public Path writeKubeconfig(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.copy(cluster.adminKubeconfig(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    @Override
    public Map<String, String> clientConfiguration() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.kubernetes-client.api-server-url", url());
        config.put("quarkus.kubernetes-client.ca-cert-data",
                Base64.getEncoder().encodeToString(cluster.caPem().getBytes(StandardCharsets.UTF_8)));
        config.put("quarkus.kubernetes-client.token", adminToken);
        return config;
    }

    @Override
    public boolean kubectlNeedsNoWorkarounds() {
        return true;
    }

    /** Stops kube-controller-manager, kube-apiserver and etcd. */
    @Override
    public void close() {
        cluster.close();
    }
}
