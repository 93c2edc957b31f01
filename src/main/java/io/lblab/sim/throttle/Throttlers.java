package io.lblab.sim.throttle;

import io.lblab.sim.SimulatorOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@link Throttler} per subscription, as ARM keeps its buckets per subscription (and principal: the
 * simulator has one). Requests naming no subscription ({@code GET /subscriptions}) are charged to the first.
 */
public final class Throttlers {
    private final Map<String, Throttler> bySubscription = new LinkedHashMap<>();
    private final Throttler first;

    public Throttlers(List<String> subscriptionIds, SimulatorOptions.Throttling settings, double timeScale) {
        for (String id : subscriptionIds) {
            bySubscription.put(id.toLowerCase(Locale.ROOT), new Throttler(settings, timeScale));
        }
        first = bySubscription.values().iterator().next();
    }

    /** The buckets of a served subscription (any casing), or the first subscription's for null. */
    public Throttler of(String subscriptionId) {
        if (subscriptionId == null) {
            return first;
        }
        Throttler t = bySubscription.get(subscriptionId.toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new IllegalArgumentException("not a served subscription: " + subscriptionId);
        }
        return t;
    }

    public void reset() {
        bySubscription.values().forEach(Throttler::reset);
    }
}
