package io.lblab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimelineSvgTest {

    private static final String SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static Timeline.Operation op(String rg, String typeAndName, String method, double startWall, double endWall) {
        String type = typeAndName.substring(0, typeAndName.lastIndexOf('/'));
        String id = SUB + "/resourceGroups/" + rg + "/providers/" + typeAndName;
        return new Timeline.Operation(id, type.replaceAll("/[^/]+/(subnets)$", "/$1"), method, "Succeeded",
                T0.plusMillis((long) (startWall * 1000)), T0.plusMillis((long) (endWall * 1000)), 0);
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void operationsOfOneGroupBecomeBarsInSimulatedSeconds() {
        List<Timeline.Operation> ops = List.of(
                op("lab-rg", "Microsoft.Network/virtualNetworks/myVNet", "PUT", 0.01, 0.05),
                op("lab-rg", "Microsoft.Network/bastionHosts/myBastionHost", "PUT", 0.05, 6.05),
                op("other-rg", "Microsoft.Network/bastionHosts/myBastionHost", "PUT", 0, 6),
                op("lab-rg", "Microsoft.Network/loadBalancers/myLoadBalancer", "PUT", 0.1, 0.14),
                op("lab-rg", "Microsoft.Network/loadBalancers/myLoadBalancer", "PUT", 0.2, 0.24),
                op("lab-rg", "Microsoft.Network/loadBalancers/myLoadBalancer", "DELETE", 7, 7.1));
        Timeline timeline = Timeline.of("operator", ops, "LAB-RG", T0, 0.01, 610);
        assertThat(timeline.bars()).extracting(Timeline.Bar::label)
                .containsExactly("myVNet", "myBastionHost", "myLoadBalancer (1)", "myLoadBalancer (2)");
        Timeline.Bar bastion = timeline.bars().get(1);
        assertThat(bastion.startSeconds()).isCloseTo(5, within(1e-6));
        assertThat(bastion.endSeconds()).isCloseTo(605, within(1e-6));
        assertThat(timeline.lastSeconds()).isCloseTo(610, within(1e-6));
    }

    @Test
    void childResourcesAreNamedAfterTheirParent() {
        Timeline.Operation subnet = new Timeline.Operation(
                SUB + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/myVNet/subnets/AzureBastionSubnet",
                "Microsoft.Network/virtualNetworks/subnets", "PUT", "Succeeded", T0, T0, 3);
        assertThat(subnet.displayName()).isEqualTo("myVNet/AzureBastionSubnet");
        assertThat(subnet.resourceGroup()).isEqualTo("rg");
    }

    @Test
    void operationsParseFromTheSimulatorsJson() throws Exception {
        var node = new ObjectMapper().readTree("""
                {"operationId":"x","resourceId":"%s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/myVM1",
                 "resourceType":"Microsoft.Compute/virtualMachines","method":"PUT","status":"InProgress",
                 "startedAt":"2025-01-01T00:00:01.5Z","endedAt":null,"simulatedSeconds":90.0,"errorCode":null}
                """.formatted(SUB));
        Timeline.Operation op = Timeline.Operation.fromJson(node);
        assertThat(op.endedAt()).isNull();
        assertThat(op.startedAt()).isEqualTo(T0.plusMillis(1500));
        Timeline timeline = Timeline.of("x", List.of(op), "rg", T0, 0.01, Double.NaN);
        // still running: drawn with its nominal duration
        assertThat(timeline.bars().get(0).endSeconds()).isCloseTo(240, within(1e-6));
    }

    @Test
    void svgIsWellFormedWithABarPerOperationInEachLane() throws Exception {
        List<Timeline.Operation> ops = new ArrayList<>();
        ops.add(op("a", "Microsoft.Network/virtualNetworks/myVNet", "PUT", 0, 0.04));
        ops.add(op("a", "Microsoft.Network/bastionHosts/myBastionHost", "PUT", 0.05, 6.05));
        ops.add(op("b", "Microsoft.Network/virtualNetworks/myVNet", "PUT", 0, 0.04));
        ops.add(op("b", "Microsoft.Network/networkSecurityGroups/my<NSG>&\"'", "PUT", 0.1, 0.12));
        Timeline operator = Timeline.of("Operator <lab>", ops, "a", T0, 0.01, 606);
        Timeline sample = Timeline.of("Sample & sequential", ops, "b", T0, 0.01, 12);
        String svg = TimelineSvg.render("Public lab: operator vs sample", List.of(operator, sample));

        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        NodeList titles = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title");
        assertThat(titles.getLength()).isEqualTo(4);
        assertThat(svg).contains("Operator &lt;lab&gt; — done at 606 s (2 PUTs)").contains("my&lt;NSG&gt;&amp;&quot;&apos;");
        // operator lane above the sample's
        assertThat(svg.indexOf("Operator &lt;lab&gt;")).isLessThan(svg.indexOf("Sample &amp; sequential"));
    }

    @Test
    void tickStepKeepsTheAxisReadable() {
        assertThat(TimelineSvg.tickStep(8)).isEqualTo(1);
        assertThat(TimelineSvg.tickStep(650)).isEqualTo(60);
        assertThat(TimelineSvg.tickStep(1200)).isEqualTo(120);
    }
}
