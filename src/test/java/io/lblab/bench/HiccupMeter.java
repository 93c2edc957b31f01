package io.lblab.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Detects pauses of the whole process (GC, safepoints, the machine's other load): a thread that sleeps 5 ms in a
 * loop and notes by how much it overslept. At a time scale of 0.01 a 100 ms pause is 10 simulated seconds.
 */
final class HiccupMeter implements AutoCloseable {

    private static final long SLEEP_NANOS = 5_000_000;
    private final AtomicLong maxNanos = new AtomicLong();
    private final AtomicLong over100ms = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    HiccupMeter() {
        thread = new Thread(this::run, "bench-hiccup-meter");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            long before = System.nanoTime();
            try {
                Thread.sleep(SLEEP_NANOS / 1_000_000);
            } catch (InterruptedException e) {
                return;
            }
            long hiccup = System.nanoTime() - before - SLEEP_NANOS;
            maxNanos.accumulateAndGet(hiccup, Math::max);
            if (hiccup > 100_000_000) {
                over100ms.incrementAndGet();
            }
        }
    }

    /** Longest pause and number of pauses over 100 ms since the last call; resets both. */
    String takeSummary() {
        return String.format(java.util.Locale.ROOT, "longest process pause %d ms, %d pauses over 100 ms",
                maxNanos.getAndSet(0) / 1_000_000, over100ms.getAndSet(0));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
