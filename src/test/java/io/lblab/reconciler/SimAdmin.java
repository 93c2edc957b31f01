package io.lblab.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lblab.azure.AzureHttpClients;
import io.lblab.sim.SimulatorInfo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The simulator's admin API over HTTPS, as a user with curl would use it. */
final class SimAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient http;

    SimAdmin(SimulatorInfo info) {
        this(info.baseUrl(), writePem(info.certificatePem()));
    }

    /** A simulator in another process: its URL and the certificate (PEM file) it wrote. */
    SimAdmin(String baseUrl, Path certificatePem) {
        this.base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.http = HttpClient.newBuilder().sslContext(AzureHttpClients.sslContextTrusting(certificatePem)).build();
    }

    private static Path writePem(String pem) {
        try {
            Path file = Files.createTempFile("sim-admin", ".pem");
            Files.writeString(file, pem);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    List<JsonNode> resources() {
        List<JsonNode> list = new ArrayList<>();
        send("GET", "_sim/resources", null).forEach(list::add);
        return list;
    }

    /** Resources of one group (the group itself excluded), by ARM type. */
    List<JsonNode> resourcesIn(String resourceGroup, String type) {
        String prefix = "/resourcegroups/" + resourceGroup.toLowerCase() + "/";
        return resources().stream()
                .filter(r -> r.path("id").asText().toLowerCase().contains(prefix))
                .filter(r -> type == null || type.equalsIgnoreCase(r.path("type").asText()))
                .toList();
    }

    boolean groupExists(String resourceGroup) {
        return resources().stream().anyMatch(r -> "Microsoft.Resources/resourceGroups".equalsIgnoreCase(r.path("type").asText())
                && resourceGroup.equalsIgnoreCase(r.path("name").asText()));
    }

    JsonNode stats() {
        return send("GET", "_sim/stats", null);
    }

    long writes() {
        JsonNode byMethod = stats().path("byMethod");
        return byMethod.path("PUT").asLong() + byMethod.path("DELETE").asLong() + byMethod.path("PATCH").asLong()
                + byMethod.path("POST").asLong();
    }

    long count(String type, String method) {
        return stats().path("byType").path(type).path(method).asLong();
    }

    JsonNode operations() {
        return send("GET", "_sim/operations", null);
    }

    void deleteResource(String id) {
        send("DELETE", "_sim/resources?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8), null);
    }

    void patchResource(String id, String mergePatch) {
        send("PATCH", "_sim/resources?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8), mergePatch);
    }

    void faults(String json) {
        send("POST", "_sim/faults", json);
    }

    void clearFaults() {
        send("DELETE", "_sim/faults", null);
    }

    private JsonNode send(String method, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json");
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
