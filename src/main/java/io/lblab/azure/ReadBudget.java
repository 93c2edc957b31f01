package io.lblab.azure;

import java.time.Duration;

/**
 * ARM's read budget of one subscription, kept by the operator as it keeps the writes' ({@link WriteBudget}): a token
 * bucket capped by ARM's {@code x-ms-ratelimit-remaining-subscription-reads} minus a headroom, in debt after a 429.
 * Reads have no critical path: polls, final GETs and looks at a resource group all wait alike. A hundred Bastions that
 * finish together make some three hundred reads at once (each lab's last poll, the resource's GET, a look at its
 * group); without this they ran into ARM's read limit and the SDK's retries, a second apart, into it again.
 */
public final class ReadBudget implements ArmBudgetSignal {

    private final WriteBudget bucket;

    public ReadBudget(int burst, double perSecond, int armHeadroom) {
        this.bucket = new WriteBudget(burst, perSecond, 0, armHeadroom);
    }

    /**
     * Takes the next read's token, in debt if the bucket is empty, and returns how long the read must wait first: each
     * waiting read has its own turn (a thousand labs' polls that found it empty had all woken at the next token).
     */
    public Duration reserve() {
        return bucket.reserve();
    }

    @Override
    public void armRemaining(long remaining) {
        bucket.armRemaining(remaining);
    }

    @Override
    public void throttled(Duration retryAfter) {
        bucket.throttled(retryAfter);
    }

    /** Whole tokens in the bucket. */
    public int tokens() {
        return bucket.tokens();
    }
}
