package io.lblab.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * An in-process Kubernetes API: fabric8's mock server in CRUD mode, plus the discovery documents kubectl asks for
 * before it will talk to a server, server-side printing of labs ({@link PrinterTableDispatcher}) and the protobuf
 * bodies kubectl's typed clients send ({@link ContentTypeDispatcher}).
 */
final class SandboxKubernetes implements SandboxApiServer {

    private final KubernetesMockServer server;

    private SandboxKubernetes(KubernetesMockServer server) {
        this.server = server;
    }

    static SandboxKubernetes start(CustomResourceDefinition crd) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        var columns = crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new ContentTypeDispatcher(new PrinterTableDispatcher(new KubernetesMixedDispatcher(responses), columns)), false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the in-process Kubernetes API: " + e.getMessage(), e);
        }
        SandboxKubernetes kubernetes = new SandboxKubernetes(server);
        kubernetes.serveDiscovery();
        return kubernetes;
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public String description() {
        return url();
    }

    @Override
    public void installCrd(CustomResourceDefinition crd) {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(url()).withAutoConfigure(false).build()).build()) {
            client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        }
    }

    @Override
    public Map<String, String> clientConfiguration() {
        return Map.of("quarkus.kubernetes-client.api-server-url", url());
    }

    @Override
    public boolean kubectlNeedsNoWorkarounds() {
        return false;
    }

    private void serveDiscovery() {
        String address = "127.0.0.1:" + server.getPort();
        expect("/version", 200, """
                {"major":"1","minor":"32","gitVersion":"v1.32.0-lblab-sandbox","platform":"linux/amd64"}""");
        expect("/api", 200, """
                {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"%s"}]}"""
                .formatted(address));
        expect("/apis", 200, """
                {"kind":"APIGroupList","apiVersion":"v1","groups":[
                 {"name":"lblab.io","versions":[{"groupVersion":"lblab.io/v1alpha1","version":"v1alpha1"}],
                  "preferredVersion":{"groupVersion":"lblab.io/v1alpha1","version":"v1alpha1"}}]}""");
        expect("/api/v1", 200, """
                {"kind":"APIResourceList","groupVersion":"v1","resources":[
                 {"name":"namespaces","singularName":"namespace","namespaced":false,"kind":"Namespace","verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["ns"]},
                 {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["create","delete","get","list","patch","update","watch"]},
                 {"name":"configmaps","singularName":"configmap","namespaced":true,"kind":"ConfigMap","verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["cm"]},
                 {"name":"events","singularName":"event","namespaced":true,"kind":"Event","verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["ev"]}]}""");
        expect("/apis/lblab.io/v1alpha1", 200, """
                {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"lblab.io/v1alpha1","resources":[
                 {"name":"loadbalancerlabs","singularName":"loadbalancerlab","namespaced":true,"kind":"LoadBalancerLab",
                  "verbs":["delete","deletecollection","get","list","patch","create","update","watch"],"shortNames":["lblab"],"categories":["all"]},
                 {"name":"loadbalancerlabs/status","singularName":"","namespaced":true,"kind":"LoadBalancerLab","verbs":["get","patch","update"]}]}""");
        expect("/openapi/v2", 404, "{}");
        expect("/openapi/v3", 404, "{}");
    }

    /** kubectl asks with and without its {@code ?timeout=32s}; answer both, always. */
    private void expect(String path, int status, String body) {
        server.expect().get().withPath(path).andReturn(status, body).always();
        server.expect().get().withPath(path + "?timeout=32s").andReturn(status, body).always();
    }

    /** A kubeconfig for kubectl: plain HTTP on loopback, no credentials. */
    @Override
    public Path writeKubeconfig(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: lblab-sandbox
                  cluster:
                    server: %s
                contexts:
                - name: lblab-sandbox
                  context:
                    cluster: lblab-sandbox
                    namespace: default
                    user: lblab-sandbox
                current-context: lblab-sandbox
                users:
                - name: lblab-sandbox
                  user: {}
                """.formatted(url()));
        return file;
    }

    @Override
    public void close() {
        server.destroy();
    }
}
