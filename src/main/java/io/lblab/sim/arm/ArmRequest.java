package io.lblab.sim.arm;

import java.util.Map;

/**
 * An HTTP request as the ARM layer sees it.
 *
 * @param query   decoded query parameters, keys lower-cased
 * @param headers request headers, keys lower-cased
 * @param host    the Host header, used to build absolute polling URLs on the caller's host
 */
public record ArmRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                         byte[] body, String host) {

    public String apiVersion() {
        return query.get("api-version");
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code https://host/} */
    public String baseUrl() {
        return "https://" + host + "/";
    }

    public boolean isWrite() {
        return switch (method) {
            case "PUT", "PATCH", "POST", "DELETE" -> true;
            default -> false;
        };
    }
}
