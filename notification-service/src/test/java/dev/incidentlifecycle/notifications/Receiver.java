package dev.incidentlifecycle.notifications;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A real webhook receiver on loopback (the JDK's HTTP server): records every request it gets and answers each with
 * the next planned answer, or 204 once the plan is used up. It can be stopped and started again on the same port.
 */
public final class Receiver implements AutoCloseable {

    private final List<Request> received = new ArrayList<>();
    private final Deque<Answer> planned = new ArrayDeque<>();
    private int port;
    private HttpServer server;

    private Receiver() {
    }

    public static Receiver start() {
        Receiver receiver = new Receiver();
        receiver.listen(0);
        return receiver;
    }

    private void listen(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Answer answer;
            synchronized (this) {
                received.add(new Request(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        new String(body, StandardCharsets.UTF_8), Instant.now()));
                answer = planned.isEmpty() ? new Answer(204, Map.of()) : planned.poll();
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    /** The next requests are answered so, in order. */
    public synchronized Receiver answer(int status, Map<String, String> headers) {
        planned.add(new Answer(status, headers));
        return this;
    }

    public synchronized Receiver answer(int status) {
        return answer(status, Map.of());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public synchronized List<Request> received() {
        return List.copyOf(received);
    }

    public synchronized List<Request> receivedAt(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Stops listening: connections are refused until {@link #restart()}. */
    public void stop() {
        server.stop(0);
    }

    public void restart() {
        listen(port);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public record Request(String path, String webhookId, String timestamp, String signature, String body, Instant at) {
    }

    record Answer(int status, Map<String, String> headers) {
    }
}
