package io.lblab.sim;

import java.util.List;
import java.util.Map;

/**
 * Counters of ARM requests (not token or admin requests), mirroring {@code GET /_sim/stats}.
 * Reads are GET/HEAD (operation polls included), writes PUT/PATCH/POST/DELETE. {@code byType}
 * keys are {@code Namespace/type} (children {@code Microsoft.Network/virtualNetworks/subnets},
 * groups {@code Microsoft.Resources/resourceGroups}, polls {@code operations}); {@code byStatus}
 * keys are status codes, or {@code reset} for injected connection resets; {@code throttled}
 * counts 429s from the token buckets (injected 429s only appear in {@code byStatus}).
 */
public record SimulatorStats(long requests, long reads, long writes, Map<String, Long> byMethod,
                             Map<String, Map<String, Long>> byType, Map<String, Long> byStatus, long throttled,
                             List<InFlight> inFlight, int maxConcurrentInFlight, Map<String, Integer> maxInFlightByType) {

    /** A running long-running operation. */
    public record InFlight(String operationId, String resourceId, String resourceType, String method,
                           String startedAt) {
    }
}
