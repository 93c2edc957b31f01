package io.lblab.reconciler;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.lblab.api.BackendsSpec;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.Mode;
import io.lblab.api.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The operator's own spec checks: every invalid case is reported with a message that names its field. */
class SpecValidatorTest {

    private static LoadBalancerLabSpec spec(String yaml) {
        return Serialization.unmarshal(yaml, LoadBalancerLabSpec.class);
    }

    private static List<String> problems(String yaml) {
        return SpecValidator.validate(spec(yaml));
    }

    // ---------------------------------------------------------------- valid

    @ParameterizedTest
    @EnumSource(Mode.class)
    void defaultsOfBothModesAreValid(Mode mode) {
        assertThat(SpecValidator.validate(LoadBalancerLabSpec.of(mode))).isEmpty();
        assertThat(problems("mode: " + mode)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/samples/public.yaml", "deploy/samples/internal.yaml"})
    void theShippedSamplesAreValid(String file) throws IOException {
        Path path = projectRoot().resolve(file);
        try (InputStream in = Files.newInputStream(path)) {
            LoadBalancerLab lab = Serialization.unmarshal(in, LoadBalancerLab.class);
            assertThat(SpecValidator.validate(lab.getSpec())).as(file).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"api/public-full.yaml", "api/internal-full.yaml"})
    void fullySpelledOutSpecsAreValid(String resource) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            LoadBalancerLab lab = Serialization.unmarshal(in, LoadBalancerLab.class);
            assertThat(SpecValidator.validate(lab.getSpec())).as(resource).isEmpty();
        }
    }

    @Test
    void boundaryValuesAreValid() {
        assertThat(problems("""
                mode: Public
                location: westeurope
                resourceGroupName: My_RG-(1).x
                network: {addressSpace: 10.0.0.0/8, backendSubnet: 10.255.255.0/24, bastionSubnet: 10.0.0.0/26}
                backends: {count: 10}
                loadBalancer:
                  frontendPort: 65535
                  backendPort: 1
                  probe: {protocol: Https, port: 65535, requestPath: /healthz}
                  outbound: {allocatedOutboundPorts: 0, idleTimeoutMinutes: 120}
                firewall: {port: 1, sourceAddressPrefix: Internet}
                tags: {lblab.io: fine, team: net}
                """)).isEmpty();
        assertThat(problems("mode: Public\nbackends: {count: 1}\nloadBalancer: {outbound: {allocatedOutboundPorts: 64000}}"))
                .isEmpty();
        assertThat(problems("mode: Internal\ntestVm: {enabled: false}\nloadBalancer: {probe: {protocol: Http, requestPath: /}}"))
                .isEmpty();
    }

    @Test
    void aDisabledBastionNeedsNoRoomForItsSubnet() {
        // the default 10.1.1.0/24 lies outside this address space, but no Bastion subnet is created
        assertThat(problems("mode: Public\nbastion: {enabled: false}\nnetwork: {addressSpace: 10.1.0.0/24}")).isEmpty();
        assertThat(problems("mode: Public\nbastion: {enabled: true}\nnetwork: {addressSpace: 10.1.0.0/24}"))
                .singleElement().asString().contains("spec.network.bastionSubnet").contains("outside");
    }

