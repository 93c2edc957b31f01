package io.lblab.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Server-side printing for {@code kubectl get lblab}: kubectl asks for a {@code meta.k8s.io/v1} Table, which a real
 * API server builds from the CRD's printer columns. The mock server does not, so this does, from the same columns.
 */
final class PrinterTableDispatcher extends Dispatcher {

    private static final Pattern LABS = Pattern.compile("^/apis/lblab\\.io/v1alpha1/(namespaces/[^/]+/)?loadbalancerlabs(/[^/?]+)?(\\?.*)?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dispatcher delegate;
    private final List<CustomResourceColumnDefinition> columns;

    PrinterTableDispatcher(Dispatcher delegate, List<CustomResourceColumnDefinition> columns) {
        this.delegate = delegate;
        this.columns = columns;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String accept = request.getHeader("Accept");
        boolean table = "GET".equalsIgnoreCase(request.getMethod()) && accept != null && accept.contains("as=Table")
                && LABS.matcher(request.getPath()).matches() && !request.getPath().contains("watch=");
        MockResponse response = delegate.dispatch(request);
        if (!table || response.code() != 200) {
            return response;
        }
        try {
            JsonNode body = JSON.readTree(response.getBody().readUtf8());
            return new MockResponse().setResponseCode(200)
                    .setHeader("Content-Type", "application/json")
                    .setBody(JSON.writeValueAsString(toTable(body)));
        } catch (IOException e) {
            return new MockResponse().setResponseCode(500).setBody("{\"kind\":\"Status\",\"message\":\"" + e.getMessage() + "\"}");
        }
    }

    private ObjectNode toTable(JsonNode body) {
        ObjectNode table = JSON.createObjectNode();
        table.put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", body.path("metadata").path("resourceVersion").asText(""));
        ArrayNode definitions = table.putArray("columnDefinitions");
        definitions.addObject().put("name", "Name").put("type", "string").put("format", "name").put("priority", 0);
        columns.forEach(column -> definitions.addObject().put("name", column.getName()).put("type", column.getType())
                .put("priority", column.getPriority() == null ? 0 : column.getPriority()));
        ArrayNode rows = table.putArray("rows");
        for (JsonNode item : body.has("items") ? body.get("items") : JSON.createArrayNode().add(body)) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(item.path("metadata").path("name").asText());
            for (CustomResourceColumnDefinition column : columns) {
                JsonNode value = at(item, column.getJsonPath());
                cells.add("date".equals(column.getType()) ? age(value.asText(null)) : value.isMissingNode() ? "" : value.asText());
            }
            ObjectNode object = row.putObject("object");
            object.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
            object.set("metadata", item.path("metadata"));
        }
        return table;
    }

    /** A field, or an array element chosen by a filter: the JSONPath forms the CRD's columns use. */
    private static final java.util.regex.Pattern STEP =
            java.util.regex.Pattern.compile("\\.([A-Za-z0-9_-]+)(?:\\[\\?\\(@\\.([A-Za-z0-9_-]+)==\"([^\"]*)\"\\)\\])?");

    static JsonNode at(JsonNode item, String jsonPath) {
        JsonNode node = item;
        java.util.regex.Matcher step = STEP.matcher(jsonPath);
        while (step.find()) {
            node = node.path(step.group(1));
            if (step.group(2) != null) {
                JsonNode match = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
                for (JsonNode element : node) {
                    if (step.group(3).equals(element.path(step.group(2)).asText(null))) {
                        match = element;
                        break;
                    }
                }
                node = match;
            }
        }
        return node;
    }

    /** Kubernetes' short ages: 45s, 12m, 3h, 2d. */
    static String age(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "<unknown>";
        }
        long seconds = Math.max(0, Duration.between(Instant.parse(timestamp), Instant.now()).getSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 3 * 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }
}
