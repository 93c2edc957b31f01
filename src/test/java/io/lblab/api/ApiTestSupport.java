package io.lblab.api;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Small helpers for building and editing LoadBalancerLab objects in tests. */
final class ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiTestSupport() {
    }

    /** A LoadBalancerLab {@code labs/demo} with the given spec (YAML flow or block style). */
    static JsonNode lab(String specYaml) {
        ObjectNode lab = JSON.createObjectNode();
        lab.put("apiVersion", "lblab.io/v1alpha1");
        lab.put("kind", "LoadBalancerLab");
        lab.putObject("metadata").put("name", "demo").put("namespace", "labs");
        lab.set("spec", CrdValidator.parse(specYaml));
        return lab;
    }

    /** A test resource under {@code src/test/resources}. */
    static JsonNode resource(String name) {
        try (InputStream in = ApiTestSupport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return CrdValidator.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: the nearest directory up from the working directory holding pom.xml. */
    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("pom.xml not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** {@code deploy/samples/<file>}. */
    static JsonNode sample(String file) {
        return CrdValidator.read(projectRoot().resolve("deploy").resolve("samples").resolve(file));
    }

    /** A deep copy of {@code node} with {@code change} applied. */
    static JsonNode edit(JsonNode node, Consumer<ObjectNode> change) {
        ObjectNode copy = node.deepCopy();
        change.accept(copy);
        return copy;
    }

    /** Sets the value at a JSON pointer ({@code ~1} escapes a slash), creating missing objects on the way. */
    static void put(ObjectNode root, String pointer, Object value) {
        JsonPointer p = JsonPointer.compile(pointer);
        ObjectNode parent = root;
        while (!p.tail().matches()) {
            String name = p.getMatchingProperty();
            JsonNode child = parent.get(name);
            parent = child instanceof ObjectNode o ? o : parent.putObject(name);
            p = p.tail();
        }
        parent.set(p.getMatchingProperty(), JSON.valueToTree(value));
    }

    /** Removes the value at a JSON pointer. */
    static void remove(ObjectNode root, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        if (parent instanceof ObjectNode o) {
            o.remove(p.last().getMatchingProperty());
        } else {
            throw new IllegalArgumentException("nothing at " + pointer);
        }
    }
}
