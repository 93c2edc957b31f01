package io.lblab.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Feeds ARM's own throttling signal into the subscription's {@link WriteBudget}: the remaining-writes header of each
 * write's answer, and every 429 with its {@code Retry-After}. It sits after the SDK's retry policy, so it sees every
 * attempt, the retried ones included.
 */
public final class ArmPacingPolicy implements HttpPipelinePolicy {

    static final String REMAINING_WRITES = "x-ms-ratelimit-remaining-subscription-writes";

    private final WriteBudget budget;

    public ArmPacingPolicy(WriteBudget budget) {
        this.budget = budget;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        boolean write = switch (context.getHttpRequest().getHttpMethod()) {
            case PUT, PATCH, DELETE, POST -> true;
            default -> false;
        };
        return next.process().doOnNext(response -> observe(write, response));
    }

    private void observe(boolean write, HttpResponse response) {
        if (response.getStatusCode() == 429 && write) {
            budget.throttled(retryAfter(response.getHeaderValue("Retry-After")));
            return;
        }
        String remaining = response.getHeaderValue(REMAINING_WRITES);
        if (write && remaining != null) {
            try {
                budget.armRemaining(Long.parseLong(remaining.trim()));
            } catch (NumberFormatException ignored) {
                // a header we cannot read is no signal
            }
        }
    }

    private static Duration retryAfter(String header) {
        if (header != null) {
            try {
                return Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim())));
            } catch (NumberFormatException ignored) {
                // an HTTP-date or garbage: fall back to ARM's usual wait
            }
        }
        return Duration.ofSeconds(10);
    }
}
