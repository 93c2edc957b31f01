package io.lblab.sim.store;

/**
 * A reference from one resource (or child) to another, as found in a stored body. The reference
 * index keeps these so the target can show the back reference ARM computes (e.g. a subnet's
 * {@code ipConfigurations}).
 *
 * @param sourceId       id of the referencing object (e.g. a NIC's ip configuration)
 * @param sourceOwnerKey key of the top-level resource holding the source
 * @param targetId       referenced id as written in the body
 * @param targetKey      its lower-cased form
 * @param targetOwnerKey key of the top-level resource holding the target
 * @param attribute      role-specific extra (the private IP for a subnet reference), or null
 */
public record Ref(Role role, String sourceId, String sourceOwnerKey, String targetId, String targetKey,
                  String targetOwnerKey, String attribute) {

    public enum Role {
        /** NIC ip configuration, LB frontend or Bastion ip configuration in a subnet. */
        SUBNET_IP_CONFIGURATION,
        /** Something holding a public IP. */
        PUBLIC_IP_CONFIGURATION,
        /** NIC ip configuration in an LB backend pool. */
        POOL_BACKEND_IP_CONFIGURATION,
        NSG_NETWORK_INTERFACE,
        NSG_SUBNET,
        NIC_VIRTUAL_MACHINE,
        DISK_MANAGED_BY
    }
}
