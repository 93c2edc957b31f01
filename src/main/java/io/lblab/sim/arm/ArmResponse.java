package io.lblab.sim.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.lblab.sim.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response to write: status, headers and an optional JSON body, possibly held back for a while; or a
 * connection reset.
 */
public final class ArmResponse {
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;
    private final boolean reset;
    private long holdMillis;
    private String operationId;

    private ArmResponse(int status, byte[] body, boolean reset) {
        this.status = status;
        this.body = body;
        this.reset = reset;
    }

    public static ArmResponse json(int status, JsonNode body) {
        return new ArmResponse(status, Json.bytes(body), false);
    }

    public static ArmResponse json(int status, byte[] body) {
        return new ArmResponse(status, body, false);
    }

    public static ArmResponse json(int status, String body) {
        return new ArmResponse(status, body.getBytes(StandardCharsets.UTF_8), false);
    }

    public static ArmResponse empty(int status) {
        return new ArmResponse(status, null, false);
    }

    public static ArmResponse error(ArmException e) {
        ArmResponse r = json(e.status(), e.body());
        if (e.retryAfterSeconds() != null) {
            r.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        return r;
    }

    /** Close the connection without answering. */
    public static ArmResponse connectionReset() {
        return new ArmResponse(0, null, true);
    }

    public ArmResponse header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    /** Send this answer only after {@code millis} (the transport keeps the connection open meanwhile). */
    public ArmResponse hold(long millis) {
        this.holdMillis = Math.max(0, millis);
        return this;
    }

    public long holdMillis() {
        return holdMillis;
    }

    /** Records that answering this request started the long-running operation {@code id}. */
    public ArmResponse startedOperation(String id) {
        this.operationId = id;
        return this;
    }

    /** The operation this request started, or null. */
    public String startedOperation() {
        return operationId;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public boolean isReset() {
        return reset;
    }
}
