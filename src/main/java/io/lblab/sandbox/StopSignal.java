package io.lblab.sandbox;

import sun.misc.Signal;

import java.util.concurrent.CountDownLatch;

/**
 * Ctrl-C (or SIGTERM) for {@code sandbox --keep}: taken over from Quarkus, which would stop the operator at once,
 * so that the labs can still be deleted through the running operator before the process exits.
 */
final class StopSignal {

    private StopSignal() {
    }

    static void await() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        stop.await();
    }
}
