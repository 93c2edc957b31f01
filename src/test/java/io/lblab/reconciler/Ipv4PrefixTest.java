package io.lblab.reconciler;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The prefix arithmetic behind the subnet checks. */
class Ipv4PrefixTest {

    @Test
    void parseKeepsTheNetworkAndLength() {
        assertThat(Ipv4Prefix.parse("10.1.0.0/16")).isEqualTo(new Ipv4Prefix(0x0A010000L, 16));
        assertThat(Ipv4Prefix.parse("255.255.255.255/32")).isEqualTo(new Ipv4Prefix(0xFFFFFFFFL, 32));
        assertThat(Ipv4Prefix.parse("0.0.0.0/0")).isEqualTo(new Ipv4Prefix(0, 0));
        // host bits are masked off
        assertThat(Ipv4Prefix.parse("10.1.2.3/16")).isEqualTo(Ipv4Prefix.parse("10.1.0.0/16"));
    }

    @Test
    void containsNeedsTheSameNetworkAndALongerOrEqualPrefix() {
        Ipv4Prefix space = Ipv4Prefix.parse("10.1.0.0/16");
        assertThat(space.contains(Ipv4Prefix.parse("10.1.0.0/24"))).isTrue();
        assertThat(space.contains(Ipv4Prefix.parse("10.1.255.192/26"))).isTrue();
        assertThat(space.contains(space)).isTrue();
        assertThat(space.contains(Ipv4Prefix.parse("10.2.0.0/24"))).isFalse();
        assertThat(space.contains(Ipv4Prefix.parse("10.0.0.0/8"))).isFalse();
        assertThat(Ipv4Prefix.parse("10.0.0.0/16").contains(Ipv4Prefix.parse("10.0.0.0/8"))).isFalse();
        assertThat(Ipv4Prefix.parse("0.0.0.0/0").contains(Ipv4Prefix.parse("192.168.1.0/24"))).isTrue();
    }

    @Test
    void overlapsEitherWay() {
        Ipv4Prefix backend = Ipv4Prefix.parse("10.1.0.0/24");
        assertThat(backend.overlaps(Ipv4Prefix.parse("10.1.0.64/26"))).isTrue();
        assertThat(Ipv4Prefix.parse("10.1.0.0/23").overlaps(backend)).isTrue();
        assertThat(backend.overlaps(Ipv4Prefix.parse("10.1.1.0/24"))).isFalse();
        assertThat(backend.overlaps(Ipv4Prefix.parse("10.1.1.0/26"))).isFalse();
    }
}
