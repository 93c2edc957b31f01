package io.lblab.sim;

import java.util.List;
import java.util.Map;

/**
 * Counters of ARM requests (not token or admin requests), mirroring {@code GET /_sim/stats}.
 * Reads are GET/HEAD (operation polls included), writes PUT/PATCH/POST/DELETE. {@code byType}
 * keys are {@code Namespace/type} (children {@code Microsoft.Network/virtualNetworks/subnets},
 * groups {@code Microsoft.Resources/resourceGroups}, polls {@code operations}); {@code byStatus}
 * keys are status codes, or {@code reset} for injected connection resets; {@code throttled}
 * counts 429s from the token buckets (injected 429s only appear in {@code byStatus}). {@code unanswered} counts
 * the writes that were applied but whose answer an after-commit fault replaced, {@code unansweredWrites} lists
 * them (oldest first). {@code bySubscription} has the counters of each subscription that was sent a request, by
 * its id (requests naming none, {@code GET /subscriptions}, count under the first subscription, whose buckets they
 * take from; requests refused before the subscription was known, 401 and 404 {@code SubscriptionNotFound}, only in
 * the totals).
 */
public record SimulatorStats(long requests, long reads, long writes, Map<String, Long> byMethod,
                             Map<String, Map<String, Long>> byType, Map<String, Long> byStatus, long throttled,
                             List<InFlight> inFlight, int maxConcurrentInFlight, Map<String, Integer> maxInFlightByType,
                             long unanswered, List<UnansweredWrite> unansweredWrites,
                             Map<String, SubscriptionStats> bySubscription) {

    /**
     * One subscription's requests: {@code throttled} counts 429s from its own token buckets,
     * {@code tooManyRequests} every 429 answered for it (injected ones included).
     */
    public record SubscriptionStats(long requests, long reads, long writes, long throttled, long tooManyRequests) {
    }

    /** A running long-running operation. */
    public record InFlight(String operationId, String resourceId, String resourceType, String method,
                           String startedAt) {
    }

    /**
     * A write that was applied (stored, its operation started) and never answered as such.
     *
     * @param resourceId  the written resource, group or child
     * @param status      the status the write would have been answered with (200, 201, 202)
     * @param fault       {@code afterCommitReset}, {@code afterCommit500}, {@code afterCommit502},
     *                    {@code afterCommit504} or {@code afterCommitTimeout}
     * @param operationId the operation the write started, or null (synchronous writes: resource-group PUT, PATCH)
     * @param at          wall-clock ISO-8601 instant of the write
     */
    public record UnansweredWrite(String method, String resourceId, String resourceType, int status, String fault,
                                  String operationId, String at) {
    }
}
