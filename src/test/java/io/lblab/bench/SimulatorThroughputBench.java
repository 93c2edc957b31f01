package io.lblab.bench;

import io.lblab.sim.ArmSimulator;
import io.lblab.sim.LatencyProfile;
import io.lblab.sim.SimulatorInfo;
import io.lblab.sim.SimulatorOptions;
import io.lblab.sim.SimulatorStats;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Timed harness: GET throughput of the instant-profile simulator holding many resources. Not a
 * unit test (surefire skips io/lblab/bench). Run:
 * <pre>
 * ./mvnw -q -o test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *     -Dexec.mainClass=io.lblab.bench.SimulatorThroughputBench -Dexec.classpathScope=test \
 *     -Dexec.args="--resources 100000 --seconds 20"
 * </pre>
 * It stores the resources through the ARM API itself (resource groups of 1000: 400 virtual
 * networks, 400 public IPs, 200 NSGs), then GETs random ones over HTTPS with keep-alive
 * connections and reports requests per second and latency percentiles.
 */
public final class SimulatorThroughputBench {
    private static final String NET = "?api-version=2025-03-01";

    private SimulatorThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int resources = intArg(args, "--resources", 100_000);
        int seconds = intArg(args, "--seconds", 20);
        int connections = intArg(args, "--connections", 16);
        int inFlight = intArg(args, "--inflight", 64);
        int perGroup = 1000;
        int groups = Math.max(1, resources / perGroup);

