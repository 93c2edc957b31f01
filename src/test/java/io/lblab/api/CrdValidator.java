package io.lblab.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.re2j.Pattern;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates a custom resource against a CRD file the way the Kubernetes API server's apiextensions
 * handler does, closely enough for unit tests (no cluster, no Quarkus boot):
 * <ol>
 *   <li><b>prune</b> fields the structural schema does not know (unless
 *       {@code x-kubernetes-preserve-unknown-fields}) and {@code null}s of non-nullable fields;
 *       pruned paths are reported, so a typo in a sample does not pass unnoticed;</li>
 *   <li><b>default</b>: a property's {@code default} is applied only when its parent object is
 *       present, recursing into the values it adds;</li>
 *   <li><b>schema</b>: the {@code openAPIV3Schema} converted to JSON Schema 2020-12 and checked with
 *       networknt json-schema-validator, patterns evaluated with RE2 (Go's engine, as in the API
 *       server); messages mimic the API server's wording;</li>
 *   <li><b>CEL</b>: every {@code x-kubernetes-validations} rule evaluated with {@code dev.cel} at its
 *       schema location wherever the object has a value; a rule referencing {@code oldSelf} is a
 *       transition rule and runs only on update when the old value at that location exists; as in
 *       the API server, CEL is skipped when the schema check found a "blocking" error (type,
 *       required, enum, max length/items/properties).</li>
 * </ol>
 * Not emulated: metadata validation, {@code format}, CEL cost limits, Kubernetes' CEL library
 * extensions beyond the strings library and {@code cel.bind} ({@code isURL}, {@code quantity}, {@code ip}, {@code cidr},
 * {@code lists} helpers, {@code authz}), {@code optionalOldSelf}, validation ratcheting, list-map key
 * uniqueness, and the typed CEL environment (variables are {@code DYN}; field references are
 * checked against the schema separately, see {@link #checkFieldReferences}).
 */
public final class CrdValidator {

    /** The project's generated CRD, relative to the repository root. */
    public static final Path PROJECT_CRD = Path.of("crds", "loadbalancerlabs.lblab.io-v1.yml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> ROOT_META_FIELDS = Set.of("apiVersion", "kind", "metadata");
    /** Schema errors after which the API server does not run CEL rules (apiextensions hasBlockingErr). */
    private static final Set<String> BLOCKING_KEYWORDS = Set.of(
            "type", "required", "enum", "maxLength", "maxItems", "maxProperties");
    private static final String VALIDATIONS = "x-kubernetes-validations";

    private static final CelCompiler CEL_COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings(), CelExtensions.bindings())
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .build();
    private static final CelRuntime CEL_RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .addLibraries(CelExtensions.strings())
            .build();

    private final Path source;
    private final Map<String, Version> versions = new LinkedHashMap<>();
    private final String storageVersion;
    private final Map<String, CompiledRule> compiled = new ConcurrentHashMap<>();

    /** The reasons a CRD's x-kubernetes-validations rule may give (apiextensions' validation of the CRD itself). */
    static final List<String> RULE_REASONS = List.of("FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid",
            "FieldValueRequired");

    private CrdValidator(Path source, JsonNode crd) {
        this.source = source;
        String group = crd.path("spec").path("group").asText();
        String stored = null;
        for (JsonNode v : crd.path("spec").path("versions")) {
            JsonNode openApi = v.path("schema").path("openAPIV3Schema");
            if (openApi.isMissingNode()) {
                throw new IllegalArgumentException(source + ": version " + v.path("name").asText() + " has no openAPIV3Schema");
            }
            String apiVersion = group + "/" + v.path("name").asText();
            versions.put(apiVersion, new Version(apiVersion, openApi, compileJsonSchema(openApi)));
            if (v.path("storage").asBoolean(false)) {
                stored = apiVersion;
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalArgumentException(source + " has no versions");
        }
        this.storageVersion = stored != null ? stored : versions.keySet().iterator().next();
        // like the API server at CRD creation: every rule must compile, name existing fields and use a reason it knows
        for (RuleLocation rule : rules()) {
            String reason = rule.rule().path("reason").asText("FieldValueInvalid");
            if (!RULE_REASONS.contains(reason)) {
                throw new IllegalArgumentException(source + ": rule '" + rule.rule().path("rule").asText() + "' at " + rule.field()
                        + " has reason " + reason + "; the API server supports only " + RULE_REASONS);
            }
            CompiledRule c = compile(rule.rule());
            List<String> unknown = checkFieldReferences(c.ast(), rule.schema());
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(source + ": rule '" + rule.rule().path("rule").asText()
                        + "' at " + rule.field() + " references fields the schema does not define: " + unknown);
            }
        }
    }

    /** The project's CRD, found from the working directory or any parent holding {@code crds/}. */
    public static CrdValidator forProject() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(PROJECT_CRD))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(PROJECT_CRD + " not found from " + Path.of("").toAbsolutePath()
                    + "; run ./mvnw package -DskipTests to generate it");
        }
        return load(dir.resolve(PROJECT_CRD));
    }

    public static CrdValidator load(Path crdFile) {
        try {
            return new CrdValidator(crdFile, YAML.readTree(Files.readString(crdFile)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses YAML or JSON (one document). */
    public static JsonNode parse(String yamlOrJson) {
        try {
            return YAML.readTree(yamlOrJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path source() {
        return source;
    }

    /** Validates a create request. */
    public Result validateCreate(String yamlOrJson) {
        return validate(null, parse(yamlOrJson));
    }

    public Result validateCreate(JsonNode object) {
        return validate(null, object);
    }

    /** Validates an update request: schema on the new object, CEL with {@code oldSelf} from the old one. */
    public Result validateUpdate(String oldYaml, String newYaml) {
        return validate(parse(oldYaml), parse(newYaml));
    }

    public Result validateUpdate(JsonNode oldObject, JsonNode newObject) {
        return validate(oldObject, newObject);
    }

    /** Every {@code x-kubernetes-validations} entry of every version, with its field path. */
    public List<RuleLocation> rules() {
        List<RuleLocation> out = new ArrayList<>();
        for (Version v : versions.values()) {
            collectRules(v.openApi(), new ArrayList<>(), v.openApi(), out);
        }
        return out;
    }

    private Result validate(JsonNode oldObject, JsonNode newObject) {
        Version version = versionOf(newObject);
        List<String> pruned = new ArrayList<>();
        JsonNode object = newObject.deepCopy();
        prune(object, version.openApi(), new ArrayList<>(), true, version.openApi(), pruned);
        applyDefaults(object, version.openApi());
        JsonNode old = null;
        if (oldObject != null) {
            old = oldObject.deepCopy();
            Version oldVersion = versionOf(old);
            prune(old, oldVersion.openApi(), new ArrayList<>(), true, oldVersion.openApi(), new ArrayList<>());
            applyDefaults(old, oldVersion.openApi());
        }

        List<Violation> violations = new ArrayList<>();
        for (ValidationMessage m : version.jsonSchema().validate(object)) {
            violations.add(schemaViolation(m, version.openApi()));
        }
        boolean blocked = violations.stream().anyMatch(v -> BLOCKING_KEYWORDS.contains(v.keyword()));
        if (blocked) {
            violations.add(new Violation(Origin.CEL, "<nil>", "x-kubernetes-validations",
                    "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation",
                    "FieldValueInvalid", null));
        } else {
            evaluateRules(object, old, version.openApi(), new ArrayList<>(), version.openApi(), violations);
        }
        violations.sort((a, b) -> a.field().compareTo(b.field()));
        return new Result(object, List.copyOf(pruned), List.copyOf(violations));
    }

    private Version versionOf(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText(storageVersion);
        Version v = versions.get(apiVersion);
        if (v == null) {
            throw new IllegalArgumentException("apiVersion " + apiVersion + " is not served by " + source
                    + " (served: " + versions.keySet() + ")");
        }
        return v;
    }

    // ---------------------------------------------------------------- pruning and defaulting

    private static void prune(JsonNode value, JsonNode schema, List<Object> path, boolean root, JsonNode rootSchema,
            List<String> pruned) {
        if (schema == null || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return;
        }
        if (value instanceof ObjectNode object) {
            JsonNode properties = schema.get("properties");
            JsonNode additional = schema.get("additionalProperties");
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (root && ROOT_META_FIELDS.contains(name)) {
                    continue;
                }
                JsonNode child = properties != null ? properties.get(name) : null;
                if (child == null && additional != null && additional.isObject()) {
                    child = additional;
                }
                List<Object> childPath = append(path, name);
                boolean allowedByAdditional = additional != null && (additional.isObject() || additional.asBoolean(false));
                if (child == null && !allowedByAdditional) {
                    pruned.add(fieldPath(childPath, rootSchema));
                    fields.remove();
                } else if (field.getValue().isNull() && child != null && !child.path("nullable").asBoolean(false)
                        && !child.has("default")) {
                    fields.remove();
                } else {
                    prune(field.getValue(), child, childPath, false, rootSchema, pruned);
                }
            }
        } else if (value instanceof ArrayNode array) {
            JsonNode items = schema.get("items");
            for (int i = 0; i < array.size(); i++) {
                prune(array.get(i), items, append(path, i), false, rootSchema, pruned);
            }
        }
    }

    /** structuraldefaulting.Default: defaults fill absent (or null non-nullable) properties of present objects. */
    private static void applyDefaults(JsonNode value, JsonNode schema) {
        if (schema == null) {
            return;
        }
        if (value instanceof ObjectNode object) {
            JsonNode properties = schema.get("properties");
            if (properties != null) {
                properties.fields().forEachRemaining(p -> {
                    JsonNode def = p.getValue().get("default");
                    JsonNode current = object.get(p.getKey());
                    boolean nonNullableNull = current != null && current.isNull() && !p.getValue().path("nullable").asBoolean(false);
                    if (def != null && (current == null || nonNullableNull)) {
                        object.set(p.getKey(), def.deepCopy());
                    }
                });
            }
            JsonNode additional = schema.get("additionalProperties");
            object.fields().forEachRemaining(f -> {
                JsonNode child = properties != null ? properties.get(f.getKey()) : null;
                if (child == null && additional != null && additional.isObject()) {
                    child = additional;
                }
                applyDefaults(f.getValue(), child);
            });
        } else if (value instanceof ArrayNode array) {
            array.forEach(item -> applyDefaults(item, schema.get("items")));
        }
    }

    // ---------------------------------------------------------------- structural schema -> JSON Schema

    private static JsonSchema compileJsonSchema(JsonNode openApi) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .locale(Locale.ENGLISH)
                .formatAssertionsEnabled(false)
                .regularExpressionFactory(regex -> {
                    Pattern re2 = Pattern.compile(regex);
                    return value -> re2.matcher(value).find();
                })
                .build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(toJsonSchema(openApi), config);
    }

    /**
     * Converts one OpenAPI v3 (Kubernetes structural) schema node. Kept: type, properties, items,
     * additionalProperties, required, enum, pattern, min/max (+ exclusive), lengths, item and property
     * counts, multipleOf, allOf/anyOf/oneOf/not. Translated: nullable, boolean exclusiveMinimum/Maximum,
     * x-kubernetes-int-or-string, x-kubernetes-list-type: set (uniqueItems). Dropped: default,
     * description, format, example and every other x-kubernetes-* keyword.
     */
    static ObjectNode toJsonSchema(JsonNode s) {
        ObjectNode out = NODES.objectNode();
        boolean nullable = s.path("nullable").asBoolean(false);
        if (s.path("x-kubernetes-int-or-string").asBoolean(false)) {
            ArrayNode anyOf = out.putArray("anyOf");
            anyOf.addObject().put("type", "integer");
            anyOf.addObject().put("type", "string");
            if (nullable) {
                anyOf.addObject().put("type", "null");
            }
        } else if (s.has("type")) {
            if (nullable) {
                out.putArray("type").add(s.get("type").asText()).add("null");
            } else {
                out.put("type", s.get("type").asText());
            }
        }
        if (s.has("properties")) {
            ObjectNode props = out.putObject("properties");
            s.get("properties").fields().forEachRemaining(p -> props.set(p.getKey(), toJsonSchema(p.getValue())));
        }
        if (s.has("items") && s.get("items").isObject()) {
            out.set("items", toJsonSchema(s.get("items")));
        }
        if (s.has("additionalProperties")) {
            JsonNode ap = s.get("additionalProperties");
            out.set("additionalProperties", ap.isBoolean() ? ap : toJsonSchema(ap));
        }
        for (String k : List.of("required", "enum", "pattern", "minLength", "maxLength", "minItems", "maxItems",
                "minProperties", "maxProperties", "uniqueItems", "multipleOf", "minimum", "maximum")) {
            if (s.has(k)) {
                out.set(k, s.get(k).deepCopy());
            }
        }
        if (nullable && out.has("enum")) {
            ((ArrayNode) out.get("enum")).addNull();
        }
        exclusive(s, out, "exclusiveMinimum", "minimum");
        exclusive(s, out, "exclusiveMaximum", "maximum");
        if ("set".equals(s.path("x-kubernetes-list-type").asText())) {
            out.put("uniqueItems", true);
        }
        for (String k : List.of("allOf", "anyOf", "oneOf")) {
            if (s.has(k)) {
                ArrayNode list = out.putArray(k);
                s.get(k).forEach(sub -> list.add(toJsonSchema(sub)));
            }
        }
        if (s.has("not")) {
            out.set("not", toJsonSchema(s.get("not")));
        }
        return out;
    }

    private static void exclusive(JsonNode s, ObjectNode out, String keyword, String bound) {
        JsonNode flag = s.get(keyword);
        if (flag == null) {
            return;
        }
        if (flag.isBoolean()) { // OpenAPI 3.0: a flag on minimum/maximum
            if (flag.asBoolean() && s.has(bound)) {
                out.set(keyword, s.get(bound).deepCopy());
                out.remove(bound);
            }
        } else {
            out.set(keyword, flag.deepCopy());
        }
    }

    // ---------------------------------------------------------------- schema messages in the API server's words

    private static Violation schemaViolation(ValidationMessage m, JsonNode rootSchema) {
        List<Object> path = segments(m.getInstanceLocation());
        String keyword = m.getType();
        if ("required".equals(keyword) && m.getProperty() != null) {
            path = append(path, m.getProperty());
        }
        String field = fieldPath(path, rootSchema);
        JsonNode schema = schemaAt(rootSchema, path);
        JsonNode value = m.getInstanceNode();
        String shown = value == null ? "null" : value.toString();
        String message = switch (keyword) {
            case "required" -> "Required value";
            case "enum" -> "Unsupported value: " + shown + ": supported values: "
                    + join(schema == null ? null : schema.get("enum"));
            case "minimum" -> "Invalid value: " + shown + ": " + field + " in body should be greater than or equal to "
                    + number(schema, "minimum");
            case "maximum" -> "Invalid value: " + shown + ": " + field + " in body should be less than or equal to "
                    + number(schema, "maximum");
            case "exclusiveMinimum" -> "Invalid value: " + shown + ": " + field + " in body should be greater than "
                    + number(schema, "minimum");
            case "exclusiveMaximum" -> "Invalid value: " + shown + ": " + field + " in body should be less than "
                    + number(schema, "maximum");
            case "pattern" -> "Invalid value: " + shown + ": " + field + " in body should match '"
                    + (schema == null ? "?" : schema.path("pattern").asText()) + "'";
            case "maxLength" -> "Too long: may not be more than " + number(schema, "maxLength") + " bytes";
            case "minLength" -> "Invalid value: " + shown + ": " + field + " in body should be at least "
                    + number(schema, "minLength") + " chars long";
            case "maxItems" -> "Too many: must have at most " + number(schema, "maxItems") + " items";
            case "maxProperties" -> "Too many: must have at most " + number(schema, "maxProperties") + " items";
            // the API server shows the JSON type of the value here, not the value (kube-apiserver 1.37)
            case "type" -> "Invalid value: \"" + jsonType(value) + "\": " + field + " in body must be of type "
                    + (schema == null ? "?" : schema.path("type").asText()) + ": \"" + jsonType(value) + "\"";
            default -> m.getMessage();
        };
        return new Violation(Origin.SCHEMA, field, keyword, message, null, null);
    }

    private static String number(JsonNode schema, String keyword) {
        if (schema == null || !schema.has(keyword)) {
            return "?";
        }
        JsonNode n = schema.get(keyword);
        return n.canConvertToExactIntegral() ? String.valueOf(n.asLong()) : n.asText();
    }

    private static String join(JsonNode values) {
        if (values == null) {
            return "?";
        }
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.toString()));
        return String.join(", ", out);
    }

    private static String jsonType(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return value.isArray() ? "array" : "object";
    }

    private static List<Object> segments(JsonNodePath p) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < p.getNameCount(); i++) {
            out.add(p.getElement(i));
        }
        return out;
    }

    // ---------------------------------------------------------------- CEL

    private void evaluateRules(JsonNode value, JsonNode old, JsonNode schema, List<Object> path, JsonNode rootSchema,
            List<Violation> out) {
        if (schema == null || value == null || value.isMissingNode()) {
            return;
        }
        for (JsonNode rule : schema.path(VALIDATIONS)) {
            CompiledRule c = compile(rule);
            if (c.transition() && (old == null || old.isMissingNode())) {
                continue;
            }
            evaluate(c, rule, value, old, fieldPath(path, rootSchema), out);
        }
        if (value.isObject()) {
            JsonNode properties = schema.get("properties");
            JsonNode additional = schema.get("additionalProperties");
            value.fields().forEachRemaining(f -> {
                if (path.isEmpty() && ROOT_META_FIELDS.contains(f.getKey())) {
                    return;
                }
                JsonNode child = properties != null ? properties.get(f.getKey()) : null;
                if (child == null && additional != null && additional.isObject()) {
                    child = additional;
                }
                JsonNode oldChild = old != null && old.isObject() ? old.get(f.getKey()) : null;
                evaluateRules(f.getValue(), oldChild, child, append(path, f.getKey()), rootSchema, out);
            });
        } else if (value.isArray()) {
            JsonNode items = schema.get("items");
            List<String> keys = new ArrayList<>();
            schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
            boolean listMap = "map".equals(schema.path("x-kubernetes-list-type").asText()) && !keys.isEmpty();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                // items correlate with the old list only in list-type=map lists, by their keys
                JsonNode oldItem = listMap && old != null && old.isArray() ? findByKeys(old, item, keys) : null;
                evaluateRules(item, oldItem, items, append(path, i), rootSchema, out);
            }
        }
    }

    private static JsonNode findByKeys(JsonNode oldList, JsonNode item, List<String> keys) {
        for (JsonNode candidate : oldList) {
            if (keys.stream().allMatch(k -> candidate.path(k).equals(item.path(k)))) {
                return candidate;
            }
        }
        return null;
    }

    private void evaluate(CompiledRule c, JsonNode rule, JsonNode value, JsonNode old, String field, List<Violation> out) {
        String where = rule.has("fieldPath") ? field + rule.get("fieldPath").asText() : field;
        String reason = rule.path("reason").asText("FieldValueInvalid");
        Map<String, Object> vars = new HashMap<>();
        vars.put("self", toCel(value));
        if (c.transition()) {
            vars.put("oldSelf", toCel(old));
        }
        String ruleText = rule.path("rule").asText();
        Object result;
        try {
            result = c.program().eval(vars);
        } catch (CelEvaluationException e) {
            out.add(new Violation(Origin.CEL, where, VALIDATIONS,
                    "Invalid value: \"object\": " + ruleText + ": evaluation error: " + e.getMessage(),
                    "FieldValueInvalid", ruleText));
            return;
        }
        if (Boolean.TRUE.equals(result)) {
            return;
        }
        if (!(result instanceof Boolean)) {
            throw new IllegalStateException("rule '" + ruleText + "' returned " + result + ", not a bool");
        }
        String message = rule.has("message") ? rule.get("message").asText() : "failed rule: " + ruleText;
        if (rule.has("messageExpression")) {
            try {
                Object m = CEL_RUNTIME.createProgram(compileExpression(rule.get("messageExpression").asText()))
                        .eval(vars);
                if (m instanceof String s && !s.isBlank()) {
                    message = s;
                }
            } catch (CelEvaluationException | CelValidationException e) {
                // the API server falls back to message as well
            }
        }
        String formatted = switch (reason) {
            case "FieldValueForbidden" -> "Forbidden: " + message;
            case "FieldValueRequired" -> "Required value: " + message;
            case "FieldValueDuplicate" -> "Duplicate value: " + message;
            // kube-apiserver 1.37 omits the value for CEL rules ("Invalid value: <message>"), unlike schema errors
            default -> "Invalid value: " + message;
        };
        out.add(new Violation(Origin.CEL, where, VALIDATIONS, formatted, reason, ruleText));
    }

    private CompiledRule compile(JsonNode rule) {
        String text = rule.path("rule").asText();
        return compiled.computeIfAbsent(text, t -> {
            try {
                CelAbstractSyntaxTree ast = compileExpression(t);
                boolean transition = ast.getReferenceMap().values().stream().anyMatch(r -> "oldSelf".equals(r.name()));
                return new CompiledRule(ast, CEL_RUNTIME.createProgram(ast), transition);
            } catch (CelValidationException | CelEvaluationException e) {
                throw new IllegalArgumentException("CEL rule does not compile: " + t + "\n" + e.getMessage(), e);
            }
        });
    }

    private static CelAbstractSyntaxTree compileExpression(String text) throws CelValidationException {
        return CEL_COMPILER.compile(text).getAst();
    }

    /**
     * With {@code self} typed DYN, {@code has(self.typo)} is simply false; the API server, which types
     * {@code self} from the schema, refuses such a rule. This walks every {@code self.a.b} /
     * {@code oldSelf.a.b} select chain and returns the references the schema does not define.
     */
    static List<String> checkFieldReferences(CelAbstractSyntaxTree ast, JsonNode schema) {
        List<String> unknown = new ArrayList<>();
        CelNavigableExpr.fromExpr(ast.getExpr()).allNodes()
                .map(CelNavigableExpr::expr)
                .filter(e -> e.getKind() == CelExpr.ExprKind.Kind.SELECT)
                .forEach(e -> {
                    List<String> chain = new ArrayList<>();
                    CelExpr cur = e;
                    while (cur.getKind() == CelExpr.ExprKind.Kind.SELECT) {
                        chain.add(0, cur.select().field());
                        cur = cur.select().operand();
                    }
                    if (cur.getKind() != CelExpr.ExprKind.Kind.IDENT
                            || !Set.of("self", "oldSelf").contains(cur.ident().name())) {
                        return;
                    }
                    JsonNode s = schema;
                    for (String name : chain) {
                        if (s == null || s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                            return;
                        }
                        JsonNode props = s.get("properties");
                        JsonNode additional = s.get("additionalProperties");
                        if (props != null && props.has(name)) {
                            s = props.get(name);
                        } else if (additional != null) {
                            s = additional.isObject() ? additional : null;
                        } else {
                            unknown.add(cur.ident().name() + "." + String.join(".", chain));
                            return;
                        }
                    }
                });
        return unknown.stream().distinct().collect(Collectors.toList());
    }

    /** JSON to CEL values: objects and maps as Map, arrays as List, integers as long. */
    static Object toCel(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return dev.cel.common.values.NullValue.NULL_VALUE;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(f -> m.put(f.getKey(), toCel(f.getValue())));
            return Collections.unmodifiableMap(m);
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(i -> l.add(toCel(i)));
            return Collections.unmodifiableList(l);
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return n.asText();
    }

    // ---------------------------------------------------------------- schema paths

    private static void collectRules(JsonNode schema, List<Object> path, JsonNode rootSchema, List<RuleLocation> out) {
        for (JsonNode rule : schema.path(VALIDATIONS)) {
            out.add(new RuleLocation(fieldPath(path, rootSchema), rule, schema));
        }
        schema.path("properties").fields().forEachRemaining(p -> collectRules(p.getValue(), append(path, p.getKey()), rootSchema, out));
        if (schema.path("items").isObject()) {
            collectRules(schema.get("items"), append(path, 0), rootSchema, out);
        }
        if (schema.path("additionalProperties").isObject()) {
            collectRules(schema.get("additionalProperties"), append(path, "*"), rootSchema, out);
        }
    }

    /** The schema node describing the value at {@code path}, or null. */
    private static JsonNode schemaAt(JsonNode root, List<Object> path) {
        JsonNode s = root;
        for (Object seg : path) {
            if (s == null) {
                return null;
            }
            if (seg instanceof Integer) {
                s = s.get("items");
            } else if (s.has("properties") && s.get("properties").has((String) seg)) {
                s = s.get("properties").get((String) seg);
            } else {
                JsonNode ap = s.get("additionalProperties");
                s = ap != null && ap.isObject() ? ap : null;
            }
        }
        return s;
    }

    /** Kubernetes field path: {@code spec.tags[key]}, {@code status.conditions[0].type}. */
    static String fieldPath(List<Object> path, JsonNode root) {
        StringBuilder sb = new StringBuilder();
        JsonNode s = root;
        for (Object seg : path) {
            boolean mapKey = s != null && !(seg instanceof Integer)
                    && !(s.has("properties") && s.get("properties").has((String) seg))
                    && s.path("additionalProperties").isObject();
            if (seg instanceof Integer || mapKey) {
                sb.append('[').append(seg).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(seg);
            }
            s = s == null ? null : schemaAt(s, List.of(seg));
        }
        return sb.length() == 0 ? "<root>" : sb.toString();
    }

    private static List<Object> append(List<Object> path, Object seg) {
        List<Object> out = new ArrayList<>(path.size() + 1);
        out.addAll(path);
        out.add(seg);
        return out;
    }

    // ---------------------------------------------------------------- results

    public enum Origin { SCHEMA, CEL }

    /**
     * One rejection. {@code keyword} is the JSON-schema keyword ({@code minimum}, {@code enum}, ...) or
     * {@code x-kubernetes-validations}; {@code rule} is the CEL expression for CEL violations.
     */
    public record Violation(Origin origin, String field, String keyword, String message, String reason, String rule) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    /**
     * @param object     the object as the API server would store it: pruned and defaulted
     * @param pruned     field paths dropped because the schema does not define them
     * @param violations every rejection, sorted by field
     */
    public record Result(JsonNode object, List<String> pruned, List<Violation> violations) {

        public boolean isValid() {
            return violations.isEmpty();
        }

        public List<String> messages() {
            return violations.stream().map(Violation::toString).toList();
        }

        @Override
        public String toString() {
            return isValid() ? "valid" : String.join("\n", messages());
        }
    }

    /** An {@code x-kubernetes-validations} entry, the field it sits on and the schema node holding it. */
    public record RuleLocation(String field, JsonNode rule, JsonNode schema) {
        public String message() {
            return rule.path("message").asText();
        }
    }

    private record Version(String apiVersion, JsonNode openApi, JsonSchema jsonSchema) {
    }

    private record CompiledRule(CelAbstractSyntaxTree ast, CelRuntime.Program program, boolean transition) {
    }
}
