package io.lblab.blueprint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.api.TestVmSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code example_internal_load_balancer.py} as one graph: an internal Standard load balancer whose frontend
 * takes a private address in {@code myBackendSubnet}, the backends in its pool, and a test NIC and VM outside it.
 */
final class InternalLabBlueprint {

    private InternalLabBlueprint() {
    }

    static Blueprint build(BlueprintInputs inputs) {
        LabResourceFactory factory = new LabResourceFactory(inputs);
        List<DesiredResource> resources = new ArrayList<>();
        resources.add(factory.virtualNetwork());
        resources.addAll(factory.bastion());
        resources.add(factory.networkSecurityGroup());

        ObjectNode body = factory.standardLoadBalancerBody();
        ObjectNode properties = body.putObject("properties");
        ObjectNode frontend = LabResourceFactory.named(LabNames.FRONTEND);
        ObjectNode frontendProperties = frontend.putObject("properties");
        frontendProperties.put("privateIPAllocationMethod", "Dynamic");
        frontendProperties.set("subnet", LabResourceFactory.reference(factory.backendSubnetId()));
        properties.putArray("frontendIPConfigurations").add(frontend);
        properties.putArray("backendAddressPools").add(LabResourceFactory.named(LabNames.BACKEND_POOL));
        factory.addRuleAndProbe(properties, false);
        resources.add(factory.resource(Steps.LOAD_BALANCER, ResourceKind.LOAD_BALANCER, LabNames.LOAD_BALANCER, body,
                Set.of(Steps.VIRTUAL_NETWORK)));

        resources.addAll(factory.backends(List.of(factory.loadBalancerChildId("backendAddressPools", LabNames.BACKEND_POOL))));

        TestVmSpec testVm = inputs.spec().testVm() == null ? TestVmSpec.defaults() : inputs.spec().testVm();
        if (testVm.enabled()) {
            DesiredResource nic = factory.networkInterface(Steps.TEST_NIC, LabNames.TEST_NIC, List.of(), Set.of());
            resources.add(nic);
            resources.add(factory.virtualMachine(Steps.TEST_VM, LabNames.TEST_VM, LabNames.TEST_VM_OS_DISK, nic));
        }
        return new Blueprint(inputs.subscriptionId(), inputs.resourceGroup(), inputs.spec().location(),
                factory.resourceGroupTags(), resources);
    }
}
