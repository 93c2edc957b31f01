package io.lblab.sim.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmErrors;
import io.lblab.sim.arm.ArmException;
import io.lblab.sim.arm.ArmRequest;
import io.lblab.sim.arm.Regions;
import io.lblab.sim.json.Json;

import java.io.IOException;

/** Request-body checks every write shares. */
public final class RequestBodies {
    private RequestBodies() {
    }

    /** The body as a JSON object, or 400 InvalidRequestContent. */
    public static ObjectNode parse(ArmRequest req) {
        byte[] bytes = req.body();
        if (bytes == null || bytes.length == 0) {
            throw ArmErrors.invalidRequestContent("the request body is empty");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "malformed JSON" : e.getMessage().split("\n")[0];
            throw ArmErrors.invalidRequestContent(msg);
        }
        if (!(node instanceof ObjectNode o)) {
            throw ArmErrors.invalidRequestContent("the request body must be a JSON object");
        }
        return o;
    }

    /** The normalised location of the body: 400 LocationRequired / LocationNotAvailableForResourceType. */
    public static String location(ObjectNode body, String typeKey) {
        String location = Json.text(body, "location");
        if (location == null || location.isBlank()) {
            throw ArmErrors.locationRequired();
        }
        if (!Regions.isKnown(location)) {
            throw new ArmException(400, "LocationNotAvailableForResourceType", "The provided location '" + location
                    + "' is not available for resource type '" + typeKey + "'. List of available regions for the "
                    + "resource type is '" + Regions.listing() + "'.");
        }
        return Regions.normalize(location);
    }

    /** ARM ignores a provisioningState in the body only when it equals the server's value. */
    public static void checkProvisioningState(ObjectNode body, String serverState) {
        String given = Json.text(body.path("properties"), "provisioningState");
        if (given != null && serverState != null && !given.equalsIgnoreCase(serverState)) {
            throw ArmErrors.invalidRequestContent("properties.provisioningState is read-only: the request says '"
                    + given + "' but the resource is '" + serverState + "'");
        }
    }
}
