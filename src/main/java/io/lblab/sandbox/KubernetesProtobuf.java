package io.lblab.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the Kubernetes protobuf encoding ({@code application/vnd.kubernetes.protobuf}) of the few built-in kinds that
 * kubectl writes that way, into the JSON the mock server stores.
 * <p>
 * kubectl's typed clients ({@code kubectl create secret|configmap|namespace}) always send protobuf and do not fall back
 * to JSON on {@code 415 Unsupported Media Type} (client-go does that only for CBOR), so the in-process API has to
 * understand it. The envelope is the magic {@code k8s\0} followed by a {@code runtime.Unknown} (its type meta, then the
 * raw object; note that {@code runtime.TypeMeta} numbers apiVersion 1 and kind 2, the reverse of {@code metav1.TypeMeta});
 * the object is decoded with the field numbers of {@code k8s.io/api/core/v1/generated.proto} and
 * {@code k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto}. Zero values of non-pointer Go fields are dropped, as
 * their {@code omitempty} JSON tags would; unknown fields are skipped, as Go's decoder does.
 */
final class KubernetesProtobuf {

    static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The request is protobuf but not of a kind this class knows: the caller answers 415. */
    static final class UnsupportedKindException extends IOException {
        UnsupportedKindException(String message) {
            super(message);
        }
    }

    private enum Type {
        /** string; empty dropped. */
        STRING,
        /** int64/int32 of a non-pointer field; zero dropped. */
        INT,
        /** *int64; kept as sent. */
        INT_POINTER,
        /** *bool; kept as sent (a non-pointer bool would be dropped when false: none of the kinds here has one). */
        BOOL_POINTER,
        /** metav1.Time: {seconds, nanos}; an empty message is the zero time, {@code null} in JSON, dropped. */
        TIME,
        /** metav1.FieldsV1: its raw bytes are JSON. */
        FIELDS_V1,
        /** map&lt;string, string&gt;. */
        STRING_MAP,
        /** map&lt;string, bytes&gt;: base64 values, as Go's []byte in JSON. */
        BYTES_MAP,
        /** a nested message. */
        MESSAGE
    }

    private record Field(String name, Type type, boolean repeated, Map<Integer, Field> message) {
        static Field of(String name, Type type) {
            return new Field(name, type, false, null);
        }

        static Field repeated(String name, Type type) {
            return new Field(name, type, true, null);
        }

        static Field message(String name, Map<Integer, Field> message) {
            return new Field(name, Type.MESSAGE, false, message);
        }

        static Field repeatedMessage(String name, Map<Integer, Field> message) {
            return new Field(name, Type.MESSAGE, true, message);
        }
    }

    private static final Map<Integer, Field> OWNER_REFERENCE = fields(
            5, Field.of("apiVersion", Type.STRING),
            1, Field.of("kind", Type.STRING),
            3, Field.of("name", Type.STRING),
            4, Field.of("uid", Type.STRING),
            6, Field.of("controller", Type.BOOL_POINTER),
            7, Field.of("blockOwnerDeletion", Type.BOOL_POINTER));

    private static final Map<Integer, Field> MANAGED_FIELDS_ENTRY = fields(
            1, Field.of("manager", Type.STRING),
            2, Field.of("operation", Type.STRING),
            3, Field.of("apiVersion", Type.STRING),
            4, Field.of("time", Type.TIME),
            6, Field.of("fieldsType", Type.STRING),
            7, Field.of("fieldsV1", Type.FIELDS_V1),
            8, Field.of("subresource", Type.STRING));

    private static final Map<Integer, Field> OBJECT_META = fields(
            1, Field.of("name", Type.STRING),
            2, Field.of("generateName", Type.STRING),
            3, Field.of("namespace", Type.STRING),
            4, Field.of("selfLink", Type.STRING),
            5, Field.of("uid", Type.STRING),
            6, Field.of("resourceVersion", Type.STRING),
            7, Field.of("generation", Type.INT),
            8, Field.of("creationTimestamp", Type.TIME),
            9, Field.of("deletionTimestamp", Type.TIME),
            10, Field.of("deletionGracePeriodSeconds", Type.INT_POINTER),
            11, Field.of("labels", Type.STRING_MAP),
            12, Field.of("annotations", Type.STRING_MAP),
            13, Field.repeatedMessage("ownerReferences", OWNER_REFERENCE),
            14, Field.repeated("finalizers", Type.STRING),
            17, Field.repeatedMessage("managedFields", MANAGED_FIELDS_ENTRY));

