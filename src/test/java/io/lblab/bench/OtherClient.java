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
import java.util.concurrent.ExecutorService;
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
    private static final int WORKERS = 32;
    private static final int BACKLOG = 5;
    private final AtomicLong next = new AtomicLong();
    private volatile boolean running = true;
    private ExecutorService workers;
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
        long period = Math.max(1, Math.round(1e9 / perWallSecond));
        next.set(System.nanoTime());
        // a few threads sending one request at a time each: a bounded number of connections (sendAsync at hundreds of
        // requests a second opened one per request and ran out of file descriptors)
        workers = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "bench-other-client");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < WORKERS; i++) {
            workers.submit(() -> {
                while (running) {
                    long now = System.nanoTime();
                    // behind by more than a second's requests (this JVM stalled): drop them rather than burst
                    next.accumulateAndGet(now - BACKLOG * period, Math::max);
                    long slot = next.getAndAdd(period);
                    long wait = slot - now;
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    if (running) {
                        put(group);
                    }
                }
            });
        }
    }

    private void put(URI group) {
        requests.incrementAndGet();
        String body = "{\"location\":\"eastus\",\"tags\":{\"n\":\"" + sequence.incrementAndGet() + "\"}}";
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(group).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 429) {
                throttled.incrementAndGet();
            } else if (response.statusCode() / 100 != 2) {
                errors.incrementAndGet();
            }
        } catch (IOException e) {
            errors.incrementAndGet();
        } catch (InterruptedException e) {
            errors.incrementAndGet();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops sending; waits for answers in flight. */
    Counts stop() throws InterruptedException {
        running = false;
        workers.shutdown();
        workers.awaitTermination(70, TimeUnit.SECONDS);
        return new Counts(requests.get(), throttled.get(), errors.get());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
