package io.lblab.sim.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmException;
import io.lblab.sim.arm.ArmRequest;
import io.lblab.sim.arm.ArmResponse;
import io.lblab.sim.arm.ArmRoute;
import io.lblab.sim.json.Json;
import io.lblab.sim.lro.Operation;

import java.time.format.DateTimeFormatter;

/**
 * Polling endpoints. The operation-status resource ({@code Azure-AsyncOperation}) always answers
 * 200 with a status; a {@code Location} URL answers 202 while running, then the final result.
 */
public final class OperationEndpoints {
    private final SimContext sim;

    public OperationEndpoints(SimContext sim) {
        this.sim = sim;
    }

    private Operation find(ArmRoute route) {
        Operation op = sim.operations().find(route.operationId());
        // an operation belongs to the subscription of its resource: another subscription's URL does not find it
        if (op == null || !op.resourceId().subscription().equalsIgnoreCase(route.subscription())) {
            throw new ArmException(404, "OperationNotFound", "The operation '" + route.operationId()
                    + "' could not be found.");
        }
        sim.operations().settle(op);
        return op;
    }

    /** {@code …/providers/{ns}/locations/{loc}/operations/{id}}; Compute's {@code monitor=true} is a Location. */
    public ArmResponse status(ArmRequest req, ArmRoute route) {
        if ("true".equalsIgnoreCase(req.query().get("monitor"))) {
            return location(req, route);
        }
        Operation op = find(route);
        ObjectNode body = Json.object();
        body.put("id", "/subscriptions/" + op.resourceId().subscription() + "/providers/" + op.providerNamespace()
                + "/locations/" + op.location() + "/operations/" + op.id());
        body.put("name", op.id());
        body.put("status", op.status().name());
        body.put("startTime", DateTimeFormatter.ISO_INSTANT.format(op.startedAt()));
        if (op.endedAt() != null) {
            body.put("endTime", DateTimeFormatter.ISO_INSTANT.format(op.endedAt()));
        }
        if (op.error() != null) {
            body.set("error", op.error().errorObject());
        }
        return OperationUrls.retryAfter(ArmResponse.json(200, body), op);
    }

    /** A delete's {@code Location}: 202 while running, then 200/204, or the error. */
    public ArmResponse location(ArmRequest req, ArmRoute route) {
        Operation op = find(route);
        return switch (op.status()) {
            case InProgress -> OperationUrls.retryAfter(ArmResponse.empty(202)
                    .header("Location", req.baseUrl() + req.path().replaceFirst("^/", "") + query(req)), op);
            case Succeeded -> ArmResponse.empty("Microsoft.Network".equals(op.providerNamespace()) ? 204 : 200);
            case Failed, Canceled -> ArmResponse.error(op.error() != null ? op.error()
                    : new ArmException(500, "InternalServerError", "The operation failed."));
        };
    }

    private static String query(ArmRequest req) {
        StringBuilder b = new StringBuilder();
        req.query().forEach((k, v) -> b.append(b.length() == 0 ? '?' : '&').append(k).append('=').append(v));
        return b.toString();
    }
}
