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
}
