package io.lblab.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another client of the same subscription: it PUTs its own resource group's tags at a fixed rate (raw HTTPS, its own
 * token), so it takes that share of ARM's write budget while the operator works. Its requests and 429s are counted so
 * the operator's can be told apart in the simulator's totals.
 */
final class OtherClient {

    record Counts(long requests, long throttled, long errors) {
    }

    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final String GROUP = "bench-other-client";

    private final SimConnection sim;
    private final double perWallSecond;
    private final HttpClient http;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private ScheduledExecutorService timer;
    private String token;

    OtherClient(SimConnection sim, double perWallSecond) {
        this.sim = sim;
        this.perWallSecond = perWallSecond;
        this.http = HttpClient.newBuilder().sslContext(sim.sslContext()).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Gets a token, creates its group (one write, counted), then PUTs its tags {@code perWallSecond} times a second. */
    void start() throws IOException, InterruptedException {
        String base = sim.baseUrl().endsWith("/") ? sim.baseUrl() : sim.baseUrl() + "/";
        String form = "grant_type=client_credentials&client_id=" + enc(sim.clientId()) + "&client_secret=" + enc(sim.clientSecret())
                + "&scope=" + enc(base + ".default");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + sim.tenantId() + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(answer.body());
        if (!m.find()) {
            throw new IOException("no token: " + answer.statusCode() + " " + answer.body());
        }
        token = m.group(1);
        URI group = URI.create(base + "subscriptions/" + sim.subscriptionId() + "/resourcegroups/" + GROUP + "?api-version=2025-04-01");
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-other-client");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> put(group), 0, Math.max(1, Math.round(1e9 / perWallSecond)), TimeUnit.NANOSECONDS);
    }

    private void put(URI group) {
        requests.incrementAndGet();
        String body = "{\"location\":\"eastus\",\"tags\":{\"n\":\"" + sequence.incrementAndGet() + "\"}}";
        http.sendAsync(HttpRequest.newBuilder(group).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                errors.incrementAndGet();
            } else if (response.statusCode() == 429) {
                throttled.incrementAndGet();
            } else if (response.statusCode() / 100 != 2) {
                errors.incrementAndGet();
            }
        });
    }

    /** Stops sending; waits briefly for answers in flight. */
    Counts stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        Thread.sleep(500);
        return new Counts(requests.get(), throttled.get(), errors.get());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