    private static final Map<Integer, Field> SECRET = fields(
            1, Field.message("metadata", OBJECT_META),
            5, Field.of("immutable", Type.BOOL_POINTER),
            2, Field.of("data", Type.BYTES_MAP),
            4, Field.of("stringData", Type.STRING_MAP),
            3, Field.of("type", Type.STRING));

    private static final Map<Integer, Field> CONFIG_MAP = fields(
            1, Field.message("metadata", OBJECT_META),
            4, Field.of("immutable", Type.BOOL_POINTER),
            2, Field.of("data", Type.STRING_MAP),
            3, Field.of("binaryData", Type.BYTES_MAP));

    private static final Map<Integer, Field> NAMESPACE_CONDITION = fields(
            1, Field.of("type", Type.STRING),
            2, Field.of("status", Type.STRING),
            4, Field.of("lastTransitionTime", Type.TIME),
            5, Field.of("reason", Type.STRING),
            6, Field.of("message", Type.STRING));

    private static final Map<Integer, Field> NAMESPACE = fields(
            1, Field.message("metadata", OBJECT_META),
            2, Field.message("spec", fields(1, Field.repeated("finalizers", Type.STRING))),
            3, Field.message("status", fields(
                    1, Field.of("phase", Type.STRING),
                    2, Field.repeatedMessage("conditions", NAMESPACE_CONDITION))));

    /** By {@code apiVersion/kind}: what kubectl's typed clients send to the resources the sandbox serves. */
    private static final Map<String, Map<Integer, Field>> KINDS = Map.of(
            "v1/Secret", SECRET,
            "v1/ConfigMap", CONFIG_MAP,
            "v1/Namespace", NAMESPACE);

    private KubernetesProtobuf() {
    }

    static boolean isProtobuf(String contentType) {
        return contentType != null && contentType.trim().toLowerCase().startsWith(MEDIA_TYPE);
    }

