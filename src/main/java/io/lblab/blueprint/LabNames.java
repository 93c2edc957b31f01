package io.lblab.blueprint;

/** The names the sample gives its resources ({@code shared/seed/PARAMETERS.md}), so the lab is recognisable. */
public final class LabNames {

    public static final String VNET = "myVNet";
    public static final String BACKEND_SUBNET = "myBackendSubnet";
    /** Fixed by Azure: Bastion only deploys into a subnet of this name. */
    public static final String BASTION_SUBNET = "AzureBastionSubnet";
    public static final String BASTION_IP = "myBastionIP";
    public static final String BASTION_HOST = "myBastionHost";
    public static final String BASTION_IP_CONFIGURATION = "bastionHostIpConfiguration";
    public static final String NSG = "myNSG";
    public static final String NSG_RULE_HTTP = "myNSGRuleHTTP";
    public static final String LB_PUBLIC_IP = "myPublicIP";
    public static final String OUTBOUND_PUBLIC_IP = "myPublicIPOutbound";
    public static final String LOAD_BALANCER = "myLoadBalancer";
    public static final String FRONTEND = "myFrontEnd";
    public static final String FRONTEND_OUTBOUND = "myFrontEndOutbound";
    public static final String BACKEND_POOL = "myBackEndPool";
    public static final String BACKEND_POOL_OUTBOUND = "myBackendPoolOutbound";
    public static final String HEALTH_PROBE = "myHealthProbe";
    public static final String LB_RULE = "myHTTPRule";
    public static final String OUTBOUND_RULE = "myOutboundRule";
    public static final String NIC_IP_CONFIGURATION = "ipconfig1";
    public static final String TEST_NIC = "myNicTestVM";
    public static final String TEST_VM = "myTestVM";
    public static final String TEST_VM_OS_DISK = "myTestVMosdisk";

    /** Tag on the resource group proving which lab created it. */
    public static final String OWNER_UID_TAG = "lblab.io/owner-uid";
    /** Tag on the resource group naming the lab ({@code namespace/name}), for humans. */
    public static final String OWNER_TAG = "lblab.io/owner";
    /** Tag on a resource group the lab adopted ({@code lblab.io/adopt-resource-group}) rather than created: {@code "true"}. */
    public static final String ADOPTED_TAG = "lblab.io/adopted";
    /** Tag on the resource group recording the lab's mode, which may not change. */
    public static final String MODE_TAG = "lblab.io/mode";
    /** Tag on every resource: the operator manages it. */
    public static final String MANAGED_BY_TAG = "lblab.io/managed-by";
    public static final String MANAGED_BY = "lblab-operator";

    private LabNames() {
    }

    public static String backendNic(int index) {
        return "myNicVM" + index;
    }

    public static String backendVm(int index) {
        return "myVM" + index;
    }

    public static String backendOsDisk(int index) {
        return "myVMosdisk" + index;
    }

    /** Default resource group of a lab: {@code lblab-<namespace>-<name>}. */
    public static String defaultResourceGroup(String namespace, String name) {
        return "lblab-" + namespace + "-" + name;
    }
}
