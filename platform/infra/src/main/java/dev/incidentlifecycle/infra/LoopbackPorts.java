package dev.incidentlifecycle.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1: everything started here listens on loopback only. */
public final class LoopbackPorts {

    public static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** {@code port} itself, or a port free right now when it is 0. */
    public static int orFree(int port) {
        return port == 0 ? free() : port;
    }

    /** A port nobody listens on right now (another process could still take it before we bind it). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
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
