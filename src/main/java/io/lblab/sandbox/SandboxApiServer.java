package io.lblab.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The sandbox's Kubernetes API: the in-process one ({@link SandboxKubernetes}, {@code --api-server in-process}, the
 * default) or a real control plane on loopback ({@link RealApiServer}, {@code --api-server real}). Either way the
 * operator reaches it through its ordinary {@code quarkus.kubernetes-client.*} configuration and kubectl through the
 * kubeconfig the sandbox writes.
 */
interface SandboxApiServer extends AutoCloseable {

    /** The API server's URL. */
    String url();

    /** What the first line of the demo says about it. */
    String description();

    /** Installs the shipped CRD and returns once it is served. */
    void installCrd(CustomResourceDefinition crd);

    /** Writes a kubeconfig for kubectl (cluster-admin on the real API server). */
    Path writeKubeconfig(Path file) throws IOException;

    /** The operator's {@code quarkus.kubernetes-client.*} (and fabric8) settings that point it at this API server. */
    Map<String, String> clientConfiguration();

    /**
     * Whether kubectl works without workarounds: the real API server serves OpenAPI (client-side validation) and the
     * watches {@code kubectl delete}, {@code wait} and {@code get -w} use; the in-process one does not.
     */
    boolean kubectlNeedsNoWorkarounds();

    @Override
    void close();
}
