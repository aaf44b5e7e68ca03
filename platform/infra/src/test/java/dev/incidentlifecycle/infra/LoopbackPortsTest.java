package dev.incidentlifecycle.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void a_free_port_is_below_the_ephemeral_range_and_can_be_bound() throws Exception {
        for (int i = 0; i < 20; i++) {
            int port = LoopbackPorts.free();
            assertThat(port).isBetween(20_000, 32_767);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(LoopbackPorts.HOST), port));
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
