package io.lblab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulator's admin API over HTTP ({@code /_sim/stats}, {@code /_sim/operations}, {@code /_sim/reset}). HTTP
 * rather than the Java {@code SimulatorAdmin}, because inside a {@code @QuarkusTest} the simulator runs in the test
 * resource's class loader, not the test's.
 */
public final class SimAdminClient {

    /** The request counters of {@code GET /_sim/stats} that the benchmark uses. */
    public record Counts(long requests, long reads, long writes, long throttled429) {
        public Counts minus(Counts earlier) {
            return new Counts(requests - earlier.requests, reads - earlier.reads, writes - earlier.writes,
                    throttled429 - earlier.throttled429);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http;
    private final String adminUrl;

    public SimAdminClient(SimConnection sim) {
        this.http = HttpClient.newBuilder().sslContext(sim.sslContext()).connectTimeout(Duration.ofSeconds(10)).build();
        this.adminUrl = sim.adminUrl();
    }

    public JsonNode stats() {
        return get("stats");
    }

    /** 429s counted by status code, so injected ones count too (the token buckets' alone are {@code throttled}). */
    public Counts counts() {
        JsonNode stats = stats();
        return new Counts(stats.path("requests").asLong(), stats.path("reads").asLong(), stats.path("writes").asLong(),
                stats.path("byStatus").path("429").asLong());
    }

    /** The same counters per subscription ({@code bySubscription}; 429s are every 429 answered in it). */
    public Map<String, Counts> countsBySubscription() {
        Map<String, Counts> out = new TreeMap<>();
        stats().path("bySubscription").fields().forEachRemaining(e -> out.put(e.getKey(), new Counts(
                e.getValue().path("requests").asLong(), e.getValue().path("reads").asLong(),
                e.getValue().path("writes").asLong(), e.getValue().path("tooManyRequests").asLong())));
        return out;
    }

    public List<Timeline.Operation> operations() {
        List<Timeline.Operation> operations = new ArrayList<>();
        get("operations").forEach(node -> operations.add(Timeline.Operation.fromJson(node)));
        return operations;
    }

    /** Empties every subscription and forgets stats, operations, faults and throttling state. */
    public void reset() {
        send(HttpRequest.newBuilder(URI.create(adminUrl + "reset")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode get(String path) {
        String body = send(HttpRequest.newBuilder(URI.create(adminUrl + path)).GET());
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
