package io.lblab.localkube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stand-in for the kubelet where none runs: one pod of a Deployment, as read from the API server, started as a
 * process of the operator's image (its entrypoint from {@code Dockerfile.jvm}, see {@link ContainerImage}) with what
 * a kubelet would give the container: the image's environment, then {@code envFrom} and {@code env} (values,
 * {@code fieldRef} metadata.name/namespace, Secret and ConfigMap keys) read from the cluster; Secret and ConfigMap
 * volumes written to a directory, and environment values that point into a mount pointed there; the identity of the
 * pod's ServiceAccount (a TokenRequest token, in a kubeconfig). Only {@code QUARKUS_HTTP_PORT=0} is added: a pod has
 * its own network namespace, processes on one machine share one.
 */
public final class PodProcess {

    private PodProcess() {
    }

    public static ManagedProcess start(LocalKubernetes cluster, Deployment deployment, String podName, Path dir) throws IOException {
        String namespace = deployment.getMetadata().getNamespace();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        if (pod.getContainers().size() != 1) {
            throw new IllegalArgumentException("one container expected in " + deployment.getMetadata().getName());
        }
        Container container = pod.getContainers().get(0);
        ContainerImage image = ContainerImage.read();
        Files.createDirectories(dir);
        Map<String, String> env = new LinkedHashMap<>(image.env());
        try (KubernetesClient admin = cluster.adminClient()) {
            Map<String, Path> mounts = new TreeMap<>();
            for (VolumeMount mount : container.getVolumeMounts() == null ? List.<VolumeMount>of() : container.getVolumeMounts()) {
                Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
                Path local = dir.resolve("volumes").resolve(volume.getName()).toAbsolutePath();
                Files.createDirectories(local);
                if (volume.getSecret() != null) {
                    Secret secret = admin.secrets().inNamespace(namespace).withName(volume.getSecret().getSecretName()).require();
                    write(local, decode(secret), volume.getSecret().getItems());
                } else if (volume.getConfigMap() != null) {
                    ConfigMap configMap = admin.configMaps().inNamespace(namespace).withName(volume.getConfigMap().getName()).require();
                    write(local, configMap.getData(), volume.getConfigMap().getItems());
                }
                mounts.put(mount.getMountPath(), local);
            }
            for (EnvFromSource from : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
                if (from.getSecretRef() != null) {
                    env.putAll(decode(admin.secrets().inNamespace(namespace).withName(from.getSecretRef().getName()).require()));
                } else if (from.getConfigMapRef() != null) {
                    env.putAll(admin.configMaps().inNamespace(namespace).withName(from.getConfigMapRef().getName()).require().getData());
                }
            }
            for (EnvVar var : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                env.put(var.getName(), value(admin, namespace, podName, var));
            }
            env.replaceAll((name, value) -> {
                for (Map.Entry<String, Path> mount : mounts.entrySet()) {
                    if (value.startsWith(mount.getKey() + "/")) {
                        return mount.getValue() + value.substring(mount.getKey().length());
                    }
                }
                return value;
            });
        }
        String token = cluster.serviceAccountToken(namespace, pod.getServiceAccountName(), Duration.ofHours(1));
        Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"), pod.getServiceAccountName(), token);
        env.put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
        env.put("HOSTNAME", podName);
        env.put("QUARKUS_HTTP_PORT", "0");
        Files.writeString(dir.resolve("env"), String.join("\n", env.keySet()) + "\n");
        return ManagedProcess.start("pod " + podName, image.localEntrypoint(), env, dir.resolve("pod.log"));
    }

    private static String value(KubernetesClient admin, String namespace, String podName, EnvVar var) {
        if (var.getValueFrom() == null) {
            return var.getValue() == null ? "" : var.getValue();
        }
        if (var.getValueFrom().getFieldRef() != null) {
            return switch (var.getValueFrom().getFieldRef().getFieldPath()) {
                case "metadata.name" -> podName;
                case "metadata.namespace" -> namespace;
                default -> throw new IllegalArgumentException("fieldRef not emulated: " + var.getValueFrom().getFieldRef().getFieldPath());
            };
        }
        if (var.getValueFrom().getSecretKeyRef() != null) {
            Secret secret = admin.secrets().inNamespace(namespace).withName(var.getValueFrom().getSecretKeyRef().getName()).require();
            return decode(secret).get(var.getValueFrom().getSecretKeyRef().getKey());
        }
        if (var.getValueFrom().getConfigMapKeyRef() != null) {
            return admin.configMaps().inNamespace(namespace).withName(var.getValueFrom().getConfigMapKeyRef().getName()).require()
                    .getData().get(var.getValueFrom().getConfigMapKeyRef().getKey());
        }
        throw new IllegalArgumentException("valueFrom not emulated: " + var.getName());
    }

    private static Map<String, String> decode(Secret secret) {
        Map<String, String> out = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            out.putAll(secret.getStringData());
        }
        return out;
    }

    private static void write(Path dir, Map<String, String> data, List<KeyToPath> items) throws IOException {
        if (items == null || items.isEmpty()) {
            for (Map.Entry<String, String> e : data.entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue());
            }
            return;
        }
        for (KeyToPath item : items) {
            String value = data.get(item.getKey());
            if (value == null) {
                throw new IOException("key " + item.getKey() + " missing from a volume's source");
            }
            Files.writeString(dir.resolve(item.getPath()), value);
        }
    }
}