    // ---------------------------------------------------------------- invalid: each names its field

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                arguments("backends.count 0", "mode: Public\nbackends: {count: 0}", "spec.backends.count"),
                arguments("backends.count 11", "mode: Internal\nbackends: {count: 11}", "spec.backends.count"),
                arguments("frontendPort 0", "mode: Public\nloadBalancer: {frontendPort: 0}", "spec.loadBalancer.frontendPort"),
                arguments("frontendPort 65536", "mode: Public\nloadBalancer: {frontendPort: 65536}", "spec.loadBalancer.frontendPort"),
                arguments("backendPort 0", "mode: Internal\nloadBalancer: {backendPort: 0}", "spec.loadBalancer.backendPort"),
                arguments("backendPort 65536", "mode: Internal\nloadBalancer: {backendPort: 65536}", "spec.loadBalancer.backendPort"),
                arguments("probe.port 0", "mode: Public\nloadBalancer: {probe: {port: 0}}", "spec.loadBalancer.probe.port"),
                arguments("probe.port 65536", "mode: Public\nloadBalancer: {probe: {port: 65536}}", "spec.loadBalancer.probe.port"),
                arguments("firewall.port 0", "mode: Public\nfirewall: {port: 0}", "spec.firewall.port"),
                arguments("firewall.port 65536", "mode: Internal\nfirewall: {port: 65536}", "spec.firewall.port"),
                arguments("idleTimeoutMinutes 3", "mode: Public\nloadBalancer: {idleTimeoutMinutes: 3}", "spec.loadBalancer.idleTimeoutMinutes"),
                arguments("idleTimeoutMinutes 31", "mode: Public\nloadBalancer: {idleTimeoutMinutes: 31}", "spec.loadBalancer.idleTimeoutMinutes"),
                arguments("outbound idle 121", "mode: Public\nloadBalancer: {outbound: {idleTimeoutMinutes: 121}}",
                        "spec.loadBalancer.outbound.idleTimeoutMinutes"),
                arguments("addressSpace not a CIDR", "mode: Public\nnetwork: {addressSpace: 10.1.0.0}", "spec.network.addressSpace"),
                arguments("addressSpace octet 256", "mode: Public\nnetwork: {addressSpace: 10.256.0.0/16}", "spec.network.addressSpace"),
                arguments("addressSpace /33", "mode: Public\nnetwork: {addressSpace: 10.1.0.0/33}", "spec.network.addressSpace"),
                arguments("backendSubnet three octets", "mode: Public\nnetwork: {backendSubnet: 10.1.0/24}", "spec.network.backendSubnet"),
                arguments("backendSubnet IPv6", "mode: Internal\nnetwork: {backendSubnet: 'fd00::/64'}", "spec.network.backendSubnet"),
                arguments("bastionSubnet garbage", "mode: Public\nnetwork: {bastionSubnet: bastion}", "spec.network.bastionSubnet"),
                arguments("backendSubnet outside addressSpace", "mode: Public\nnetwork: {backendSubnet: 10.2.0.0/24}",
                        "spec.network.backendSubnet"),
                arguments("backendSubnet larger than addressSpace", "mode: Public\nnetwork: {addressSpace: 10.1.0.0/16, backendSubnet: 10.0.0.0/8}",
                        "spec.network.backendSubnet"),
                arguments("backendSubnet a supernet of addressSpace", "mode: Public\nbastion: {enabled: false}\n"
                        + "network: {addressSpace: 10.0.0.0/16, backendSubnet: 10.0.0.0/8}", "spec.network.backendSubnet"),
                arguments("bastionSubnet outside addressSpace", "mode: Internal\nnetwork: {bastionSubnet: 192.168.0.0/24}",
                        "spec.network.bastionSubnet"),
                arguments("bastionSubnet overlaps backendSubnet", "mode: Public\nnetwork: {bastionSubnet: 10.1.0.0/26}",
                        "spec.network.bastionSubnet"),
                arguments("bastionSubnet contains backendSubnet", "mode: Public\nnetwork: {bastionSubnet: 10.1.0.0/23}",
                        "spec.network.bastionSubnet"),
                arguments("bastionSubnet /27", "mode: Public\nnetwork: {bastionSubnet: 10.1.1.0/27}", "spec.network.bastionSubnet"),
                arguments("outbound in Internal", "mode: Internal\nloadBalancer: {outbound: {enabled: true}}", "spec.loadBalancer.outbound"),
                arguments("disabled outbound in Internal", "mode: Internal\nloadBalancer: {outbound: {enabled: false}}", "spec.loadBalancer.outbound"),
                arguments("testVm in Public", "mode: Public\ntestVm: {enabled: true}", "spec.testVm"),
                arguments("disabled testVm in Public", "mode: Public\ntestVm: {enabled: false}", "spec.testVm"),
                arguments("Http probe without requestPath", "mode: Public\nloadBalancer: {probe: {protocol: Http}}",
                        "spec.loadBalancer.probe.requestPath"),
                arguments("Https probe without requestPath", "mode: Internal\nloadBalancer: {probe: {protocol: Https, port: 443}}",
                        "spec.loadBalancer.probe.requestPath"),
                arguments("Http probe with a relative requestPath", "mode: Public\nloadBalancer: {probe: {protocol: Http, requestPath: healthz}}",
                        "spec.loadBalancer.probe.requestPath"),
                arguments("Tcp probe with requestPath", "mode: Public\nloadBalancer: {probe: {protocol: Tcp, requestPath: /}}",
                        "spec.loadBalancer.probe.requestPath"),
                arguments("allocatedOutboundPorts 10001", "mode: Public\nloadBalancer: {outbound: {allocatedOutboundPorts: 10001}}",
                        "spec.loadBalancer.outbound.allocatedOutboundPorts"),
                arguments("allocatedOutboundPorts 10004", "mode: Public\nloadBalancer: {outbound: {allocatedOutboundPorts: 10004}}",
                        "spec.loadBalancer.outbound.allocatedOutboundPorts"),
                arguments("allocatedOutboundPorts 64008", "mode: Public\nloadBalancer: {outbound: {allocatedOutboundPorts: 64008}}",
                        "spec.loadBalancer.outbound.allocatedOutboundPorts"),
                arguments("reserved tag", "mode: Public\ntags: {lblab.io/owner-uid: stolen}", "spec.tags"),
                arguments("reserved tag, any key", "mode: Internal\ntags: {lblab.io/anything: x}", "spec.tags"),
                // Azure tag names are case-insensitive: this one would collide with the operator's ownership tag
                arguments("reserved tag in other case", "mode: Public\ntags: {LBLAB.IO/owner-uid: stolen}", "spec.tags"),
                arguments("location with a space", "mode: Public\nlocation: East US", "spec.location"),
                arguments("location in capitals", "mode: Public\nlocation: EastUS", "spec.location"),
                arguments("location empty", "mode: Public\nlocation: ''", "spec.location"),
                arguments("resource group with a slash", "mode: Public\nresourceGroupName: labs/demo", "spec.resourceGroupName"),
                arguments("resource group ending in a period", "mode: Public\nresourceGroupName: demo.", "spec.resourceGroupName"),
                arguments("resource group of 91 characters", "mode: Public\nresourceGroupName: " + "r".repeat(91), "spec.resourceGroupName"),
                arguments("resource group with a space", "mode: Internal\nresourceGroupName: my lab", "spec.resourceGroupName"),
                arguments("firewall source garbage", "mode: Public\nfirewall: {sourceAddressPrefix: '10.0.0.0/8;rm'}", "spec.firewall.sourceAddressPrefix"),
                arguments("vmSize garbage", "mode: Public\nbackends: {vmSize: 'Standard D2'}", "spec.backends.vmSize"),
                arguments("adminUsername too long", "mode: Public\nbackends: {adminUsername: " + "a".repeat(21) + "}", "spec.backends.adminUsername"),
                arguments("image sku garbage", "mode: Public\nbackends: {image: {sku: '2019 Datacenter'}}", "spec.backends.image.sku"),
                arguments("password secret name", "mode: Public\nbackends: {adminPasswordSecretRef: {name: Bad_Name}}",
                        "spec.backends.adminPasswordSecretRef.name"),
                arguments("credentials secret name", "mode: Public\ncredentialsSecretRef: {name: -creds}", "spec.credentialsSecretRef.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void invalidSpecIsReportedNamingItsField(String description, String yaml, String field) {
        List<String> problems = problems(yaml);
        assertThat(problems).as(description).isNotEmpty();
        // every problem is about that field: one mistake does not produce noise about others
        assertThat(problems).as(description).allSatisfy(p -> assertThat(p).contains(field));
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        List<String> problems = problems("""
                mode: Internal
                backends: {count: 0}
                loadBalancer: {frontendPort: 0, outbound: {allocatedOutboundPorts: 7}}
                firewall: {port: 70000}
                tags: {lblab.io/mode: Public}
                """);
        assertThat(String.join("\n", problems)).contains("spec.backends.count", "spec.loadBalancer.frontendPort",
                "spec.loadBalancer.outbound is only allowed in Public mode", "spec.loadBalancer.outbound.allocatedOutboundPorts",
                "spec.firewall.port", "spec.tags");
    }

