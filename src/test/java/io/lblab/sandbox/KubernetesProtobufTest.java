package io.lblab.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesProtobufTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void decodesTheSecretOfKubectlCreateSecretGeneric() throws Exception {
        // what kubectl v1.37.2 sent for: kubectl create secret generic vm-password --from-literal=password=Sandbox-Passw0rd!
        byte[] body = HexFormat.of().parseHex(KUBECTL_CREATE_SECRET);

        assertThat(KubernetesProtobuf.toJson(body)).isEqualTo(JSON.readTree("""
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"vm-password","namespace":"default"},
                 "data":{"password":"U2FuZGJveC1QYXNzdzByZCE="}}"""));
    }

    @Test
    void decodesMetadataMapsListsTimesAndPointerFields() throws Exception {
        Message meta = new Message()
                .string(1, "creds").string(2, "").string(3, "labs")
                .varint(7, 0)
                .message(8, new Message().varint(1, 1_700_000_000L).varint(2, 5))
                .message(9, new Message())
                .varint(10, 0)
                .message(11, entry("app", "lblab")).message(11, entry("tier", "x"))
                .message(12, entry("note", "a b"))
                .message(13, new Message().string(1, "LoadBalancerLab").string(3, "lab").string(4, "u-1")
                        .string(5, "lblab.io/v1alpha1").varint(6, 1).varint(7, 0))
                .string(14, "one").string(14, "two")
                .message(17, new Message().string(1, "kubectl-create").string(2, "Update").string(3, "v1")
                        .string(6, "FieldsV1").message(7, new Message().bytes(1, "{\"f:data\":{}}".getBytes(StandardCharsets.UTF_8))))
                .string(99, "a field this decoder does not know");
        Message secret = new Message().message(1, meta).varint(5, 0)
                .message(2, new Message().string(1, "bin").bytes(2, new byte[] {0, 1, (byte) 0xff}))
                .message(4, entry("plain", "text")).string(3, "");

        assertThat(KubernetesProtobuf.toJson(envelope("v1", "Secret", secret))).isEqualTo(JSON.readTree("""
                {"apiVersion":"v1","kind":"Secret",
                 "metadata":{"name":"creds","namespace":"labs","creationTimestamp":"2023-11-14T22:13:20Z",
                   "deletionGracePeriodSeconds":0,"labels":{"app":"lblab","tier":"x"},"annotations":{"note":"a b"},
                   "ownerReferences":[{"kind":"LoadBalancerLab","name":"lab","uid":"u-1","apiVersion":"lblab.io/v1alpha1",
                     "controller":true,"blockOwnerDeletion":false}],
                   "finalizers":["one","two"],
                   "managedFields":[{"manager":"kubectl-create","operation":"Update","apiVersion":"v1",
                     "fieldsType":"FieldsV1","fieldsV1":{"f:data":{}}}]},
                 "immutable":false,"data":{"bin":"AAH/"},"stringData":{"plain":"text"}}"""));
    }

    @Test
    void decodesTheConfigMapAndNamespaceOfKubectlCreate() throws Exception {
        assertThat(KubernetesProtobuf.toJson(HexFormat.of().parseHex(KUBECTL_CREATE_CONFIGMAP))).isEqualTo(JSON.readTree("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"default"},"data":{"k":"v"}}"""));
        assertThat(KubernetesProtobuf.toJson(HexFormat.of().parseHex(KUBECTL_CREATE_NAMESPACE))).isEqualTo(JSON.readTree("""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"labs"},"spec":{},"status":{}}"""));
    }

    @Test
    void decodesConfigMapsAndNamespaces() throws Exception {
        Message configMap = new Message().message(1, new Message().string(1, "settings"))
                .message(2, entry("k", "v")).message(3, new Message().string(1, "b").bytes(2, new byte[] {1}));
        assertThat(KubernetesProtobuf.toJson(envelope("v1", "ConfigMap", configMap))).isEqualTo(JSON.readTree("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"k":"v"},"binaryData":{"b":"AQ=="}}"""));

        Message namespace = new Message().message(1, new Message().string(1, "labs").message(8, new Message()))
                .message(2, new Message()).message(3, new Message().string(1, ""));
        assertThat(KubernetesProtobuf.toJson(envelope("v1", "Namespace", namespace))).isEqualTo(JSON.readTree("""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"labs"},"spec":{},"status":{}}"""));
    }

    @Test
    void refusesKindsItDoesNotKnowAndBrokenMessages() {
        assertThatThrownBy(() -> KubernetesProtobuf.toJson(envelope("apps/v1", "Deployment", new Message().message(1, new Message()))))
                .isInstanceOf(KubernetesProtobuf.UnsupportedKindException.class)
                .hasMessageContaining("not apps/v1/Deployment").hasMessageContaining("v1/Secret");
        assertThatThrownBy(() -> KubernetesProtobuf.toJson("{\"kind\":\"Secret\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("k8s");
        byte[] whole = HexFormat.of().parseHex(KUBECTL_CREATE_SECRET);
        assertThatThrownBy(() -> KubernetesProtobuf.toJson(Arrays.copyOf(whole, whole.length - 20)))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
        assertThat(KubernetesProtobuf.isProtobuf("application/vnd.kubernetes.protobuf")).isTrue();
        assertThat(KubernetesProtobuf.isProtobuf("application/vnd.kubernetes.protobuf;stream=watch")).isTrue();
        assertThat(KubernetesProtobuf.isProtobuf("application/json")).isFalse();
        assertThat(KubernetesProtobuf.isProtobuf(null)).isFalse();
    }

    /** The request body kubectl v1.37.2 sends for {@code create secret generic vm-password --from-literal=password=Sandbox-Passw0rd!}. */
    static final String KUBECTL_CREATE_SECRET = "6b3873000a0c0a027631120653656372657412450a220a0b766d2d70617373776f7264"
            + "12001a0764656661756c7422002a00320038004200121d0a0870617373776f7264121153616e64626f782d50617373773072"
            + "64211a001a002200";

    /** {@code kubectl create configmap settings --from-literal=k=v} (kubectl v1.37.2). */
    static final String KUBECTL_CREATE_CONFIGMAP = "6b3873000a0f0a0276311209436f6e6669674d617012290a1f0a0873657474696e6773"
            + "12001a0764656661756c7422002a0032003800420012060a016b1201761a002200";

    /** {@code kubectl create namespace labs} (kubectl v1.37.2). */
    static final String KUBECTL_CREATE_NAMESPACE = "6b3873000a0f0a02763112094e616d657370616365121c0a140a046c61627312001a00"
            + "22002a0032003800420012001a020a001a002200";

    static byte[] envelope(String apiVersion, String kind, Message object) {
        Message unknown = new Message().message(1, new Message().string(1, apiVersion).string(2, kind))
                .bytes(2, object.bytes()).string(3, "").string(4, "");
        byte[] message = unknown.bytes();
        byte[] body = new byte[4 + message.length];
        System.arraycopy(new byte[] {0x6b, 0x38, 0x73, 0x00}, 0, body, 0, 4);
        System.arraycopy(message, 0, body, 4, message.length);
        return body;
    }

    private static Message entry(String key, String value) {
        return new Message().string(1, key).string(2, value);
    }

    /** A protobuf message writer, just enough to build test inputs. */
    static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message varint(int field, long value) {
            rawVarint((long) field << 3);
            rawVarint(value);
            return this;
        }

        Message bytes(int field, byte[] value) {
            rawVarint((long) field << 3 | 2);
            rawVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Message string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message message(int field, Message value) {
            return bytes(field, value.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void rawVarint(long value) {
            while ((value & ~0x7fL) != 0) {
                out.write((int) (value & 0x7f) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
