package io.lblab.sim.resources;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Strictly increasing write timestamps, so every write moves {@code changedTime}. */
public final class Timestamps {
    private static Instant last = Instant.EPOCH;

    private Timestamps() {
    }

    public static synchronized Instant next() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (!now.isAfter(last)) {
            now = last.plus(1, ChronoUnit.MICROS);
        }
        last = now;
        return now;
    }
}
