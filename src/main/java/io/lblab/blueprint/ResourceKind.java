package io.lblab.blueprint;

/** The ARM resource types a lab is made of. */
public enum ResourceKind {
    VIRTUAL_NETWORK("Microsoft.Network", "virtualNetworks"),
    PUBLIC_IP_ADDRESS("Microsoft.Network", "publicIPAddresses"),
    BASTION_HOST("Microsoft.Network", "bastionHosts"),
    NETWORK_SECURITY_GROUP("Microsoft.Network", "networkSecurityGroups"),
    NETWORK_INTERFACE("Microsoft.Network", "networkInterfaces"),
    LOAD_BALANCER("Microsoft.Network", "loadBalancers"),
    VIRTUAL_MACHINE("Microsoft.Compute", "virtualMachines"),
    DISK("Microsoft.Compute", "disks");

    private final String namespace;
    private final String type;

    ResourceKind(String namespace, String type) {
        this.namespace = namespace;
        this.type = type;
    }

    public String namespace() {
        return namespace;
    }

    /** {@code Microsoft.Network/virtualNetworks}. */
    public String armType() {
        return namespace + "/" + type;
    }

    public String resourceId(String subscriptionId, String resourceGroup, String name) {
        return ResourceIds.resourceGroup(subscriptionId, resourceGroup) + "/providers/" + armType() + "/" + name;
    }

    public static ResourceKind fromArmType(String armType) {
        for (ResourceKind kind : values()) {
            if (kind.armType().equalsIgnoreCase(armType)) {
                return kind;
            }
        }
        return null;
    }
}
