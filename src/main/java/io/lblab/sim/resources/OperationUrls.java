package io.lblab.sim.resources;

import io.lblab.sim.arm.ArmRequest;
import io.lblab.sim.arm.ArmResponse;
import io.lblab.sim.lro.Operation;

/** The polling URLs ARM hands out, absolute and on the caller's host, and the LRO headers. */
public final class OperationUrls {
    private OperationUrls() {
    }

    /** The operation-status resource ({@code Azure-AsyncOperation}). */
    public static String asyncOperation(ArmRequest req, String subscription, Operation op) {
        return req.baseUrl() + "subscriptions/" + subscription + "/providers/" + op.providerNamespace()
                + "/locations/" + op.location() + "/operations/" + op.id() + "?api-version=" + apiVersion(req);
    }

    /** The {@code Location} of a delete: Network "operationResults", Compute "operations…monitor=true". */
    public static String location(ArmRequest req, String subscription, Operation op) {
        String base = req.baseUrl() + "subscriptions/" + subscription;
        return switch (op.providerNamespace()) {
            case "Microsoft.Resources" -> base + "/operationresults/" + op.id() + "?api-version=" + apiVersion(req);
            case "Microsoft.Compute" -> base + "/providers/Microsoft.Compute/locations/" + op.location()
                    + "/operations/" + op.id() + "?monitor=true&api-version=" + apiVersion(req);
            default -> base + "/providers/" + op.providerNamespace() + "/locations/" + op.location()
                    + "/operationResults/" + op.id() + "?api-version=" + apiVersion(req);
        };
    }

    private static String apiVersion(ArmRequest req) {
        String v = req.apiVersion();
        return v == null ? "2025-03-01" : v;
    }

    /** 201/200 of a PUT (which starts {@code op}): Azure-AsyncOperation and, when at least a second remains, Retry-After. */
    public static ArmResponse putAccepted(ArmResponse r, ArmRequest req, String subscription, Operation op) {
        r.header("Azure-AsyncOperation", asyncOperation(req, subscription, op));
        return retryAfter(r, op).startedOperation(op.id());
    }

    /**
     * 202 of a DELETE: Location (the Network RP also sends Azure-AsyncOperation, as Azure does) and, when at
     * least a second remains, Retry-After.
     */
    public static ArmResponse deleteAccepted(ArmRequest req, String subscription, Operation op) {
        ArmResponse r = ArmResponse.empty(202);
        if ("Microsoft.Network".equals(op.providerNamespace())) {
            r.header("Azure-AsyncOperation", asyncOperation(req, subscription, op));
        }
        r.header("Location", location(req, subscription, op));
        return retryAfter(r, op);
    }

    /** {@link #deleteAccepted} for the DELETE that started {@code op} (not a repeated one joining it). */
    public static ArmResponse deleteStarted(ArmRequest req, String subscription, Operation op) {
        return deleteAccepted(req, subscription, op).startedOperation(op.id());
    }

    public static ArmResponse retryAfter(ArmResponse r, Operation op) {
        Integer seconds = op.retryAfterSeconds();
        return seconds == null ? r : r.header("Retry-After", String.valueOf(seconds));
    }
}
