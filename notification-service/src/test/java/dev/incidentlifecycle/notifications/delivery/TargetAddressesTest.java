package dev.incidentlifecycle.notifications.delivery;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetAddressesTest {

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void loopback_link_local_private_and_other_non_public_addresses_are_refused_by_default() {
        TargetAddresses guard = new TargetAddresses(false, false);
        for (String refused : new String[]{"127.0.0.1", "127.1.2.3", "::1", "169.254.169.254", "fe80::1", "10.0.0.1", "172.16.5.4",
                "192.168.1.1", "100.64.0.1", "0.0.0.0", "::", "fd00::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "224.0.0.1", "255.255.255.255"}) {
            assertThat(guard.refusal(ip(refused))).as(refused).isNotNull();
        }
        for (String allowed : new String[]{"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "172.32.0.1"}) {
            assertThat(guard.refusal(ip(allowed))).as(allowed).isNull();
        }
    }

    @Test
    void configuration_can_allow_loopback_alone_or_private_addresses_too() {
        TargetAddresses loopback = new TargetAddresses(true, false);
        assertThat(loopback.refusal(ip("127.0.0.1"))).isNull();
        assertThat(loopback.refusal(ip("::1"))).isNull();
        assertThat(loopback.refusal(ip("10.0.0.1"))).isNotNull();
        assertThat(loopback.refusal(ip("169.254.169.254"))).isNotNull();
        TargetAddresses everything = new TargetAddresses(true, true);
        assertThat(everything.refusal(ip("10.0.0.1"))).isNull();
    }

    @Test
    void a_name_is_judged_by_every_address_it_resolves_to_when_the_attempt_is_made() {
        TargetAddresses guard = new TargetAddresses(false, false);
        assertThatThrownBy(() -> guard.resolve("localhost")).isInstanceOf(TargetAddresses.Refused.class)
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.resolve("no-such-host.invalid")).isInstanceOf(TargetAddresses.Refused.class)
                .hasMessageContaining("does not resolve");
        assertThat(new TargetAddresses(true, false).resolve("localhost").isLoopbackAddress()).isTrue();
    }
}
