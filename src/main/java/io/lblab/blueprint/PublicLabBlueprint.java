package io.lblab.blueprint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.api.OutboundSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code example_public_load_balancer.py} as one graph: the load balancer (frontends, pools, probe, rule and
 * outbound rule) is one PUT instead of the sample's six, and each NIC joins both pools in its own PUT.
 */
final class PublicLabBlueprint {

    private PublicLabBlueprint() {
    }

    static Blueprint build(BlueprintInputs inputs) {
        LabResourceFactory factory = new LabResourceFactory(inputs);
        OutboundSpec outbound = inputs.spec().loadBalancer().outbound() == null
                ? OutboundSpec.defaults() : inputs.spec().loadBalancer().outbound();
        boolean outboundEnabled = outbound.enabled();

        List<DesiredResource> resources = new ArrayList<>();
        resources.add(factory.virtualNetwork());
        resources.addAll(factory.bastion());
        resources.add(factory.networkSecurityGroup());
        DesiredResource lbIp = factory.publicIp(Steps.LB_PUBLIC_IP, LabNames.LB_PUBLIC_IP);
        resources.add(lbIp);
        DesiredResource outboundIp = factory.publicIp(Steps.OUTBOUND_PUBLIC_IP, LabNames.OUTBOUND_PUBLIC_IP);
        if (outboundEnabled) {
            resources.add(outboundIp);
        }

        ObjectNode body = factory.standardLoadBalancerBody();
        ObjectNode properties = body.putObject("properties");
        ArrayNode frontends = properties.putArray("frontendIPConfigurations");
        ObjectNode frontend = LabResourceFactory.named(LabNames.FRONTEND);
        frontend.putObject("properties").set("publicIPAddress", LabResourceFactory.reference(lbIp.id()));
        frontends.add(frontend);
        ArrayNode pools = properties.putArray("backendAddressPools");
        pools.add(LabResourceFactory.named(LabNames.BACKEND_POOL));
        if (outboundEnabled) {
            ObjectNode outboundFrontend = LabResourceFactory.named(LabNames.FRONTEND_OUTBOUND);
            outboundFrontend.putObject("properties").set("publicIPAddress", LabResourceFactory.reference(outboundIp.id()));
            frontends.add(outboundFrontend);
            pools.add(LabResourceFactory.named(LabNames.BACKEND_POOL_OUTBOUND));
        }
        // with an outbound rule the load-balancing rule must not also SNAT; without one, it provides outbound access
        factory.addRuleAndProbe(properties, outboundEnabled);
        if (outboundEnabled) {
            ObjectNode rule = LabResourceFactory.named(LabNames.OUTBOUND_RULE);
            ObjectNode ruleProperties = rule.putObject("properties");
            ruleProperties.putArray("frontendIPConfigurations")
                    .add(LabResourceFactory.reference(factory.loadBalancerChildId("frontendIPConfigurations", LabNames.FRONTEND_OUTBOUND)));
            ruleProperties.set("backendAddressPool",
                    LabResourceFactory.reference(factory.loadBalancerChildId("backendAddressPools", LabNames.BACKEND_POOL_OUTBOUND)));
            ruleProperties.put("protocol", "All")
                    .put("idleTimeoutInMinutes", outbound.idleTimeoutMinutes())
                    .put("allocatedOutboundPorts", outbound.allocatedOutboundPorts());
            properties.putArray("outboundRules").add(rule);
        }
        Set<String> lbDependencies = new HashSet<>(Set.of(Steps.LB_PUBLIC_IP));
        if (outboundEnabled) {
            lbDependencies.add(Steps.OUTBOUND_PUBLIC_IP);
        }
        resources.add(factory.resource(Steps.LOAD_BALANCER, ResourceKind.LOAD_BALANCER, LabNames.LOAD_BALANCER, body, lbDependencies));

        List<String> poolIds = new ArrayList<>(List.of(factory.loadBalancerChildId("backendAddressPools", LabNames.BACKEND_POOL)));
        if (outboundEnabled) {
            poolIds.add(factory.loadBalancerChildId("backendAddressPools", LabNames.BACKEND_POOL_OUTBOUND));
        }
        resources.addAll(factory.backends(poolIds));
        return new Blueprint(inputs.subscriptionId(), inputs.resourceGroup(), inputs.spec().location(),
                factory.resourceGroupTags(), resources);
    }
}
