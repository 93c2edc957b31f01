package io.lblab.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.lblab.api.CrdValidator.Origin;
import io.lblab.api.CrdValidator.Result;
import io.lblab.api.CrdValidator.Violation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.lblab.api.ApiTestSupport.edit;
import static io.lblab.api.ApiTestSupport.lab;
import static io.lblab.api.ApiTestSupport.put;
import static io.lblab.api.ApiTestSupport.remove;
import static io.lblab.api.ApiTestSupport.resource;
import static io.lblab.api.ApiTestSupport.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generated CRD ({@code crds/}) judged the way the API server would judge objects against it:
 * structural schema, defaults, then CEL rules. Each rejection asserts the field, the keyword or rule
 * and the message, so a case that stops being rejected for the right reason fails.
 */
class CrdSchemaTest {

    static CrdValidator validator;

    @BeforeAll
    static void loadCrd() {
        validator = CrdValidator.forProject();
    }

    // ------------------------------------------------------------------ accepted

    @Nested
    class Accepted {

        @ParameterizedTest
        @ValueSource(strings = {"public.yaml", "internal.yaml"})
        void samplesAreAcceptedWithoutPrunedFields(String file) {
            Result result = validator.validateCreate(sample(file));
            assertThat(result.violations()).isEmpty();
            assertThat(result.pruned()).as("fields the API server would silently drop").isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"api/public-full.yaml", "api/internal-full.yaml"})
        void fullySpecifiedSpecsAreAccepted(String file) {
            JsonNode lab = resource(file);
            Result result = validator.validateCreate(lab);
            assertThat(result.violations()).isEmpty();
            assertThat(result.pruned()).isEmpty();
            // nothing left to default: the object is stored as written
            assertThat(result.object()).isEqualTo(lab);
        }

        @Test
        void minimalLabOfEachModeIsAccepted() {
            assertThat(validator.validateCreate(lab("{mode: Public}")).violations()).isEmpty();
            assertThat(validator.validateCreate(lab("{mode: Internal}")).violations()).isEmpty();
        }

        @Test
        void unchangedUpdateIsAccepted() {
            JsonNode full = resource("api/public-full.yaml");
            assertThat(validator.validateUpdate(full, full).violations()).isEmpty();
            JsonNode internal = resource("api/internal-full.yaml");
            assertThat(validator.validateUpdate(internal, internal).violations()).isEmpty();
        }

        @Test
        void mutableFieldsMayChangeOnUpdate() {
            JsonNode old = resource("api/public-full.yaml");
            JsonNode changed = edit(old, o -> {
                put(o, "/spec/backends/count", 2);
                put(o, "/spec/loadBalancer/frontendPort", 8080);
                put(o, "/spec/tags/owner", "someone");
                put(o, "/spec/deletionPolicy", "Delete");
            });
            assertThat(validator.validateUpdate(old, changed).violations()).isEmpty();
        }

