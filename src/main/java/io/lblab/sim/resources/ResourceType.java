package io.lblab.sim.resources;

import java.util.List;

/**
 * A top-level resource type and its child collections.
 *
 * @param children child collections, in body order
 */
public record ResourceType(String namespace, String type, List<ChildCollection> children) {

    /**
     * @param segment  the URL/id segment ({@code subnets}, {@code bastionHostIpConfigurations})
     * @param property the array property under {@code properties} ({@code subnets}, {@code ipConfigurations})
     * @param inBody   whether PUT bodies carry it (false for server-made {@code defaultSecurityRules})
     * @param writable whether the child has its own PUT/DELETE
     */
    public record ChildCollection(String segment, String property, boolean inBody, boolean writable) {
        public static ChildCollection writable(String name) {
            return new ChildCollection(name, name, true, true);
        }

        public static ChildCollection readOnly(String segment, String property) {
            return new ChildCollection(segment, property, true, false);
        }
    }

    public String key() {
        return namespace + "/" + type;
    }

    public ChildCollection child(String segment) {
        for (ChildCollection c : children) {
            if (c.segment().equalsIgnoreCase(segment)) {
                return c;
            }
        }
        return null;
    }

    public String childTypeKey(ChildCollection c) {
        return key() + "/" + c.segment();
    }
}
