package io.lblab.reconciler;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTest {

    @Test
    void unshardedReconcilesEveryLabUnderTheDeploymentsLease() {
        for (Optional<String> none : java.util.List.of(Optional.<String>empty(), Optional.of(""), Optional.of("  "))) {
            Shard shard = new Shard(none);
            assertThat(shard.labelSelector()).isEmpty();
            assertThat(shard.leaseName("lblab-operator")).isEqualTo("lblab-operator");
        }
    }

    @Test
    void aShardSelectsItsLabelAndHasItsOwnLease() {
        Shard shard = new Shard(Optional.of("eu-West.1"));
        assertThat(shard.labelSelector()).contains("lblab.io/shard=eu-West.1");
        assertThat(shard.leaseName("lblab-operator")).as("Lease names are DNS subdomains: lower case")
                .isEqualTo("lblab-operator-eu-west.1");
    }

    @Test
    void aShardThatIsNoLabelValueStopsTheOperatorWithTheReason() {
        assertThatThrownBy(() -> new Shard(Optional.of("a,b")))
                .hasMessageContaining("lblab.operator.shard=a,b is not a valid label value");
        assertThatThrownBy(() -> new Shard(Optional.of("-a")))
                .hasMessageContaining("not a valid label value");
    }
}
