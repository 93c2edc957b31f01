package io.lblab.azure;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class WriteBudgetTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void aBurstIsGrantedThenCallersAreToldHowLongToWait() {
        WriteBudget budget = new WriteBudget(3, 2, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(budget.tryAcquire()).isZero();
        }
        assertThat(budget.tryAcquire()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void tokensComeBackAtTheRefillRateUpToTheBurst() {
        WriteBudget budget = new WriteBudget(2, 10, now::get);
        budget.tryAcquire();
        budget.tryAcquire();
        now.addAndGet(Duration.ofMillis(100).toNanos());
        assertThat(budget.tryAcquire()).isZero();
        assertThat(budget.tryAcquire()).isPositive();
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(budget.tryAcquire()).isZero();
        assertThat(budget.tryAcquire()).isZero();
        assertThat(budget.tryAcquire()).isPositive();
    }

    @Test
    void armsRemainingCountCapsTheBucketSoASharedSubscriptionIsNotEmptied() {
        WriteBudget budget = new WriteBudget(150, 8, 0, 20, now::get);
        budget.armRemaining(190);
        assertThat(budget.available()).as("ARM has more than we would use").isEqualTo(150);
        budget.armRemaining(30);
        assertThat(budget.available()).as("another client used most of ARM's budget: leave it 20").isEqualTo(10);
        budget.armRemaining(15);
        assertThat(budget.tryAcquire()).as("below the headroom: wait").isPositive();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(budget.available()).as("then our own refill again, 8/s, until ARM says otherwise").isEqualTo(3);
        assertThat(budget.lastArmRemaining()).isEqualTo(15);
    }

    @Test
    void a429StopsEveryWriteUntilItsRetryAfter() {
        WriteBudget budget = new WriteBudget(150, 10, 5, 0, now::get);
        budget.throttled(Duration.ofSeconds(3));
        assertThat(budget.tryAcquire(WriteBudget.Priority.CRITICAL_PATH)).isEqualTo(Duration.ofSeconds(3));
        now.addAndGet(Duration.ofMillis(2900).toNanos());
        assertThat(budget.tryAcquire(WriteBudget.Priority.CRITICAL_PATH)).isPositive();
        now.addAndGet(Duration.ofMillis(100).toNanos());
        assertThat(budget.tryAcquire(WriteBudget.Priority.CRITICAL_PATH)).isZero();
    }

    @Test
    void theLastTokensGoToTheCriticalPath() {
        WriteBudget budget = new WriteBudget(6, 1, 3, 0, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(budget.tryAcquire()).isZero();
        }
        assertThat(budget.tryAcquire()).as("three tokens left, kept for the critical path").isEqualTo(Duration.ofSeconds(1));
        assertThat(budget.available()).isZero();
        assertThat(budget.tokens()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(budget.tryAcquire(WriteBudget.Priority.CRITICAL_PATH)).isZero();
        }
        assertThat(budget.tryAcquire(WriteBudget.Priority.CRITICAL_PATH)).isEqualTo(Duration.ofSeconds(1));
        assertThat(budget.tryAcquire()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aCriticalWriteThatFoundTheBucketEmptyIsServedBeforeOtherLabsNormalWrites() {
        WriteBudget budget = new WriteBudget(4, 1, 0, 0, now::get);
        for (int i = 0; i < 4; i++) {
            budget.tryAcquire();
        }
        assertThat(budget.tryAcquire(WriteBudget.Priority.CRITICAL_PATH, "lab-a/bastion")).as("empty").isEqualTo(Duration.ofSeconds(1));
        budget.awaitCritical("lab-b/virtual-network");
        assertThat(budget.criticalWaiting()).isEqualTo(2);

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(budget.tryAcquire()).as("two tokens back, both owed to the waiting critical writes").isEqualTo(Duration.ofSeconds(1));
        assertThat(budget.available()).isZero();
        assertThat(budget.untilNext(WriteBudget.Priority.CRITICAL_PATH)).isZero();
        assertThat(budget.tryAcquire(WriteBudget.Priority.CRITICAL_PATH, "lab-a/bastion")).isZero();
        assertThat(budget.tryAcquire(WriteBudget.Priority.CRITICAL_PATH, "lab-b/virtual-network")).isZero();
        assertThat(budget.criticalWaiting()).isZero();

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(budget.tryAcquire()).as("nobody waits on the critical path: normal writes again").isZero();
    }

    @Test
    void aWaitingCriticalWriteThatNeverComesBackStopsHoldingTokens() {
        WriteBudget budget = new WriteBudget(5, 1, 0, 0, now::get);
        budget.awaitCritical("deleted-lab/bastion");
        assertThat(budget.available()).isEqualTo(4);
        now.addAndGet(WriteBudget.CRITICAL_WAIT_EXPIRY.plusSeconds(1).toNanos());
        assertThat(budget.available()).isEqualTo(5);
    }

    @Test
    void refusedCallersAreGivenTurnsOneRefillIntervalApartNotAllTheNextToken() {
        WriteBudget budget = new WriteBudget(1, 10, now::get);
        assertThat(budget.tryAcquire()).isZero();
        assertThat(budget.nextTurn(WriteBudget.Priority.NORMAL)).isEqualTo(Duration.ofMillis(100));
        assertThat(budget.nextTurn(WriteBudget.Priority.NORMAL)).isEqualTo(Duration.ofMillis(200));
        assertThat(budget.nextTurn(WriteBudget.Priority.NORMAL)).isEqualTo(Duration.ofMillis(300));
        assertThat(budget.nextTurn(WriteBudget.Priority.CRITICAL_PATH)).as("the critical path has its own queue")
                .isEqualTo(Duration.ofMillis(100));

        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(budget.nextTurn(WriteBudget.Priority.NORMAL)).as("nobody queued any more: now").isZero();
    }

    @Test
    void aFullBucketServesANormalWriteEvenWhileMoreCriticalWritesWaitThanItHolds() {
        WriteBudget budget = new WriteBudget(3, 1, 1, 0, now::get);
        for (int i = 0; i < 5; i++) {
            budget.awaitCritical("lab-" + i + "/bastion");
        }
        assertThat(budget.tryAcquire()).as("full: the refill would be lost").isZero();
        assertThat(budget.tryAcquire()).as("no longer full: kept for the critical path").isPositive();
        assertThat(budget.tryAcquire(WriteBudget.Priority.CRITICAL_PATH, "lab-0/bastion")).isZero();
    }

    @Test
    void reservationsGoIntoDebtAndGiveEachWaitingCallerItsOwnTurn() {
        WriteBudget budget = new WriteBudget(1, 10, now::get);
        assertThat(budget.reserve()).isZero();
        assertThat(budget.reserve()).isEqualTo(Duration.ofMillis(100));
        assertThat(budget.reserve()).isEqualTo(Duration.ofMillis(200));
        now.addAndGet(Duration.ofMillis(300).toNanos());
        assertThat(budget.reserve()).as("the two in debt have had their turns").isZero();
    }
}
