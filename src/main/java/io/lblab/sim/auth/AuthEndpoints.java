package io.lblab.sim.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmResponse;
import io.lblab.sim.json.Json;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The Microsoft identity platform endpoints azure-identity uses with the simulator as its
 * authority host: the client-credentials token endpoint (v2.0 and v1) and the discovery
 * documents MSAL may read. Errors have AAD's shape and AADSTS codes.
 */
public final class AuthEndpoints {
    private final String tenantId;
    private final String clientId;
    private final String clientSecret;
    private final TokenService tokens;

    public AuthEndpoints(String tenantId, String clientId, String clientSecret, TokenService tokens) {
        this.tenantId = tenantId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.tokens = tokens;
    }

    /** Handles the request if it is an identity endpoint; null otherwise. */
    public ArmResponse handle(String method, String path, byte[] body, String baseUrl) {
        String[] s = path.replaceAll("^/+", "").split("/");
        if (s.length == 3 && s[0].equalsIgnoreCase("common") && s[1].equals("discovery") && s[2].equals("instance")) {
            return instanceDiscovery(baseUrl);
        }
        if (s.length == 4 && s[1].equals("v2.0") && s[2].equals(".well-known") && s[3].equals("openid-configuration")) {
            return openIdConfiguration(s[0], baseUrl);
        }
        boolean v2 = s.length == 4 && s[1].equals("oauth2") && s[2].equals("v2.0") && s[3].equals("token");
        boolean v1 = s.length == 3 && s[1].equals("oauth2") && s[2].equals("token");
        if (v1 || v2) {
            if (!"POST".equals(method)) {
                return aadError(405, "invalid_request", 900561, "The endpoint only accepts POST requests.");
            }
            return token(s[0], body);
        }
        return null;
    }

    private ArmResponse token(String tenant, byte[] body) {
        if (!tenant.equalsIgnoreCase(tenantId) && !tenant.equalsIgnoreCase("organizations")) {
            return aadError(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure "
                    + "you have the correct tenant ID and are signing into the correct cloud.");
        }
        Map<String, String> form = form(body);
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return aadError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"
                    + form.get("grant_type") + "'.");
        }
        String client = form.get("client_id");
        if (client == null || !client.equalsIgnoreCase(clientId)) {
            return aadError(400, "unauthorized_client", 700016, "Application with identifier '" + client
                    + "' was not found in the directory '" + tenant + "'. This can happen if the application has "
                    + "not been installed by the administrator of the tenant or consented to by any user in the "
                    + "tenant. You may have sent your authentication request to the wrong tenant.");
        }
        if (!clientSecret.equals(form.get("client_secret"))) {
            return aadError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being "
                    + "sent in the request is the client secret value, not the client secret ID, for a secret added "
                    + "to app '" + clientId + "'.");
        }
        ObjectNode reply = Json.object();
        reply.put("token_type", "Bearer");
        reply.put("expires_in", TokenService.LIFETIME_SECONDS);
        reply.put("ext_expires_in", TokenService.LIFETIME_SECONDS);
        reply.put("access_token", tokens.issue());
        return ArmResponse.json(200, reply).header("Cache-Control", "no-store, no-cache");
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> out = new HashMap<>();
        if (body == null) {
            return out;
        }
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static ArmResponse aadError(int status, String error, int code, String description) {
        ObjectNode body = Json.object();
        String trace = UUID.randomUUID().toString();
        body.put("error", error);
        body.put("error_description", "AADSTS" + code + ": " + description + " Trace ID: " + trace
                + " Correlation ID: " + UUID.randomUUID() + " Timestamp: " + Instant.now());
        body.putArray("error_codes").add(code);
        body.put("timestamp", Instant.now().toString());
        body.put("trace_id", trace);
        body.put("correlation_id", UUID.randomUUID().toString());
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        return ArmResponse.json(status, body);
    }

    private ArmResponse openIdConfiguration(String tenant, String baseUrl) {
        String t = tenant.equalsIgnoreCase("common") || tenant.equalsIgnoreCase("organizations") ? tenantId : tenant;
        if (!t.equalsIgnoreCase(tenantId)) {
            return aadError(400, "invalid_tenant", 90002, "Tenant '" + tenant + "' not found.");
        }
        ObjectNode doc = Json.object();
        doc.put("token_endpoint", baseUrl + t + "/oauth2/v2.0/token");
        doc.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("client_secret_basic");
        doc.put("jwks_uri", baseUrl + t + "/discovery/v2.0/keys");
        doc.putArray("response_types_supported").add("code").add("id_token").add("token");
        doc.putArray("subject_types_supported").add("pairwise");
        doc.putArray("id_token_signing_alg_values_supported").add("RS256");
        doc.put("issuer", baseUrl + t + "/v2.0");
        doc.put("authorization_endpoint", baseUrl + t + "/oauth2/v2.0/authorize");
        doc.put("device_authorization_endpoint", baseUrl + t + "/oauth2/v2.0/devicecode");
        doc.put("end_session_endpoint", baseUrl + t + "/oauth2/v2.0/logout");
        doc.put("tenant_region_scope", "NA");
        doc.put("cloud_instance_name", "lblab.simulator");
        return ArmResponse.json(200, doc);
    }

    private ArmResponse instanceDiscovery(String baseUrl) {
        String host = baseUrl.replaceFirst("^https://", "").replaceAll("/$", "");
        ObjectNode doc = Json.object();
        doc.put("tenant_discovery_endpoint", baseUrl + tenantId + "/v2.0/.well-known/openid-configuration");
        doc.put("api-version", "1.1");
        ObjectNode meta = doc.putArray("metadata").addObject();
        meta.put("preferred_network", host);
        meta.put("preferred_cache", host);
        meta.putArray("aliases").add(host);
        return ArmResponse.json(200, doc);
    }
}
