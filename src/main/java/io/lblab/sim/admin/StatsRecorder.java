package io.lblab.sim.admin;

import io.lblab.sim.SimulatorStats;
import io.lblab.sim.lro.Operation;
import io.lblab.sim.lro.OperationEngine;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/** Lock-free request counters behind {@code /_sim/stats}. */
public final class StatsRecorder {
    private final LongAdder requests = new LongAdder();
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> byType = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<SimulatorStats.UnansweredWrite> unanswered = new ConcurrentLinkedQueue<>();
    private final Map<String, SubscriptionCounters> bySubscription = new ConcurrentHashMap<>();

    /** The counters of one subscription. */
    private static final class SubscriptionCounters {
        final LongAdder requests = new LongAdder();
        final LongAdder reads = new LongAdder();
        final LongAdder writes = new LongAdder();
        final LongAdder throttled = new LongAdder();
        final LongAdder tooManyRequests = new LongAdder();

        SimulatorStats.SubscriptionStats snapshot() {
            return new SimulatorStats.SubscriptionStats(requests.sum(), reads.sum(), writes.sum(), throttled.sum(),
                    tooManyRequests.sum());
        }
    }

    /**
     * @param subscription the subscription the request was charged to; null when it failed authentication or named a
     *                     subscription the simulator does not serve (then it counts only in the totals)
     */
    public void record(String subscription, String method, String typeKey, String status, boolean write) {
        if (subscription != null) {
            SubscriptionCounters s = counters(subscription);
            s.requests.increment();
            (write ? s.writes : s.reads).increment();
            if ("429".equals(status)) {
                s.tooManyRequests.increment();
            }
        }
        requests.increment();
        (write ? writes : reads).increment();
        byMethod.computeIfAbsent(method, k -> new LongAdder()).increment();
        byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
        byType.computeIfAbsent(typeKey, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(method, k -> new LongAdder()).increment();
    }

    public void throttled(String subscription) {
        throttled.increment();
        counters(subscription).throttled.increment();
    }

    private SubscriptionCounters counters(String subscription) {
        return bySubscription.computeIfAbsent(subscription, k -> new SubscriptionCounters());
    }

    /** A write applied but not answered as such (an after-commit fault replaced its answer). */
    public void unanswered(SimulatorStats.UnansweredWrite write) {
        unanswered.add(write);
    }

    public SimulatorStats snapshot(OperationEngine engine) {
        Map<String, Map<String, Long>> types = new TreeMap<>();
        byType.forEach((type, methods) -> types.put(type, sum(methods)));
        List<SimulatorStats.InFlight> inFlight = new ArrayList<>();
        for (Operation op : engine.inFlight()) {
            inFlight.add(new SimulatorStats.InFlight(op.id(), op.resourceId().id(), op.typeKey(), op.method(),
                    DateTimeFormatter.ISO_INSTANT.format(op.startedAt())));
        }
        return new SimulatorStats(requests.sum(), reads.sum(), writes.sum(), sum(byMethod), types, sum(byStatus),
                throttled.sum(), inFlight, engine.maxConcurrent(), new TreeMap<>(engine.maxInFlightByType()),
                unanswered.size(), new ArrayList<>(unanswered), subscriptions());
    }

    private Map<String, SimulatorStats.SubscriptionStats> subscriptions() {
        Map<String, SimulatorStats.SubscriptionStats> out = new TreeMap<>();
        bySubscription.forEach((id, counters) -> out.put(id, counters.snapshot()));
        return out;
    }

    private static Map<String, Long> sum(Map<String, LongAdder> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void reset() {
        requests.reset();
        reads.reset();
        writes.reset();
        throttled.reset();
        byMethod.clear();
        byStatus.clear();
        byType.clear();
        unanswered.clear();
        bySubscription.clear();
    }
}
