package io.lblab.blueprint;

/** ARM resource id strings. */
public final class ResourceIds {

    private ResourceIds() {
    }

    public static String resourceGroup(String subscriptionId, String resourceGroup) {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup;
    }

    /** A child such as {@code .../virtualNetworks/myVNet/subnets/myBackendSubnet}. */
    public static String child(String parentId, String childType, String childName) {
        return parentId + "/" + childType + "/" + childName;
    }

    /** The last segment of an id: the resource's name. */
    public static String name(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
