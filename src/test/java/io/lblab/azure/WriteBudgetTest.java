package io.lblab.azure;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WriteBudgetTest {

    @Test
    void aBurstIsGrantedThenCallersAreToldHowLongToWait() {
        WriteBudget budget = new WriteBudget(3, 2);
        for (int i = 0; i < 3; i++) {
            assertThat(budget.tryAcquire()).isZero();
        }
        Duration wait = budget.tryAcquire();
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void tokensComeBackAtTheRefillRate() throws InterruptedException {
        WriteBudget budget = new WriteBudget(1, 1000);
        assertThat(budget.tryAcquire()).isZero();
        Thread.sleep(5);
        assertThat(budget.tryAcquire()).isZero();
    }
}
