package io.lblab.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Paces the subscription's requests by ARM's own throttling signal. Writes: the remaining-writes header of each answer
 * and every 429 with its {@code Retry-After} feed the {@link WriteBudget} (which the planner consults before writing).
 * Reads: each takes its turn in the {@link ReadBudget} and waits for it before it is sent (a delay on the reactive
 * chain, no thread held), and the remaining-reads header and 429s feed that budget. It sits after the SDK's retry policy, so it sees
 * every attempt, the retried ones included.
 */
public final class ArmPacingPolicy implements HttpPipelinePolicy {

    static final String REMAINING_WRITES = "x-ms-ratelimit-remaining-subscription-writes";
    static final String REMAINING_READS = "x-ms-ratelimit-remaining-subscription-reads";

    private final WriteBudget writes;
    private final ReadBudget reads;

    public ArmPacingPolicy(WriteBudget writes, ReadBudget reads) {
        this.writes = writes;
        this.reads = reads;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        boolean write = switch (context.getHttpRequest().getHttpMethod()) {
            case PUT, PATCH, DELETE, POST -> true;
            default -> false;
        };
        // deferred: the policies after this one (and some HTTP clients) start the request when called, not when subscribed
        Mono<HttpResponse> send = Mono.defer(() -> next.process()).doOnNext(response -> observe(write, response));
        if (write) {
            return send;
        }
        return Mono.defer(() -> {
            Duration wait = reads.reserve();
            return wait.isZero() ? send : Mono.delay(wait).then(send);
        });
    }

    private void observe(boolean write, HttpResponse response) {
        ArmBudgetSignal budget = write ? writes : reads;
        if (response.getStatusCode() == 429) {
            budget.throttled(retryAfter(response.getHeaderValue("Retry-After")));
            return;
        }
        Long remaining = number(response.getHeaderValue(write ? REMAINING_WRITES : REMAINING_READS));
        if (remaining != null) {
            budget.armRemaining(remaining);
        }
    }

    private static Long number(String header) {
        try {
            return header == null ? null : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            // a header we cannot read is no signal
            return null;
        }
    }

    private static Duration retryAfter(String header) {
        Long seconds = number(header);
        // an HTTP-date or garbage: fall back to ARM's usual wait
        return seconds == null ? Duration.ofSeconds(10) : Duration.ofSeconds(Math.max(1, seconds));
    }
}