        try (ArmSimulator sim = ArmSimulator.start(SimulatorOptions.defaults().withProfile(LatencyProfile.INSTANT)
                .withoutThrottling())) {
            SimulatorInfo info = sim.info();
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true)
                            .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(info.certificatePem())))
                            .setDefaultHost("127.0.0.1").setDefaultPort(port(info)).setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(connections));
            String token = token(client, info);
            String sub = "/subscriptions/" + info.subscriptionId();

            long t0 = System.nanoTime();
            run(client, token, groups, 8, i -> new Call(HttpMethod.PUT, sub + "/resourcegroups/bench" + i
                    + "?api-version=2025-04-01", "{\"location\":\"eastus\"}"), Long.MAX_VALUE);
            run(client, token, groups * perGroup, inFlight, i -> put(sub, i / perGroup, i % perGroup), Long.MAX_VALUE);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            int stored = sim.admin().resources().size();
            System.out.printf(Locale.ROOT, "stored %,d resources (+%d groups) through the ARM API in %.1f s (%.0f PUT/s)%n",
                    stored - groups, groups, loadSeconds, groups * perGroup / loadSeconds);

            IntFunction<Call> randomGet = i -> {
                int n = ThreadLocalRandom.current().nextInt(groups * perGroup);
                return get(sub, n / perGroup, n % perGroup);
            };
            run(client, token, Integer.MAX_VALUE, inFlight, randomGet, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            long readsBefore = sim.admin().stats().reads();
            long start = System.nanoTime();
            long[] latencies = run(client, token, Integer.MAX_VALUE, inFlight, randomGet,
                    start + TimeUnit.SECONDS.toNanos(seconds));
            double elapsed = (System.nanoTime() - start) / 1e9;
            SimulatorStats stats = sim.admin().stats();
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "GET: %,d requests in %.1f s = %,.0f requests/s (%d connections, %d in flight, "
                            + "%d cores shared by client and server)%n", latencies.length, elapsed,
                    latencies.length / elapsed, connections, inFlight, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
                    pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), latencies[latencies.length - 1] / 1e6);
            System.out.printf(Locale.ROOT, "simulator counted %,d reads in the measured window; statuses %s%n",
                    stats.reads() - readsBefore, stats.byStatus());
            client.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    record Call(HttpMethod method, String path, String body) {
    }

    private static Call put(String sub, int group, int index) {
        String base = sub + "/resourceGroups/bench" + group + "/providers/Microsoft.Network/";
        if (index < 400) {
            return new Call(HttpMethod.PUT, base + "virtualNetworks/vnet" + index + NET, "{\"location\":\"eastus\","
                    + "\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10." + (index % 250) + ".0.0/16\"]},"
                    + "\"subnets\":[{\"name\":\"default\",\"properties\":{\"addressPrefix\":\"10." + (index % 250)
                    + ".0.0/24\"}}]}}");
        }
        if (index < 800) {
            return new Call(HttpMethod.PUT, base + "publicIPAddresses/pip" + index + NET,
                    "{\"location\":\"eastus\",\"sku\":{\"name\":\"Standard\"}}");
        }
        return new Call(HttpMethod.PUT, base + "networkSecurityGroups/nsg" + index + NET,
                "{\"location\":\"eastus\",\"properties\":{\"securityRules\":[{\"name\":\"http\",\"properties\":{"
                        + "\"protocol\":\"*\",\"sourcePortRange\":\"*\",\"destinationPortRange\":\"80\","
                        + "\"sourceAddressPrefix\":\"*\",\"destinationAddressPrefix\":\"*\",\"access\":\"Allow\","
                        + "\"priority\":200,\"direction\":\"Inbound\"}}]}}");
    }

    private static Call get(String sub, int group, int index) {
        Call put = put(sub, group, index);
        return new Call(HttpMethod.GET, put.path(), null);
    }

    /**
     * Runs {@code total} calls (or until {@code deadline}) with {@code parallel} chains of
     * sequential requests; returns every latency in nanoseconds. Any non-2xx answer aborts.
     */
    private static long[] run(HttpClient client, String token, int total, int parallel, IntFunction<Call> calls,
                              long deadline) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<long[]>> chains = new ArrayList<>();
        for (int c = 0; c < parallel; c++) {
            Promise<long[]> done = Promise.promise();
            chain(client, token, total, calls, deadline, next, new LongList(), done);
            chains.add(done.future());
        }
        long[][] parts = new long[chains.size()][];
        for (int i = 0; i < chains.size(); i++) {
            parts[i] = chains.get(i).toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
        }
        return Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
    }

    private static void chain(HttpClient client, String token, int total, IntFunction<Call> calls, long deadline,
                              AtomicInteger next, LongList latencies, Promise<long[]> done) {
        int i = next.getAndIncrement();
        if (i >= total || System.nanoTime() >= deadline) {
            done.complete(latencies.toArray());
            return;
        }
        Call call = calls.apply(i);
        long start = System.nanoTime();
        client.request(new RequestOptions().setMethod(call.method()).setURI(call.path()).setIdleTimeout(30_000)
                        .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json"))
                // the body must be requested in the same callback that receives the response
                .compose(req -> {
                    Future<io.vertx.core.http.HttpClientResponse> sent =
                            call.body() == null ? req.send() : req.send(call.body());
                    return sent.compose(resp -> resp.body().map(body -> {
                        if (resp.statusCode() >= 300) {
                            throw new IllegalStateException(call.method() + " " + call.path() + " -> "
                                    + resp.statusCode() + " " + body);
                        }
                        return body;
                    }));
                })
                .onSuccess(body -> {
                    latencies.add(System.nanoTime() - start);
                    chain(client, token, total, calls, deadline, next, latencies, done);
                })
                .onFailure(e -> done.fail(new IllegalStateException(call.method() + " " + call.path() + ": " + e, e)));
    }

    private static String token(HttpClient client, SimulatorInfo info) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + info.clientId() + "&client_secret="
                + java.net.URLEncoder.encode(info.clientSecret(), java.nio.charset.StandardCharsets.UTF_8)
                + "&scope=x";
        return client.request(new RequestOptions().setMethod(HttpMethod.POST)
                        .setURI("/" + info.tenantId() + "/oauth2/v2.0/token")
                        .putHeader("Content-Type", "application/x-www-form-urlencoded"))
                .compose(req -> req.send(form).compose(resp -> resp.body()))
                .map(body -> new JsonObject(body).getString("access_token"))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static int port(SimulatorInfo info) {
        String url = info.baseUrl();
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.length() - 1));
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(sorted.length * p / 100.0))] / 1e6;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    /** A growable array of longs, used from one event-loop thread. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
