package io.lblab.sim.arm;

/**
 * What an ARM path addresses. Literal segments match case-insensitively; names keep the caller's
 * casing. {@link #typeKey()} is the stats/faults key of the request.
 */
public record ArmRoute(Kind kind, String subscription, String group, String namespace, String type, String name,
                       String childSegment, String childName, String operationId) {

    public enum Kind {
        SUBSCRIPTIONS, SUBSCRIPTION, GROUPS, GROUP, GROUP_RESOURCES, GROUP_OPERATION_RESULT,
        OPERATION_STATUS, OPERATION_RESULT, TYPE_LIST, RESOURCE, CHILD_LIST, CHILD, UNKNOWN
    }

    private static ArmRoute of(Kind kind, String sub) {
        return new ArmRoute(kind, sub, null, null, null, null, null, null, null);
    }

    /** Parses the path of a request under {@code /subscriptions}. */
    public static ArmRoute parse(String path) {
        String[] s = trimmed(path).split("/");
        int n = s.length;
        if (n == 0 || !is(s[0], "subscriptions")) {
            return of(Kind.UNKNOWN, null);
        }
        if (n == 1) {
            return of(Kind.SUBSCRIPTIONS, null);
        }
        String sub = s[1];
        if (n == 2) {
            return of(Kind.SUBSCRIPTION, sub);
        }
        if (is(s[2], "resourceGroups")) {
            if (n == 3) {
                return of(Kind.GROUPS, sub);
            }
            String group = s[3];
            if (n == 4) {
                return new ArmRoute(Kind.GROUP, sub, group, null, null, null, null, null, null);
            }
            if (n == 5 && is(s[4], "resources")) {
                return new ArmRoute(Kind.GROUP_RESOURCES, sub, group, null, null, null, null, null, null);
            }
            if (is(s[4], "providers") && n >= 7 && n <= 10) {
                String ns = s[5];
                String type = s[6];
                return switch (n) {
                    case 7 -> new ArmRoute(Kind.TYPE_LIST, sub, group, ns, type, null, null, null, null);
                    case 8 -> new ArmRoute(Kind.RESOURCE, sub, group, ns, type, s[7], null, null, null);
                    case 9 -> new ArmRoute(Kind.CHILD_LIST, sub, group, ns, type, s[7], s[8], null, null);
                    default -> new ArmRoute(Kind.CHILD, sub, group, ns, type, s[7], s[8], s[9], null);
                };
            }
            return of(Kind.UNKNOWN, sub);
        }
        if (is(s[2], "operationresults") && n == 4) {
            return new ArmRoute(Kind.GROUP_OPERATION_RESULT, sub, null, null, null, null, null, null, s[3]);
        }
        if (is(s[2], "providers") && n >= 5) {
            String ns = s[3];
            if (n == 8 && is(s[4], "locations") && (is(s[6], "operations") || is(s[6], "operationResults"))) {
                Kind kind = is(s[6], "operations") ? Kind.OPERATION_STATUS : Kind.OPERATION_RESULT;
                return new ArmRoute(kind, sub, null, ns, null, null, null, null, s[7]);
            }
            if (n == 5) {
                return new ArmRoute(Kind.TYPE_LIST, sub, null, ns, s[4], null, null, null, null);
            }
        }
        return of(Kind.UNKNOWN, sub);
    }

    private static String trimmed(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static boolean is(String segment, String literal) {
        return segment.equalsIgnoreCase(literal);
    }

    /** The same route with the subscription's id as the simulator spells it. */
    public ArmRoute withSubscription(String canonical) {
        return new ArmRoute(kind, canonical, group, namespace, type, name, childSegment, childName, operationId);
    }

    /** The key requests are counted under in stats and matched against in fault rules. */
    public String typeKey() {
        return switch (kind) {
            case SUBSCRIPTIONS, SUBSCRIPTION -> "Microsoft.Resources/subscriptions";
            case GROUPS, GROUP -> "Microsoft.Resources/resourceGroups";
            case GROUP_RESOURCES -> "Microsoft.Resources/resources";
            case GROUP_OPERATION_RESULT, OPERATION_STATUS, OPERATION_RESULT -> "operations";
            case TYPE_LIST, RESOURCE -> namespace + "/" + type;
            case CHILD_LIST, CHILD -> namespace + "/" + type + "/" + childSegment;
            case UNKNOWN -> "unknown";
        };
    }

    /** The resource name a fault may target (child name for children). */
    public String resourceName() {
        return kind == Kind.CHILD ? childName : kind == Kind.GROUP ? group : name;
    }
}
