package io.lblab.blueprint;

/** Stable step names, as shown in {@code status.steps}. */
public final class Steps {

    public static final String RESOURCE_GROUP = Blueprint.RESOURCE_GROUP_STEP;
    public static final String VIRTUAL_NETWORK = "virtual-network";
    public static final String BASTION_PUBLIC_IP = "bastion-public-ip";
    public static final String BASTION_HOST = "bastion-host";
    public static final String NETWORK_SECURITY_GROUP = "network-security-group";
    public static final String LB_PUBLIC_IP = "lb-public-ip";
    public static final String OUTBOUND_PUBLIC_IP = "outbound-public-ip";
    public static final String LOAD_BALANCER = "load-balancer";
    public static final String TEST_NIC = "test-nic";
    public static final String TEST_VM = "test-vm";

    private Steps() {
    }

    public static String backendNic(int index) {
        return "backend-nic-" + index;
    }

    public static String backendVm(int index) {
        return "backend-vm-" + index;
    }
}
