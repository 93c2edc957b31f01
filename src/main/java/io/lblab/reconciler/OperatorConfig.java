package io.lblab.reconciler;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code lblab.operator.*}: how the reconciler paces itself. */
@ConfigMapping(prefix = "lblab.operator")
public interface OperatorConfig {

    /** How often a Ready lab is compared with Azure (one resource-list read per lab). */
    @WithDefault("10m")
    Duration driftInterval();

    /** Fraction of the drift interval added at random, so labs do not all check at once. */
    @WithDefault("0.1")
    double driftJitter();

    /** How soon to look again at a resource someone else's operation is changing. */
    @WithDefault("15s")
    Duration busyRecheck();

    /** First retry delay after a retryable Azure error; doubles per attempt, with jitter. */
    @WithDefault("5s")
    Duration initialBackoff();

    @WithDefault("5m")
    Duration maxBackoff();

    /** Reconcile only the labs labelled {@code lblab.io/shard=<this>}; unset: every lab (see {@link Shard}). */
    Optional<String> shard();

}
