package io.lblab.sim.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.FaultConfig;
import io.lblab.sim.arm.ArmException;
import io.lblab.sim.arm.ArmResponse;
import io.lblab.sim.json.Json;

import java.io.IOException;
import java.util.Map;

/** The {@code /_sim/*} admin API over HTTP (no authentication). */
public final class AdminEndpoints {
    private final AdminService admin;

    public AdminEndpoints(AdminService admin) {
        this.admin = admin;
    }

    public ArmResponse handle(String method, String path, Map<String, String> query, byte[] body) {
        String p = path.replaceAll("/+$", "");
        try {
            return switch (p) {
                case "/_sim/resources" -> resources(method, query.get("id"), body);
                case "/_sim/stats" -> get(method, () -> ArmResponse.json(200, Json.valueToTree(admin.stats())));
                case "/_sim/operations" -> get(method, () -> ArmResponse.json(200,
                        Json.valueToTree(admin.operations())));
                case "/_sim/faults" -> faults(method, body);
                case "/_sim/reset" -> {
                    require(method, "POST");
                    admin.reset();
                    yield ArmResponse.empty(204);
                }
                default -> throw new ArmException(404, "NotFound", "Unknown admin path " + path);
            };
        } catch (ArmException e) {
            return ArmResponse.error(e);
        }
    }

    private ArmResponse resources(String method, String id, byte[] body) {
        switch (method) {
            case "GET" -> {
                if (id == null) {
                    return ArmResponse.json(200, Json.valueToTree(admin.resources()));
                }
                ObjectNode r = admin.resource(id);
                if (r == null) {
                    throw notFound(id);
                }
                return ArmResponse.json(200, r);
            }
            case "DELETE" -> {
                if (!admin.deleteResource(requireId(id))) {
                    throw notFound(id);
                }
                return ArmResponse.empty(204);
            }
            case "PATCH" -> {
                ObjectNode r = admin.patchResource(requireId(id), parse(body));
                if (r == null) {
                    throw notFound(id);
                }
                return ArmResponse.json(200, r);
            }
            default -> throw notAllowed(method);
        }
    }

    private ArmResponse faults(String method, byte[] body) {
        switch (method) {
            case "GET" -> {
                return ArmResponse.json(200, Json.valueToTree(admin.faults()));
            }
            case "POST" -> {
                FaultConfig config;
                try {
                    config = Json.MAPPER.treeToValue(parse(body), FaultConfig.class);
                    admin.injectFaults(config);
                } catch (IOException | IllegalArgumentException e) {
                    throw new ArmException(400, "InvalidFaults", "Cannot read the fault configuration: "
                            + e.getMessage());
                }
                return ArmResponse.json(200, Json.valueToTree(admin.faults()));
            }
            case "DELETE" -> {
                admin.clearFaults();
                return ArmResponse.empty(204);
            }
            default -> throw notAllowed(method);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? Json.object() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ArmException(400, "InvalidRequestContent", "Malformed JSON: " + e.getMessage());
        }
    }

    private static String requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new ArmException(400, "MissingId", "The query parameter 'id' is required.");
        }
        return id;
    }

    private static ArmResponse get(String method, java.util.function.Supplier<ArmResponse> call) {
        require(method, "GET");
        return call.get();
    }

    private static void require(String method, String expected) {
        if (!expected.equals(method)) {
            throw notAllowed(method);
        }
    }

    private static ArmException notFound(String id) {
        return new ArmException(404, "NotFound", "No resource with id '" + id + "'.");
    }

    private static ArmException notAllowed(String method) {
        return new ArmException(405, "MethodNotAllowed", "Method " + method + " is not allowed here.");
    }
}
