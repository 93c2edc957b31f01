package io.lblab.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.lblab.blueprint.ResourceKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Locale;

/**
 * Counts and times every ARM request the operator sends, in the Azure SDK's pipeline after its retry policy, so
 * each attempt is one request as ARM sees it (a 429 retried by the SDK counts twice, once as 429). Labels are
 * bounded: the HTTP method, the resource type taken from the URL path and the status code, never a name or an id.
 * Token requests to Azure AD go through the credential's own pipeline and are not counted.
 */
public final class ArmMetricsPolicy implements HttpPipelinePolicy {

    public static final String REQUESTS = "lblab.arm.requests";
    public static final String REQUEST_DURATION = "lblab.arm.request.duration";
    public static final String THROTTLED = "lblab.arm.throttled.requests";
    /** The status_code of a request that got no answer (connection reset, timeout). */
    public static final String NO_ANSWER = "none";
    /** The resource_type of operation-status and operation-result polls. */
    public static final String OPERATION_STATUS = "operationStatus";

    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60)};

    private final MeterRegistry registry;

    public ArmMetricsPolicy(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        String method = context.getHttpRequest().getHttpMethod().name();
        String type = resourceType(context.getHttpRequest().getUrl().getPath());
        long started = System.nanoTime();
        return next.process()
                .doOnSuccess(response -> record(method, type, response == null ? NO_ANSWER
                        : String.valueOf(response.getStatusCode()), started))
                .doOnError(error -> record(method, type, NO_ANSWER, started));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        String method = context.getHttpRequest().getHttpMethod().name();
        String type = resourceType(context.getHttpRequest().getUrl().getPath());
        long started = System.nanoTime();
        try {
            HttpResponse response = next.processSync();
            record(method, type, String.valueOf(response.getStatusCode()), started);
            return response;
        } catch (RuntimeException e) {
            record(method, type, NO_ANSWER, started);
            throw e;
        }
    }

    private void record(String method, String type, String status, long started) {
        Counter.builder(REQUESTS)
                .description("ARM requests sent (each attempt of the SDK's retry policy), by method, resource type and status code")
                .tags("method", method, "resource_type", type, "status_code", status)
                .register(registry).increment();
        Timer.builder(REQUEST_DURATION)
                .description("ARM request latency, from sending the request to the response's headers")
                .tags("method", method, "resource_type", type)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        if ("429".equals(status)) {
            Counter.builder(THROTTLED)
                    .description("ARM requests answered 429 Too Many Requests")
                    .tags("method", method, "resource_type", type)
                    .register(registry).increment();
        }
    }

    /**
     * The ARM resource type a request's path addresses, in the simulator's and ARM's vocabulary:
     * {@code .../providers/Microsoft.Network/loadBalancers/x} → {@code Microsoft.Network/loadBalancers}, a child
     * {@code Microsoft.Network/virtualNetworks/subnets}, a group {@code Microsoft.Resources/resourceGroups}, a
     * group's resource list {@code Microsoft.Resources/resources}, operation polls {@value #OPERATION_STATUS};
     * anything else {@code other}. Known types get their canonical casing, so the label set stays bounded.
     */
    public static String resourceType(String path) {
        if (path == null) {
            return "other";
        }
        String[] s = java.util.Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toArray(String[]::new);
        int n = s.length;
        if (n < 2 || !is(s[0], "subscriptions")) {
            return "other";
        }
        if (n == 2) {
            return "Microsoft.Resources/subscriptions";
        }
        if (is(s[2], "operationresults")) {
            return OPERATION_STATUS;
        }
        if (is(s[2], "providers")) {
            // /subscriptions/{s}/providers/{ns}/locations/{l}/operations|operationResults/{id}
            if (n >= 8 && is(s[4], "locations") && (is(s[6], "operations") || is(s[6], "operationResults"))) {
                return OPERATION_STATUS;
            }
            return n >= 5 ? canonical(s[3], s[4], null) : "other";
        }
        if (!is(s[2], "resourceGroups")) {
            return "other";
        }
        if (n <= 4) {
            return "Microsoft.Resources/resourceGroups";
        }
        if (n == 5 && is(s[4], "resources")) {
            return "Microsoft.Resources/resources";
        }
        if (is(s[4], "providers") && n >= 7) {
            return canonical(s[5], s[6], n >= 9 ? s[8] : null);
        }
        return "other";
    }

    private static String canonical(String namespace, String type, String child) {
        ResourceKind kind = ResourceKind.fromArmType(namespace + "/" + type);
        String base = kind != null ? kind.armType() : namespace + "/" + type;
        return child == null ? base : base + "/" + child;
    }

    private static boolean is(String segment, String literal) {
        return segment.toLowerCase(Locale.ROOT).equals(literal.toLowerCase(Locale.ROOT));
    }
}