    /** The object in a protobuf request body, as JSON with {@code apiVersion} and {@code kind} first. */
    static ObjectNode toJson(byte[] body) throws IOException {
        if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException("not a Kubernetes protobuf message (no k8s\\0 prefix)");
        }
        Reader unknown = new Reader(body, MAGIC.length, body.length);
        String apiVersion = "";
        String kind = "";
        byte[] raw = new byte[0];
        String contentEncoding = "";
        while (unknown.more()) {
            int tag = unknown.tag();
            switch (tag >>> 3) {
                case 1 -> {
                    Reader typeMeta = unknown.embedded(tag);
                    while (typeMeta.more()) {
                        int inner = typeMeta.tag();
                        switch (inner >>> 3) {
                            case 1 -> apiVersion = typeMeta.string(inner);
                            case 2 -> kind = typeMeta.string(inner);
                            default -> typeMeta.skip(inner);
                        }
                    }
                }
                case 2 -> raw = unknown.bytes(tag);
                case 3 -> contentEncoding = unknown.string(tag);
                default -> unknown.skip(tag);
            }
        }
        if (!contentEncoding.isEmpty()) {
            throw new IOException("unsupported protobuf content encoding " + contentEncoding);
        }
        Map<Integer, Field> schema = KINDS.get(apiVersion + "/" + kind);
        if (schema == null) {
            throw new UnsupportedKindException("the sandbox's Kubernetes API reads protobuf only for "
                    + String.join(", ", KINDS.keySet().stream().sorted().toList()) + ", not " + apiVersion + "/" + kind
                    + "; send it as JSON or YAML (kubectl apply -f)");
        }
        ObjectNode object = JSON.createObjectNode();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        decode(new Reader(raw, 0, raw.length), schema, object);
        return object;
    }

    private static void decode(Reader in, Map<Integer, Field> schema, ObjectNode out) throws IOException {
        while (in.more()) {
            int tag = in.tag();
            Field field = schema.get(tag >>> 3);
            if (field == null) {
                in.skip(tag);
                continue;
            }
            JsonNode value = switch (field.type()) {
                case STRING -> {
                    String s = in.string(tag);
                    yield s.isEmpty() && !field.repeated() ? null : JSON.getNodeFactory().textNode(s);
                }
                case INT -> {
                    long n = in.varint(tag);
                    yield n == 0 ? null : number(n);
                }
                case INT_POINTER -> number(in.varint(tag));
                case BOOL_POINTER -> JSON.getNodeFactory().booleanNode(in.varint(tag) != 0);
                case TIME -> time(in.embedded(tag));
                case FIELDS_V1 -> fieldsV1(in.embedded(tag));
                case STRING_MAP, BYTES_MAP -> {
                    mapEntry(in.embedded(tag), field.type() == Type.BYTES_MAP, child(out, field.name()));
                    yield null;
                }
                case MESSAGE -> {
                    ObjectNode nested = JSON.createObjectNode();
                    decode(in.embedded(tag), field.message(), nested);
                    yield nested;
                }
            };
            if (value == null) {
                continue;
            }
            if (field.repeated()) {
                (out.get(field.name()) instanceof ArrayNode array ? array : out.putArray(field.name())).add(value);
            } else {
                out.set(field.name(), value);
            }
        }
    }

    /** An int node where the value fits, as Jackson reads it back from JSON. */
    private static JsonNode number(long value) {
        return value == (int) value ? JSON.getNodeFactory().numberNode((int) value) : JSON.getNodeFactory().numberNode(value);
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode child ? child : parent.putObject(name);
    }

    private static void mapEntry(Reader entry, boolean bytes, ObjectNode map) throws IOException {
        String key = "";
        String value = "";
        while (entry.more()) {
            int tag = entry.tag();
            switch (tag >>> 3) {
                case 1 -> key = entry.string(tag);
                case 2 -> value = bytes ? Base64.getEncoder().encodeToString(entry.bytes(tag)) : entry.string(tag);
                default -> entry.skip(tag);
            }
        }
        map.put(key, value);
    }

    /** RFC 3339 in UTC with whole seconds, as metav1.Time marshals; the zero time (an empty message) is null. */
    private static JsonNode time(Reader in) throws IOException {
        if (!in.more()) {
            return null;
        }
        long seconds = 0;
        while (in.more()) {
            int tag = in.tag();
            if (tag >>> 3 == 1) {
                seconds = in.varint(tag);
            } else {
                in.skip(tag);
            }
        }
        return JSON.getNodeFactory().textNode(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(seconds).truncatedTo(ChronoUnit.SECONDS)));
    }

    private static JsonNode fieldsV1(Reader in) throws IOException {
        while (in.more()) {
            int tag = in.tag();
            if (tag >>> 3 == 1) {
                byte[] raw = in.bytes(tag);
                return raw.length == 0 ? null : JSON.readTree(raw);
            }
            in.skip(tag);
        }
        return null;
    }

    private static Map<Integer, Field> fields(Object... numberAndField) {
        Map<Integer, Field> fields = new LinkedHashMap<>();
        for (int i = 0; i < numberAndField.length; i += 2) {
            fields.put((Integer) numberAndField[i], (Field) numberAndField[i + 1]);
        }
        return fields;
    }

    /** Protobuf wire format over a slice of a byte array. */
    private static final class Reader {
        private final byte[] data;
        private final int end;
        private int position;

        Reader(byte[] data, int start, int end) {
            this.data = data;
            this.position = start;
            this.end = end;
        }

        boolean more() {
            return position < end;
        }

        int tag() throws IOException {
            long tag = rawVarint();
            if (tag >>> 3 == 0 || tag > Integer.MAX_VALUE) {
                throw new IOException("invalid protobuf tag " + tag);
            }
            return (int) tag;
        }

        long varint(int tag) throws IOException {
            expect(tag, 0);
            return rawVarint();
        }

        String string(int tag) throws IOException {
            return new String(bytes(tag), StandardCharsets.UTF_8);
        }

        byte[] bytes(int tag) throws IOException {
            int length = length(tag);
            byte[] bytes = Arrays.copyOfRange(data, position, position + length);
            position += length;
            return bytes;
        }

        Reader embedded(int tag) throws IOException {
            int length = length(tag);
            Reader embedded = new Reader(data, position, position + length);
            position += length;
            return embedded;
        }

        void skip(int tag) throws IOException {
            switch (tag & 7) {
                case 0 -> rawVarint();
                case 1 -> advance(8);
                case 2 -> advance(length(tag));
                case 5 -> advance(4);
                default -> throw new IOException("unsupported protobuf wire type " + (tag & 7));
            }
        }

        private int length(int tag) throws IOException {
            expect(tag, 2);
            long length = rawVarint();
            if (length < 0 || length > end - position) {
                throw new IOException("truncated protobuf message");
            }
            return (int) length;
        }

        private void advance(int bytes) throws IOException {
            if (bytes > end - position) {
                throw new IOException("truncated protobuf message");
            }
            position += bytes;
        }

        private void expect(int tag, int wireType) throws IOException {
            if ((tag & 7) != wireType) {
                throw new IOException("field " + (tag >>> 3) + ": wire type " + (tag & 7) + ", expected " + wireType);
            }
        }

        private long rawVarint() throws IOException {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw new IOException("truncated protobuf message");
                }
                byte b = data[position++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IOException("malformed protobuf varint");
        }
    }
}