        @Test
        void validVariantsNextToEachCelRule() {
            assertThat(validator.validateCreate(lab("{mode: Public, loadBalancer: {outbound: {allocatedOutboundPorts: 0}}}"))
                    .violations()).isEmpty();
            assertThat(validator.validateCreate(lab("{mode: Public, loadBalancer: {outbound: {allocatedOutboundPorts: 64000}}}"))
                    .violations()).isEmpty();
            assertThat(validator.validateCreate(lab("{mode: Public, loadBalancer: {probe: {protocol: Http, requestPath: /}}}"))
                    .violations()).isEmpty();
            assertThat(validator.validateCreate(lab("{mode: Internal, testVm: {enabled: false}, loadBalancer: {probe: {}}}"))
                    .violations()).isEmpty();
            assertThat(validator.validateCreate(lab("{mode: Public, tags: {app: lblab.io/x, team: a}}"))
                    .violations()).as("only keys are reserved").isEmpty();
            Map<String, String> forty = new java.util.TreeMap<>();
            for (int i = 0; i < 40; i++) {
                forty.put("k" + i, "v");
            }
            assertThat(validator.validateCreate(edit(lab("{mode: Public}"), o -> put(o, "/spec/tags", forty)))
                    .violations()).isEmpty();
        }
    }

    // ------------------------------------------------------------------ defaults

    @Nested
    class Defaults {

        @Test
        void defaultsApplyOnlyWherePropertiesParentIsPresent() {
            JsonNode stored = validator.validateCreate(lab("{mode: Public, backends: {}}")).object();
            JsonNode spec = stored.get("spec");
            assertThat(spec.get("location").asText()).isEqualTo("eastus");
            assertThat(spec.get("deletionPolicy").asText()).isEqualTo("Delete");
            assertThat(spec.at("/backends/count").asInt()).isEqualTo(3);
            assertThat(spec.at("/backends/vmSize").asText()).isEqualTo("Standard_D2_v2");
            assertThat(spec.has("network")).as("no default for the object itself").isFalse();
            assertThat(spec.at("/backends").has("image")).isFalse();
            assertThat(spec.has("resourceGroupName")).isFalse();
        }

        @Test
        void probeProtocolDefaultsToTcpBeforeCelRulesRun() {
            // only defaulting explains this: the rule reads self.protocol, which the user did not write
            Result result = validator.validateCreate(lab("{mode: Public, loadBalancer: {probe: {requestPath: /health}}}"));
            assertThat(result.object().at("/spec/loadBalancer/probe/protocol").asText()).isEqualTo("Tcp");
            assertThat(result.violations()).extracting(Violation::field, Violation::message).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("spec.loadBalancer.probe",
                            "Forbidden: loadBalancer.probe.requestPath is only allowed for Http and Https probes"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Public", "Internal"})
        void crdDefaultsEqualTheJavaDefaults(String mode) {
            // every object present and empty, so the API server fills every leaf default
            String outboundOrTestVm = mode.equals("Public") ? "loadBalancer: {probe: {}, outbound: {}}" : "loadBalancer: {probe: {}}, testVm: {}";
            JsonNode stored = validator.validateCreate(lab("{mode: " + mode + ", network: {}, bastion: {}, "
                    + "backends: {image: {}}, firewall: {}, " + outboundOrTestVm + "}")).object();
            LoadBalancerLabSpec fromCrdDefaults = new KubernetesSerialization().convertValue(stored, LoadBalancerLab.class).getSpec();

            LoadBalancerLabSpec javaDefaults = LoadBalancerLabSpec.of(Mode.valueOf(mode));
            LoadBalancerSpec lb = javaDefaults.loadBalancer();
            LoadBalancerLabSpec expected = new LoadBalancerLabSpec(javaDefaults.mode(), javaDefaults.location(),
                    javaDefaults.resourceGroupName(), null, javaDefaults.network(), javaDefaults.bastion(),
                    javaDefaults.backends(),
                    new LoadBalancerSpec(lb.frontendPort(), lb.backendPort(), lb.probe(), lb.idleTimeoutMinutes(),
                            lb.enableFloatingIP(), mode.equals("Public") ? OutboundSpec.defaults() : null),
                    javaDefaults.firewall(), mode.equals("Internal") ? TestVmSpec.defaults() : null,
                    javaDefaults.tags(), javaDefaults.deletionPolicy());
            assertThat(fromCrdDefaults).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"public.yaml", "internal.yaml"})
        void samplesSpellOutExactlyTheDefaults(String file) {
            LoadBalancerLab lab = new KubernetesSerialization().convertValue(sample(file), LoadBalancerLab.class);
            LoadBalancerLabSpec spec = lab.getSpec();
            LoadBalancerLabSpec defaults = LoadBalancerLabSpec.of(spec.mode());
            assertThat(spec).usingRecursiveComparison()
                    .ignoringFields("loadBalancer.outbound", "testVm")
                    .isEqualTo(defaults);
            if (spec.mode() == Mode.Public) {
                assertThat(spec.loadBalancer().outbound()).isEqualTo(OutboundSpec.defaults());
                assertThat(spec.testVm()).isNull();
            } else {
                assertThat(spec.loadBalancer().outbound()).isNull();
                assertThat(spec.testVm()).isEqualTo(TestVmSpec.defaults());
            }
        }
    }

    // ------------------------------------------------------------------ schema rejections

    record SchemaCase(String name, String mode, Consumer<ObjectNode> change, String field, String keyword, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<SchemaCase> schemaCases() {
        List<SchemaCase> cases = new ArrayList<>();
        cases.add(new SchemaCase("mode External", "Public", o -> put(o, "/spec/mode", "External"),
                "spec.mode", "enum", "Unsupported value: \"External\": supported values: \"Internal\", \"Public\""));
        cases.add(new SchemaCase("mode lower case", "Public", o -> put(o, "/spec/mode", "public"),
                "spec.mode", "enum", "Unsupported value: \"public\": supported values: \"Internal\", \"Public\""));
        cases.add(new SchemaCase("probe protocol Udp", "Public", o -> put(o, "/spec/loadBalancer/probe/protocol", "Udp"),
                "spec.loadBalancer.probe.protocol", "enum", "Unsupported value: \"Udp\": supported values: \"Http\", \"Https\", \"Tcp\""));
        cases.add(new SchemaCase("deletionPolicy Retain", "Public", o -> put(o, "/spec/deletionPolicy", "Retain"),
                "spec.deletionPolicy", "enum", "Unsupported value: \"Retain\": supported values: \"Delete\", \"DeleteAdopted\", \"Orphan\""));
        cases.add(new SchemaCase("backends.count 0", "Public", o -> put(o, "/spec/backends/count", 0),
                "spec.backends.count", "minimum", "Invalid value: 0: spec.backends.count in body should be greater than or equal to 1"));
        cases.add(new SchemaCase("backends.count 11", "Internal", o -> put(o, "/spec/backends/count", 11),
                "spec.backends.count", "maximum", "Invalid value: 11: spec.backends.count in body should be less than or equal to 10"));
        for (String port : List.of("loadBalancer/frontendPort", "loadBalancer/backendPort", "loadBalancer/probe/port", "firewall/port")) {
            String field = "spec." + port.replace('/', '.');
            cases.add(new SchemaCase(port + " 0", "Public", o -> put(o, "/spec/" + port, 0),
                    field, "minimum", "Invalid value: 0: " + field + " in body should be greater than or equal to 1"));
            cases.add(new SchemaCase(port + " 65536", "Internal", o -> put(o, "/spec/" + port, 65536),
                    field, "maximum", "Invalid value: 65536: " + field + " in body should be less than or equal to 65535"));
        }
        for (String cidrField : List.of("addressSpace", "backendSubnet", "bastionSubnet")) {
            for (String bad : List.of("10.1.0.0", "10.1.0.0/33", "300.1.0.0/16")) {
                String field = "spec.network." + cidrField;
                cases.add(new SchemaCase(cidrField + " " + bad, "Public", o -> put(o, "/spec/network/" + cidrField, bad),
                        field, "pattern", "Invalid value: \"" + bad + "\": " + field + " in body should match '" + Patterns.IPV4_CIDR + "'"));
            }
        }
        cases.add(new SchemaCase("mode missing", "Public", o -> remove(o, "/spec/mode"),
                "spec.mode", "required", "Required value"));
        cases.add(new SchemaCase("location with a space", "Public", o -> put(o, "/spec/location", "East US"),
                "spec.location", "pattern", "Invalid value: \"East US\": spec.location in body should match '" + Patterns.LOCATION + "'"));
        cases.add(new SchemaCase("location upper case", "Public", o -> put(o, "/spec/location", "EastUS"),
                "spec.location", "pattern", "Invalid value: \"EastUS\": spec.location in body should match '" + Patterns.LOCATION + "'"));
        cases.add(new SchemaCase("resource group with slash", "Internal", o -> put(o, "/spec/resourceGroupName", "my/rg"),
                "spec.resourceGroupName", "pattern", "Invalid value: \"my/rg\": spec.resourceGroupName in body should match '" + Patterns.RESOURCE_GROUP + "'"));
        cases.add(new SchemaCase("resource group ending in a period", "Internal", o -> put(o, "/spec/resourceGroupName", "my-rg."),
                "spec.resourceGroupName", "pattern", "Invalid value: \"my-rg.\": spec.resourceGroupName in body should match '" + Patterns.RESOURCE_GROUP + "'"));
        cases.add(new SchemaCase("resource group of 91 characters", "Internal", o -> put(o, "/spec/resourceGroupName", "r".repeat(91)),
                "spec.resourceGroupName", "pattern", "spec.resourceGroupName in body should match '" + Patterns.RESOURCE_GROUP + "'"));
        cases.add(new SchemaCase("exports.service.port 0", "Public",
                o -> put(o, "/spec/exports", Map.of("configMapName", "lab-outputs", "service", Map.of("name", "lab", "port", 0))),
                "spec.exports.service.port", "minimum", "Invalid value: 0: spec.exports.service.port in body should be greater than or equal to 1"));
        cases.add(new SchemaCase("exports without configMapName", "Public",
                o -> put(o, "/spec/exports", Map.of("service", Map.of("name", "lab"))),
                "spec.exports.configMapName", "required", "Required value"));
        cases.add(new SchemaCase("count as a string", "Public", o -> put(o, "/spec/backends/count", "3"),
                "spec.backends.count", "type", "Invalid value: \"string\": spec.backends.count in body must be of type integer: \"string\""));
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("schemaCases")
    void schemaRejects(SchemaCase c) {
        JsonNode base = baseLab(c.mode());
        assertThat(validator.validateCreate(base).violations()).as("base object is valid").isEmpty();

        Result result = validator.validateCreate(edit(base, c.change()));

        List<Violation> schema = result.violations().stream().filter(v -> v.origin() == Origin.SCHEMA).toList();
        assertThat(schema).as(result.toString()).hasSize(1);
        Violation v = schema.get(0);
        assertThat(v.field()).isEqualTo(c.field());
        assertThat(v.keyword()).isEqualTo(c.keyword());
        assertThat(v.message()).contains(c.message());
    }

    @Test
    void blockingSchemaErrorsSkipCelLikeTheApiServer() {
        // enum error plus a CEL violation (testVm in Public): the API server reports the enum and skips CEL
        Result result = validator.validateCreate(lab("{mode: Public, deletionPolicy: Keep, testVm: {}}"));
        assertThat(result.violations()).extracting(Violation::field, Violation::keyword).containsExactly(
                org.assertj.core.groups.Tuple.tuple("<nil>", "x-kubernetes-validations"),
                org.assertj.core.groups.Tuple.tuple("spec.deletionPolicy", "enum"));
        // a pattern error is not blocking: CEL still runs
        Result both = validator.validateCreate(lab("{mode: Public, location: 'East US', testVm: {}}"));
        assertThat(both.violations()).extracting(Violation::field, Violation::keyword).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spec", "x-kubernetes-validations"),
                org.assertj.core.groups.Tuple.tuple("spec.location", "pattern"));
    }

    // ------------------------------------------------------------------ CEL rejections on create

    record CelCase(String name, String mode, Consumer<ObjectNode> change, String field, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<CelCase> celCases() {
        return Stream.of(
                new CelCase("outbound in Internal mode", "Internal",
                        o -> put(o, "/spec/loadBalancer/outbound", Map.of("enabled", false)),
                        "spec", "Forbidden: spec.loadBalancer.outbound is only allowed in Public mode"),
                new CelCase("empty outbound in Internal mode", "Internal",
                        o -> put(o, "/spec/loadBalancer/outbound", Map.of()),
                        "spec", "Forbidden: spec.loadBalancer.outbound is only allowed in Public mode"),
                new CelCase("testVm in Public mode", "Public",
                        o -> put(o, "/spec/testVm", Map.of("enabled", false)),
                        "spec", "Forbidden: spec.testVm is only allowed in Internal mode"),
                new CelCase("Http probe without requestPath", "Public",
                        o -> put(o, "/spec/loadBalancer/probe", Map.of("protocol", "Http", "port", 80)),
                        "spec.loadBalancer.probe", "Required value: loadBalancer.probe.requestPath is required for Http and Https probes"),
                new CelCase("Https probe without requestPath", "Internal",
                        o -> put(o, "/spec/loadBalancer/probe", Map.of("protocol", "Https", "port", 443)),
                        "spec.loadBalancer.probe", "Required value: loadBalancer.probe.requestPath is required for Http and Https probes"),
                new CelCase("Tcp probe with requestPath", "Public",
                        o -> put(o, "/spec/loadBalancer/probe", Map.of("protocol", "Tcp", "port", 80, "requestPath", "/")),
                        "spec.loadBalancer.probe", "Forbidden: loadBalancer.probe.requestPath is only allowed for Http and Https probes"),
                new CelCase("allocatedOutboundPorts 10001", "Public",
                        o -> put(o, "/spec/loadBalancer/outbound/allocatedOutboundPorts", 10001),
                        "spec.loadBalancer.outbound", "Invalid value: loadBalancer.outbound.allocatedOutboundPorts must be a multiple of 8"),
                new CelCase("allocatedOutboundPorts 4", "Public",
                        o -> put(o, "/spec/loadBalancer/outbound/allocatedOutboundPorts", 4),
                        "spec.loadBalancer.outbound", "Invalid value: loadBalancer.outbound.allocatedOutboundPorts must be a multiple of 8"),
                new CelCase("reserved tag prefix", "Public",
                        o -> put(o, "/spec/tags/lblab.io~1owner-uid", "1234"),
                        "spec", "Forbidden: spec.tags may not use the reserved prefix lblab.io/"),
                new CelCase("exports.configMapName with upper case", "Public",
                        o -> put(o, "/spec/exports", Map.of("configMapName", "Lab_Outputs")),
                        "spec.exports", "Invalid value: " + ExportsSpec.CONFIG_MAP_NAME_MESSAGE),
                new CelCase("exports.service.name starting with a digit", "Internal",
                        o -> put(o, "/spec/exports", Map.of("configMapName", "lab-outputs", "service", Map.of("name", "1lab"))),
                        "spec.exports.service", "Invalid value: " + ServiceExportSpec.NAME_MESSAGE),
                new CelCase("41 tags", "Internal",
                        o -> {
                            for (int i = 0; i < 41; i++) {
                                put(o, "/spec/tags/k" + i, "v");
                            }
                        },
                        "spec", "Invalid value: spec.tags allows at most 40 tags (Azure allows 50; the operator adds its own)"));
    }

    @ParameterizedTest
    @MethodSource("celCases")
    void celRejects(CelCase c) {
        JsonNode base = baseLab(c.mode());
        Result result = validator.validateCreate(edit(base, c.change()));
        assertThat(result.violations()).as(result.toString()).hasSize(1);
        Violation v = result.violations().get(0);
        assertThat(v.origin()).isEqualTo(Origin.CEL);
        assertThat(v.field()).isEqualTo(c.field());
        assertThat(v.message()).isEqualTo(c.message());
    }

    @Test
    void everyCelRuleOfTheCrdHasARejectingCase() {
        Set<String> tested = Stream.concat(celCases().map(CelCase::message), transitionCases().map(TransitionCase::message))
                .collect(Collectors.toSet());
        List<String> untested = validator.rules().stream()
                .map(CrdValidator.RuleLocation::message)
                .filter(m -> tested.stream().noneMatch(t -> t.endsWith(": " + m)))
                .toList();
        assertThat(untested).as("CRD rules without a rejecting case in this test").isEmpty();
    }

    // ------------------------------------------------------------------ transition rules (update)

    record TransitionCase(String name, String oldSpec, String newSpec, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<TransitionCase> transitionCases() {
        return Stream.of(
                new TransitionCase("mode Public -> Internal", "{mode: Public}", "{mode: Internal}",
                        "Forbidden: spec.mode is immutable"),
                new TransitionCase("mode Internal -> Public", "{mode: Internal}", "{mode: Public}",
                        "Forbidden: spec.mode is immutable"),
                new TransitionCase("location eastus -> westus", "{mode: Public, location: eastus}", "{mode: Public, location: westus}",
                        "Forbidden: spec.location is immutable"),
                new TransitionCase("location defaulted -> westus", "{mode: Public}", "{mode: Public, location: westus}",
                        "Forbidden: spec.location is immutable"),
                new TransitionCase("resourceGroupName set", "{mode: Public}", "{mode: Public, resourceGroupName: my-rg}",
                        "Forbidden: spec.resourceGroupName is immutable"),
                new TransitionCase("resourceGroupName changed", "{mode: Internal, resourceGroupName: rg-a}", "{mode: Internal, resourceGroupName: rg-b}",
                        "Forbidden: spec.resourceGroupName is immutable"),
                new TransitionCase("resourceGroupName removed", "{mode: Internal, resourceGroupName: rg-a}", "{mode: Internal}",
                        "Forbidden: spec.resourceGroupName is immutable"),
                new TransitionCase("image sku changed", "{mode: Public, backends: {image: {sku: 2019-Datacenter}}}",
                        "{mode: Public, backends: {image: {sku: 2022-Datacenter}}}", IMAGE_IMMUTABLE),
                new TransitionCase("image set where it was defaulted", "{mode: Internal}",
                        "{mode: Internal, backends: {image: {publisher: Canonical, offer: UbuntuServer, sku: 18.04-LTS}}}", IMAGE_IMMUTABLE),
                new TransitionCase("image version pinned, then removed", "{mode: Public, backends: {count: 2, image: {version: 17763.1.2}}}",
                        "{mode: Public, backends: {count: 2}}", IMAGE_IMMUTABLE),
                new TransitionCase("image publisher changed with the count", "{mode: Internal, backends: {count: 1, image: {publisher: A}}}",
                        "{mode: Internal, backends: {count: 4, image: {publisher: B}}}", IMAGE_IMMUTABLE));
    }

    static final String IMAGE_IMMUTABLE = "Forbidden: spec.backends.image is immutable: Azure cannot change the image of an existing VM;"
            + " delete the lab and create it again to use another image";

    record AcceptedTransition(String name, String oldSpec, String newSpec) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Updates next to the transition rules that must pass: absent, defaulted and explicit default values are equal. */
    static Stream<AcceptedTransition> acceptedTransitions() {
        return Stream.of(
                new AcceptedTransition("image absent -> empty object (defaulted)", "{mode: Public}", "{mode: Public, backends: {image: {}}}"),
                new AcceptedTransition("image absent -> the defaults spelled out", "{mode: Internal}",
                        "{mode: Internal, backends: {image: {publisher: MicrosoftWindowsServer, offer: WindowsServer, sku: 2019-Datacenter, version: latest}}}"),
                new AcceptedTransition("image defaults spelled out -> backends absent",
                        "{mode: Public, backends: {image: {publisher: MicrosoftWindowsServer, offer: WindowsServer, sku: 2019-Datacenter, version: latest}}}",
                        "{mode: Public}"),
                new AcceptedTransition("explicit image kept while the rest of backends changes",
                        "{mode: Internal, backends: {count: 1, vmSize: Standard_B2s, image: {publisher: Canonical, offer: UbuntuServer, sku: 18.04-LTS, version: latest}}}",
                        "{mode: Internal, backends: {count: 5, vmSize: Standard_D4_v2, adminUsername: labadmin, image: {publisher: Canonical, offer: UbuntuServer, sku: 18.04-LTS}}}"),
                new AcceptedTransition("location and resource group spelled out as their defaults", "{mode: Public}",
                        "{mode: Public, location: eastus, resourceGroupName: ''}"));
    }

    @ParameterizedTest
    @MethodSource("acceptedTransitions")
    void updatesKeepingImmutableValuesAreAccepted(AcceptedTransition c) {
        Result result = validator.validateUpdate(lab(c.oldSpec()), lab(c.newSpec()));
        assertThat(result.violations()).as(result.toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("transitionCases")
    void immutableFieldChangeIsRejectedOnUpdate(TransitionCase c) {
        JsonNode oldLab = lab(c.oldSpec());
        JsonNode newLab = lab(c.newSpec());
        assertThat(validator.validateCreate(newLab).violations()).as("transition rules do not run on create").isEmpty();

        Result result = validator.validateUpdate(oldLab, newLab);
        assertThat(result.violations()).as(result.toString()).hasSize(1);
        assertThat(result.violations().get(0).field()).isEqualTo("spec");
        assertThat(result.violations().get(0).message()).isEqualTo(c.message());
    }

    @Test
    void unchangedImmutableFieldsAreAcceptedOnUpdate() {
        assertThat(validator.validateUpdate(lab("{mode: Public}"), lab("{mode: Public, location: eastus, resourceGroupName: ''}"))
                .violations()).as("explicit values equal to the defaults").isEmpty();
        assertThat(validator.validateUpdate(lab("{mode: Internal, location: westus, resourceGroupName: rg}"),
                lab("{mode: Internal, location: westus, resourceGroupName: rg, backends: {count: 5}}")).violations()).isEmpty();
    }

    @Test
    void everyImmutableFieldChangedGivesOneViolationEach() {
        Result result = validator.validateUpdate(lab("{mode: Public, location: eastus, resourceGroupName: a}"),
                lab("{mode: Internal, location: westus, resourceGroupName: b, backends: {image: {sku: 2022-Datacenter, version: '1.0'}}}"));
        assertThat(result.violations()).extracting(Violation::message).containsExactlyInAnyOrder(
                "Forbidden: spec.mode is immutable",
                "Forbidden: spec.location is immutable",
                "Forbidden: spec.resourceGroupName is immutable",
                IMAGE_IMMUTABLE);
    }

    // ------------------------------------------------------------------ the emulation itself

    @Nested
    class Emulation {

        @Test
        void unknownFieldsArePrunedAndReported() {
            Result result = validator.validateCreate(lab("{mode: Public, backends: {vmsize: Standard_B1s}, colour: blue}"));
            assertThat(result.violations()).isEmpty();
            assertThat(result.pruned()).containsExactlyInAnyOrder("spec.backends.vmsize", "spec.colour");
            assertThat(result.object().at("/spec/backends/vmSize").asText()).isEqualTo("Standard_D2_v2");
        }

        @Test
        void rulesAreSkippedWhereTheObjectHasNoValue() {
            // no loadBalancer at all: the probe and outbound rules have nothing to evaluate
            Result result = validator.validateCreate(lab("{mode: Internal}"));
            assertThat(result.violations()).isEmpty();
            assertThat(result.object().at("/spec").has("loadBalancer")).isFalse();
        }

        @Test
        void rulesAreFoundAtTheirSchemaLocations() {
            assertThat(validator.rules()).extracting(CrdValidator.RuleLocation::field)
                    .containsOnly("spec", "spec.loadBalancer.probe", "spec.loadBalancer.outbound", "spec.exports", "spec.exports.service");
        }

        @Test
        void ruleNamingAFieldTheSchemaLacksIsCaught() {
            JsonNode specSchema = validator.rules().stream().filter(r -> r.field().equals("spec")).findFirst().orElseThrow().schema();
            assertThat(CrdValidator.checkFieldReferences(compile("!has(self.loadBalancer.outbund)"), specSchema))
                    .containsExactly("self.loadBalancer.outbund");
            assertThat(CrdValidator.checkFieldReferences(compile("self.tags.all(k, k != 'x') && oldSelf.mode == self.mode"), specSchema))
                    .isEmpty();
        }

        @Test
        void unservedApiVersionIsRefused() {
            JsonNode other = edit(lab("{mode: Public}"), o -> put(o, "/apiVersion", "lblab.io/v1"));
            assertThatThrownBy(() -> validator.validateCreate(other)).hasMessageContaining("lblab.io/v1 is not served");
        }

        @Test
        void crdFileIsTheCheckedInOne() {
            assertThat(validator.source().endsWith(Path.of("crds", "loadbalancerlabs.lblab.io-v1.yml"))).isTrue();
        }

        private dev.cel.common.CelAbstractSyntaxTree compile(String expression) {
            try {
                return dev.cel.compiler.CelCompilerFactory.standardCelCompilerBuilder()
                        .setStandardMacros(dev.cel.parser.CelStandardMacro.STANDARD_MACROS)
                        .addVar("self", dev.cel.common.types.SimpleType.DYN)
                        .addVar("oldSelf", dev.cel.common.types.SimpleType.DYN)
                        .build().compile(expression).getAst();
            } catch (dev.cel.common.CelValidationException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The fully specified valid lab of the mode; each case breaks exactly one thing in it. */
    static JsonNode baseLab(String mode) {
        return resource(mode.equals("Public") ? "api/public-full.yaml" : "api/internal-full.yaml");
    }
}
