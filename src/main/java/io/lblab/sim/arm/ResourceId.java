package io.lblab.sim.arm;

import java.util.Locale;

/**
 * A parsed ARM resource id: a resource group, a top-level resource, or one child of a top-level
 * resource. {@link #key()} is the case-insensitive identity (lower case); {@link #id()} keeps
 * the casing it was built with.
 */
public record ResourceId(String subscription, String resourceGroup, String namespace, String type, String name,
                         String childSegment, String childName) {

    public static ResourceId group(String subscription, String resourceGroup) {
        return new ResourceId(subscription, resourceGroup, null, null, null, null, null);
    }

    public static ResourceId resource(String subscription, String resourceGroup, String namespace, String type,
                                      String name) {
        return new ResourceId(subscription, resourceGroup, namespace, type, name, null, null);
    }

    public ResourceId child(String segment, String childName) {
        return new ResourceId(subscription, resourceGroup, namespace, type, name, segment, childName);
    }

    /** Parses an id; returns null when it is not a group, resource or single-level child id. */
    public static ResourceId parse(String id) {
        if (id == null) {
            return null;
        }
        String[] s = id.split("/");
        // s[0] is "" for a leading slash
        if (s.length < 5 || !s[0].isEmpty() || !s[1].equalsIgnoreCase("subscriptions")
                || !s[3].equalsIgnoreCase("resourceGroups")) {
            return null;
        }
        for (int i = 1; i < s.length; i++) {
            if (s[i].isEmpty()) {
                return null;
            }
        }
        if (s.length == 5) {
            return group(s[2], s[4]);
        }
        if (s.length != 9 && s.length != 11 || !s[5].equalsIgnoreCase("providers")) {
            return null;
        }
        ResourceId r = resource(s[2], s[4], s[6], s[7], s[8]);
        return s.length == 9 ? r : r.child(s[9], s[10]);
    }

    public boolean isGroup() {
        return namespace == null;
    }

    public boolean isChild() {
        return childSegment != null;
    }

    public ResourceId groupId() {
        return group(subscription, resourceGroup);
    }

    /** The top-level resource this id belongs to (itself when not a child). */
    public ResourceId owner() {
        return isChild() ? resource(subscription, resourceGroup, namespace, type, name) : this;
    }

    /** {@code Namespace/type} or {@code Namespace/type/childSegment}, as used in stats and faults. */
    public String typeKey() {
        if (isGroup()) {
            return "Microsoft.Resources/resourceGroups";
        }
        return isChild() ? namespace + "/" + type + "/" + childSegment : namespace + "/" + type;
    }

    public String id() {
        StringBuilder b = new StringBuilder(128).append("/subscriptions/").append(subscription)
                .append("/resourceGroups/").append(resourceGroup);
        if (!isGroup()) {
            b.append("/providers/").append(namespace).append('/').append(type).append('/').append(name);
        }
        if (isChild()) {
            b.append('/').append(childSegment).append('/').append(childName);
        }
        return b.toString();
    }

    public String key() {
        return id().toLowerCase(Locale.ROOT);
    }

    public String groupKey() {
        return groupId().key();
    }

    @Override
    public String toString() {
        return id();
    }
}
