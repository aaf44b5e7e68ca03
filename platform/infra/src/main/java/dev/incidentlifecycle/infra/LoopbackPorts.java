package dev.incidentlifecycle.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;

/** Ports on 127.0.0.1: everything started here listens on loopback only. */
public final class LoopbackPorts {

    public static final String HOST = "127.0.0.1";
    private static final int FIRST_CHOSEN = 20_000;
    private static final int EPHEMERAL_START = 32_768;
    private static final SecureRandom RANDOM = new SecureRandom();

    private LoopbackPorts() {
    }

    /** {@code port} itself, or a port free right now when it is 0. */
    public static int orFree(int port) {
        return port == 0 ? free() : port;
    }

    /**
     * A port nobody listens on right now (another process could still take it before we bind it), below Linux's
     * ephemeral range (32768 and up): a port the kernel hands out itself can be given, a moment later, to an outgoing
     * connection as its local port (the broker's own client of its controller took the broker's port that way), and
     * then the server cannot bind it.
     */
    public static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = FIRST_CHOSEN + RANDOM.nextInt(EPHEMERAL_START - FIRST_CHOSEN);
            if (isFree(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a message that says what to do when {@code port} is already taken. */
    public static void requireFree(int port, String what, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " for " + what + " is already taken on " + HOST
                    + ": stop whatever listens there, or choose another port with " + option + ".", e);
        }
    }
}
