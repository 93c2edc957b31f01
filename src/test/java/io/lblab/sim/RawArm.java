package io.lblab.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.lblab.sim.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Hand-built HTTP for protocol details the SDK hides (status codes, headers, malformed bodies). */
final class RawArm {
    static final String NET_API = "api-version=2025-03-01";
    static final String RG_API = "api-version=2025-04-01";
    static final String COMPUTE_API = "api-version=2025-04-01";

    private final SimulatorInfo info;
    private final HttpClient http;
    private String token;

    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }
    }

    RawArm(SimulatorInfo info) {
        this.info = info;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(info.sslContext()).build();
    }

    String sub() {
        return "/subscriptions/" + info.subscriptionId();
    }

    String token() {
        if (token == null) {
            Response r = tokenRequest(info.tenantId(), info.clientId(), info.clientSecret());
            token = r.json().get("access_token").asText();
        }
        return token;
    }

    Response tokenRequest(String tenant, String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
                + "&scope=" + enc(info.baseUrl() + ".default");
        return send(HttpRequest.newBuilder(URI.create(info.baseUrl() + tenant + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    Response call(String method, String pathAndQuery, String body) {
        return send(builder(method, pathAndQuery, body).header("Authorization", "Bearer " + token()).build());
    }

    Response callWithHeader(String method, String pathAndQuery, String body, String header, String value) {
        return send(builder(method, pathAndQuery, body).header("Authorization", "Bearer " + token())
                .header(header, value).build());
    }

    Response callUnauthenticated(String method, String pathAndQuery, String authorization) {
        HttpRequest.Builder b = builder(method, pathAndQuery, null);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    /** GET of an absolute URL the simulator handed out (Azure-AsyncOperation, Location). */
    Response follow(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token()).GET()
                .build());
    }

    Response admin(String method, String pathAndQuery, String body) {
        return send(builder(method, pathAndQuery, body).build());
    }

    private HttpRequest.Builder builder(String method, String pathAndQuery, String body) {
        String p = pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(info.baseUrl() + p));
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return b.method(method, publisher);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
