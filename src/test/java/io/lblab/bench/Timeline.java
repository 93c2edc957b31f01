package io.lblab.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bars of one flow (the operator's lab, or the sample's run) on a time axis in simulated seconds from the
 * flow's start: one bar per PUT, from the request to {@code Succeeded}, as the simulator's operation history
 * ({@code GET /_sim/operations}) records them.
 *
 * @param title        lane heading
 * @param bars         in start order
 * @param endSeconds   when the flow was done (the lab Ready, the sample's last call returned); NaN if unknown
 */
public record Timeline(String title, List<Bar> bars, double endSeconds) {

    /** One operation: {@code label} such as {@code myLoadBalancer (3)} for the third PUT of the same resource. */
    public record Bar(String label, String type, double startSeconds, double endSeconds) {
    }

    /** One entry of the simulator's operation history, times as wall-clock instants. */
    public record Operation(String resourceId, String resourceType, String method, String status, Instant startedAt,
                            Instant endedAt, double simulatedSeconds) {

        public static Operation fromJson(JsonNode node) {
            return new Operation(node.path("resourceId").asText(), node.path("resourceType").asText(),
                    node.path("method").asText(), node.path("status").asText(),
                    instant(node.path("startedAt")), instant(node.path("endedAt")),
                    node.path("simulatedSeconds").asDouble());
        }

        private static Instant instant(JsonNode node) {
            return node.isTextual() && !node.asText().isBlank() ? Instant.parse(node.asText()) : null;
        }

        /** The resource group named in the id, or null. */
        public String resourceGroup() {
            String[] parts = resourceId.split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                if (parts[i].equalsIgnoreCase("resourceGroups")) {
                    return parts[i + 1];
                }
            }
            return null;
        }

        /** {@code myVNet}, or {@code myVNet/AzureBastionSubnet} for a child resource. */
        public String displayName() {
            String[] parts = resourceId.split("/");
            int providers = -1;
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].equalsIgnoreCase("providers")) {
                    providers = i;
                }
            }
            if (providers < 0) {
                return parts[parts.length - 1];
            }
            StringBuilder name = new StringBuilder();
            // providers/Namespace/type/name[/childType/childName]
            for (int i = providers + 3; i < parts.length; i += 2) {
                if (name.length() > 0) {
                    name.append('/');
                }
                name.append(parts[i]);
            }
            return name.toString();
        }
    }

    public Timeline {
        bars = List.copyOf(bars);
    }

    public double lastSeconds() {
        double last = Double.isNaN(endSeconds) ? 0 : endSeconds;
        for (Bar bar : bars) {
            last = Math.max(last, bar.endSeconds());
        }
        return last;
    }

    /**
     * The PUTs of one resource group, relative to {@code start}. Operations still running get no end; the
     * simulator's own duration is used for them.
     */
    public static Timeline of(String title, List<Operation> operations, String resourceGroup, Instant start,
                              double timeScale, double endSeconds) {
        List<Operation> puts = operations.stream()
                .filter(o -> o.method().equalsIgnoreCase("PUT"))
                .filter(o -> resourceGroup.equalsIgnoreCase(o.resourceGroup()))
                .filter(o -> o.startedAt() != null)
                .sorted(Comparator.comparing(Operation::startedAt))
                .toList();
        Map<String, Integer> total = new HashMap<>();
        puts.forEach(o -> total.merge(o.displayName().toLowerCase(Locale.ROOT), 1, Integer::sum));
        Map<String, Integer> seen = new HashMap<>();
        List<Bar> bars = new ArrayList<>();
        for (Operation o : puts) {
            String key = o.displayName().toLowerCase(Locale.ROOT);
            int n = seen.merge(key, 1, Integer::sum);
            String label = total.get(key) > 1 ? o.displayName() + " (" + n + ")" : o.displayName();
            double from = seconds(start, o.startedAt(), timeScale);
            double to = o.endedAt() == null ? from + o.simulatedSeconds() : seconds(start, o.endedAt(), timeScale);
            bars.add(new Bar(label, o.resourceType(), from, Math.max(from, to)));
        }
        return new Timeline(title, bars, endSeconds);
    }

    static double seconds(Instant start, Instant at, double timeScale) {
        return java.time.Duration.between(start, at).toNanos() / 1e9 / timeScale;
    }
}
