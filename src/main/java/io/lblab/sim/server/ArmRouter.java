package io.lblab.sim.server;

import io.lblab.sim.arm.ArmException;
import io.lblab.sim.arm.ArmRequest;
import io.lblab.sim.arm.ArmResponse;
import io.lblab.sim.arm.ArmRoute;
import io.lblab.sim.resources.ChildResourceService;
import io.lblab.sim.resources.OperationEndpoints;
import io.lblab.sim.resources.ResourceGroupService;
import io.lblab.sim.resources.ResourceService;
import io.lblab.sim.resources.SubscriptionEndpoints;

/** Sends an authenticated, admitted ARM request to the service for its path and method. */
final class ArmRouter {
    private final SubscriptionEndpoints subscriptions;
    private final ResourceGroupService groups;
    private final ResourceService resources;
    private final ChildResourceService children;
    private final OperationEndpoints operations;

    ArmRouter(SubscriptionEndpoints subscriptions, ResourceGroupService groups, ResourceService resources,
              ChildResourceService children, OperationEndpoints operations) {
        this.subscriptions = subscriptions;
        this.groups = groups;
        this.resources = resources;
        this.children = children;
        this.operations = operations;
    }

    ArmResponse route(ArmRequest req, ArmRoute route) {
        String m = req.method();
        return switch (route.kind()) {
            case SUBSCRIPTIONS -> only(m, "GET", subscriptions::list);
            case SUBSCRIPTION -> only(m, "GET", () -> subscriptions.get(route));
            case GROUPS -> only(m, "GET", () -> groups.list(route));
            case GROUP -> switch (m) {
                case "PUT" -> groups.put(req, route);
                case "GET" -> groups.get(route);
                case "HEAD" -> groups.head(route);
                case "PATCH" -> groups.patch(req, route);
                case "DELETE" -> groups.delete(req, route);
                default -> throw notAllowed(m);
            };
            case GROUP_RESOURCES -> only(m, "GET", () -> groups.resources(req, route));
            case GROUP_OPERATION_RESULT, OPERATION_RESULT -> only(m, "GET", () -> operations.location(req, route));
            case OPERATION_STATUS -> only(m, "GET", () -> operations.status(req, route));
            case TYPE_LIST -> only(m, "GET", () -> resources.list(req, route));
            case RESOURCE -> switch (m) {
                case "PUT" -> resources.put(req, route);
                case "GET" -> resources.get(req, route);
                case "HEAD" -> head(() -> resources.get(req, route));
                case "PATCH" -> resources.patch(req, route);
                case "DELETE" -> resources.delete(req, route);
                default -> throw notAllowed(m);
            };
            case CHILD_LIST -> only(m, "GET", () -> children.list(req, route));
            case CHILD -> switch (m) {
                case "PUT" -> children.put(req, route);
                case "GET" -> children.get(req, route);
                case "DELETE" -> children.delete(req, route);
                default -> throw notAllowed(m);
            };
            case UNKNOWN -> throw new ArmException(404, "InvalidResourceType",
                    "The simulator does not serve the path '" + req.path() + "'.");
        };
    }

    private static ArmResponse only(String method, String allowed, java.util.function.Supplier<ArmResponse> call) {
        if (!allowed.equals(method)) {
            throw notAllowed(method);
        }
        return call.get();
    }

    private static ArmResponse head(java.util.function.Supplier<ArmResponse> get) {
        try {
            get.get();
            return ArmResponse.empty(204);
        } catch (ArmException e) {
            return ArmResponse.empty(e.status());
        }
    }

    private static ArmException notAllowed(String method) {
        return new ArmException(405, "MethodNotAllowed", "The requested method '" + method
                + "' is not allowed on this resource.");
    }
}
