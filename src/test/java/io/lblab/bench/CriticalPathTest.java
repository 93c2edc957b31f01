package io.lblab.bench;

import io.lblab.api.BastionSpec;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.Mode;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.BlueprintInputs;
import io.lblab.blueprint.Blueprints;
import io.lblab.blueprint.Steps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CriticalPathTest {

    /** Fixed durations so the test pins the algorithm, not the simulator's profile. */
    static final PutDurations FIXED = type -> Map.of(
            "microsoft.resources/resourcegroups", 0.0,
            "microsoft.network/virtualnetworks", 4.0,
            "microsoft.network/publicipaddresses", 3.0,
            "microsoft.network/bastionhosts", 600.0,
            "microsoft.network/networksecuritygroups", 2.0,
            "microsoft.network/networkinterfaces", 3.0,
            "microsoft.network/loadbalancers", 4.0,
            "microsoft.compute/virtualmachines", 90.0).get(type.toLowerCase(java.util.Locale.ROOT));

    static Blueprint blueprint(Mode mode, boolean bastion) {
        LoadBalancerLabSpec defaults = LoadBalancerLabSpec.of(mode);
        LoadBalancerLabSpec spec = new LoadBalancerLabSpec(mode, null, null, null, null, new BastionSpec(bastion), null,
                null, null, null, null, null);
        assertThat(spec.backends()).isEqualTo(defaults.backends());
        return Blueprints.of(new BlueprintInputs("bench", "lab", "uid-1", "00000000-0000-0000-0000-000000000000", spec, "pw"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void withBastionThePathIsGroupVnetBastion(Mode mode) {
        CriticalPath path = CriticalPath.of(blueprint(mode, true), FIXED);
        assertThat(path.steps()).containsExactly(Steps.RESOURCE_GROUP, Steps.VIRTUAL_NETWORK, Steps.BASTION_HOST);
        assertThat(path.seconds()).isCloseTo(604, within(1e-9));
    }

    @Test
    void publicWithoutBastionRunsThroughIpLoadBalancerNicAndVm() {
        CriticalPath path = CriticalPath.of(blueprint(Mode.Public, false), FIXED);
        assertThat(path.steps()).containsExactly(Steps.RESOURCE_GROUP, Steps.LB_PUBLIC_IP, Steps.LOAD_BALANCER,
                Steps.backendNic(1), Steps.backendVm(1));
        assertThat(path.seconds()).isCloseTo(3 + 4 + 3 + 90, within(1e-9));
    }

    @Test
    void internalWithoutBastionRunsThroughVnetLoadBalancerNicAndVm() {
        CriticalPath path = CriticalPath.of(blueprint(Mode.Internal, false), FIXED);
        assertThat(path.steps()).containsExactly(Steps.RESOURCE_GROUP, Steps.VIRTUAL_NETWORK, Steps.LOAD_BALANCER,
                Steps.backendNic(1), Steps.backendVm(1));
        assertThat(path.seconds()).isCloseTo(4 + 4 + 3 + 90, within(1e-9));
    }

    @Test
    void theResourceGroupsOwnDurationCounts() {
        PutDurations slowGroup = type -> type.equalsIgnoreCase(PutDurations.RESOURCE_GROUP_TYPE) ? 7 : FIXED.seconds(type);
        assertThat(CriticalPath.of(blueprint(Mode.Public, true), slowGroup).seconds()).isCloseTo(611, within(1e-9));
    }

    @Test
    void scaleBoundIsTheLargerOfPathAndWriteBudget() {
        assertThat(ScaleBound.writeBudgetSeconds(150, 200, 10)).isZero();
        assertThat(ScaleBound.writeBudgetSeconds(200, 200, 10)).isZero();
        assertThat(ScaleBound.writeBudgetSeconds(1400, 200, 10)).isCloseTo(120, within(1e-9));
        // 100 labs of 14 writes: the budget needs 120 s, Bastion's path 604 s
        assertThat(ScaleBound.seconds(604, 100, 14, 200, 10)).isCloseTo(604, within(1e-9));
        // 1000 labs: 14 000 writes, (14 000 − 200) ÷ 10 = 1380 s
        assertThat(ScaleBound.seconds(604, 1000, 14, 200, 10)).isCloseTo(1380, within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void defaultLabsWriteFourteenResourcesIncludingTheGroup(Mode mode) {
        assertThat(blueprint(mode, true).stepCount()).isEqualTo(14);
    }
}
