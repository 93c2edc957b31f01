package io.lblab.sim;

import io.lblab.sim.arm.ArmRoute;
import io.lblab.sim.arm.ResourceId;
import io.lblab.sim.faults.FaultInjector;
import io.lblab.sim.lro.OperationTimings;
import io.lblab.sim.net.Cidr;
import io.lblab.sim.net.PrivateIpAllocator;
import io.lblab.sim.net.PublicIpPool;
import io.lblab.sim.throttle.TokenBucket;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Small pure pieces: addressing, allocation, timing tables, buckets, fault matching, routes. */
class InternalsTest {

    @Test
    void cidrParsingAndContainment() {
        Cidr vnet = Cidr.parse("10.1.0.0/16");
        assertThat(vnet.contains(Cidr.parse("10.1.1.0/24"))).isTrue();
        assertThat(vnet.contains(Cidr.parse("10.2.0.0/24"))).isFalse();
        assertThat(Cidr.parse("10.1.0.0/24").overlaps(Cidr.parse("10.1.0.128/25"))).isTrue();
        assertThat(Cidr.parse("10.1.0.0/25").overlaps(Cidr.parse("10.1.0.128/25"))).isFalse();
        assertThat(Cidr.parse("10.1.0.1/24")).as("host bits set").isNull();
        assertThat(Cidr.parse("10.1.0.0/33")).isNull();
        assertThat(Cidr.parse("banana")).isNull();
        assertThat(Cidr.parse("0.0.0.0/0").size()).isEqualTo(1L << 32);
    }

    @Test
    void privateAllocationStartsAtDotFourAndSkipsTheBroadcast() {
        Cidr subnet = Cidr.parse("10.1.0.0/29");
        assertThat(PrivateIpAllocator.allocate(subnet, Set.of())).isEqualTo("10.1.0.4");
        assertThat(PrivateIpAllocator.allocate(subnet, Set.of("10.1.0.4", "10.1.0.5"))).isEqualTo("10.1.0.6");
        assertThat(PrivateIpAllocator.allocate(subnet, Set.of("10.1.0.4", "10.1.0.5", "10.1.0.6"))).isNull();
    }

    @Test
    void publicAddressesAreDeterministicAndReused() {
        PublicIpPool pool = new PublicIpPool();
        assertThat(pool.allocate("a")).isEqualTo("203.0.113.1");
        assertThat(pool.allocate("b")).isEqualTo("203.0.113.2");
        assertThat(pool.allocate("a")).isEqualTo("203.0.113.1");
        pool.release("a");
        assertThat(pool.allocate("c")).isEqualTo("203.0.113.1");
        for (int i = 0; i < 253; i++) {
            pool.allocate("x" + i);
        }
        assertThat(pool.allocate("next")).isEqualTo("198.51.100.2");
    }

    @Test
    void timingsFollowTheProfileOverridesAndTimeScale() {
        OperationTimings realistic = new OperationTimings(LatencyProfile.REALISTIC, 0.01,
                Map.of("PUT Microsoft.Network/virtualNetworks", 7.0, "Microsoft.Compute/virtualMachines", 30.0));
        assertThat(realistic.simulatedSeconds("PUT", "Microsoft.Network/bastionHosts")).isEqualTo(600);
        assertThat(realistic.simulatedSeconds("PUT", "Microsoft.Network/virtualNetworks")).isEqualTo(7);
        assertThat(realistic.simulatedSeconds("DELETE", "Microsoft.Network/virtualNetworks")).isEqualTo(4);
        assertThat(realistic.simulatedSeconds("DELETE", "Microsoft.Compute/virtualMachines")).isEqualTo(30);
        assertThat(realistic.simulatedSeconds("PUT", "Microsoft.Network/loadBalancers/probes")).isEqualTo(3);
        assertThat(realistic.wallNanos(600)).isEqualTo(6_000_000_000L);
        OperationTimings instant = new OperationTimings(LatencyProfile.INSTANT, 1, Map.of());
        assertThat(instant.simulatedSeconds("PUT", "Microsoft.Network/bastionHosts")).isZero();
    }

    @Test
    void tokenBucketsRefillInSimulatedTime() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(2, 10, 0.01); // 1000 tokens per wall second
        assertThat(bucket.take().granted()).isTrue();
        assertThat(bucket.take().granted()).isTrue();
        TokenBucket.Take empty = bucket.take();
        if (!empty.granted()) {
            assertThat(empty.retryAfterSeconds()).isEqualTo(1);
        }
        Thread.sleep(5);
        assertThat(bucket.take().granted()).isTrue();
        TokenBucket slow = new TokenBucket(1, 1, 1);
        slow.take();
        assertThat(slow.take().retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void faultRulesMatchTypesAndMethodsWithWildcards() {
        FaultInjector injector = new FaultInjector(1);
        injector.add(FaultConfig.of(new FaultConfig.FaultRule("Microsoft.Network/*", "PUT", 0, 1, 0, 0, 0, null)));
        assertThat(injector.onRequest("Microsoft.Network/virtualNetworks", "PUT", "v"))
                .isEqualTo(FaultInjector.RequestFault.ERROR_500);
        assertThat(injector.onRequest("Microsoft.Network/virtualNetworks", "GET", "v"))
                .isEqualTo(FaultInjector.RequestFault.NONE);
        assertThat(injector.onRequest("Microsoft.Compute/virtualMachines", "PUT", "v"))
                .isEqualTo(FaultInjector.RequestFault.NONE);
        injector.add(FaultConfig.of(new FaultConfig.OneShotFault("*/bastionHosts", "*", "asyncFailure", 1, "B1",
                "Custom", "msg")));
        assertThat(injector.asyncFailure("Microsoft.Network/bastionHosts", "PUT", "other")).isNull();
        assertThat(injector.asyncFailure("Microsoft.Network/bastionHosts", "PUT", "b1").code()).isEqualTo("Custom");
        assertThat(injector.asyncFailure("Microsoft.Network/bastionHosts", "PUT", "b1")).isNull();
    }

    @Test
    void routesAndIdsParseCaseInsensitively() {
        ArmRoute child = ArmRoute.parse("/SUBSCRIPTIONS/s/resourcegroups/RG/providers/microsoft.network/"
                + "virtualNetworks/v/subnets/a");
        assertThat(child.kind()).isEqualTo(ArmRoute.Kind.CHILD);
        assertThat(child.group()).isEqualTo("RG");
        assertThat(child.childName()).isEqualTo("a");
        assertThat(ArmRoute.parse("/subscriptions/s/providers/Microsoft.Network/locations/eastus/operations/1")
                .kind()).isEqualTo(ArmRoute.Kind.OPERATION_STATUS);
        assertThat(ArmRoute.parse("/subscriptions/s/operationresults/1").kind())
                .isEqualTo(ArmRoute.Kind.GROUP_OPERATION_RESULT);
        ResourceId id = ResourceId.parse("/subscriptions/s/resourceGroups/RG/providers/Microsoft.Network/"
                + "loadBalancers/lb/backendAddressPools/p");
        assertThat(id.typeKey()).isEqualTo("Microsoft.Network/loadBalancers/backendAddressPools");
        assertThat(id.owner().key()).isEqualTo("/subscriptions/s/resourcegroups/rg/providers/microsoft.network/"
                + "loadbalancers/lb");
        assertThat(ResourceId.parse("/subscriptions/s/resourceGroups")).isNull();
    }
}
