package io.lblab.sim.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.json.Json;

import java.util.List;

/**
 * An ARM error response: HTTP status plus the {@code {"error":{"code","message","details"}}} body.
 * Thrown by validation anywhere below the dispatcher and rendered by it.
 */
public final class ArmException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<Detail> details;
    private final Integer retryAfterSeconds;

    public record Detail(String code, String message) {
    }

    public ArmException(int status, String code, String message) {
        this(status, code, message, List.of(), null);
    }

    public ArmException(int status, String code, String message, List<Detail> details, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Detail> details() {
        return details;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The {@code error} object (without the outer wrapper), as used in operation-status bodies too. */
    public ObjectNode errorObject() {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("message", getMessage());
        ArrayNode d = error.putArray("details");
        for (Detail detail : details) {
            ObjectNode o = d.addObject();
            o.put("code", detail.code());
            o.put("message", detail.message());
        }
        return error;
    }

    public ObjectNode body() {
        ObjectNode body = Json.object();
        body.set("error", errorObject());
        return body;
    }
}