    @Test
    void moreThanFortyTagsAreRefused() {
        String tags = IntStream.rangeClosed(1, 41).mapToObj(i -> "t" + i + ": v").collect(Collectors.joining(", ", "{", "}"));
        assertThat(problems("mode: Public\ntags: " + tags)).singleElement().asString().contains("spec.tags");
        String forty = IntStream.rangeClosed(1, 40).mapToObj(i -> "t" + i + ": v").collect(Collectors.joining(", ", "{", "}"));
        assertThat(problems("mode: Public\ntags: " + forty)).isEmpty();
    }

    @Test
    void nullSpecIsReported() {
        assertThat(SpecValidator.validate(null)).singleElement().asString().contains("spec");
    }

    @Test
    void nullModeIsReported() {
        assertThat(SpecValidator.validate(LoadBalancerLabSpec.of(null))).singleElement().asString().contains("spec.mode");
        assertThat(problems("location: eastus")).singleElement().asString().contains("spec.mode");
    }

    @Test
    void canonicalConstructorsWork() {
        LoadBalancerLabSpec spec = new LoadBalancerLabSpec(Mode.Public, "eastus", "", null,
                new NetworkSpec("10.1.0.0/16", "10.1.0.0/24", "10.1.1.0/28"),
                null, new BackendsSpec(0, null, null, null, null), null, null, null, Map.of(), null);
        assertThat(String.join("\n", SpecValidator.validate(spec)))
                .contains("spec.network.bastionSubnet must be /26 or larger", "spec.backends.count");
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("pom.xml above the working directory").isNotNull();
        return dir;
    }
}
