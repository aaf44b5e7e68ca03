package dev.incidentlifecycle.notifications.delivery;

import dev.incidentlifecycle.notifications.NotificationSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import dev.incidentlifecycle.notifications.Blocking;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Sends one attempt of a delivery: resolves the target's host, refuses it when any address is not allowed
 * ({@link TargetAddresses}), and connects to the checked address (the {@code Host} header and TLS name stay the
 * URL's), so a name that resolves differently a moment later cannot redirect it. Redirects are not followed.
 */
@ApplicationScoped
public class WebhookSender {

    private final Vertx vertx;
    private final HttpClient client;
    private final TargetAddresses targets;
    private final Duration timeout;

    WebhookSender(Vertx vertx, NotificationSettings settings) {
        this.vertx = vertx;
        this.timeout = settings.delivery().timeout();
        this.targets = TargetAddresses.of(settings.targets());
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setForceSni(true)
                .setVerifyHost(true)
                .setMaxPoolSize(20));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Sends {@code body} to {@code targetUrl}, signed with {@code secrets}; never fails: every failure is an {@link Answer}. */
    public Uni<Answer> send(String targetUrl, String webhookId, List<String> secrets, String body, Instant now) {
        URI uri = URI.create(targetUrl);
        long timestamp = now.getEpochSecond();
        Context caller = vertx.getOrCreateContext();
        Uni<Answer> attempt = Blocking.run(vertx, () -> targets.resolve(uri.getHost()))
                .flatMap(address -> post(uri, address, webhookId, timestamp, WebhookSignature.header(secrets, webhookId, timestamp, body), body))
                .onFailure(TargetAddresses.Refused.class).recoverWithItem(e -> Answer.refused(e.getMessage()))
                .onFailure().recoverWithItem(e -> Answer.unreachable(e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        return Blocking.on(caller, attempt);
    }

    private Uni<Answer> post(URI uri, InetAddress address, String webhookId, long timestamp, String signature, String body) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(uri.getHost())
                .setPort(port)
                .setSsl(tls)
                .setURI(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "incident-lifecycle-notification-service")
                .putHeader("webhook-id", webhookId)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signature);
        var answer = client.request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(ignored -> Answer.of(response.statusCode(),
                        retryAfter(response.getHeader("retry-after")))));
        return Uni.createFrom().completionStage(answer.toCompletionStage())
                .ifNoItem().after(timeout).failWith(() -> new java.util.concurrent.TimeoutException("no answer within " + timeout));
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(Instant.now(), ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /**
     * What an attempt came to.
     *
     * @param statusCode the HTTP status, or null when there was none (refused, unreachable, timed out)
     * @param retryAfter the receiver's {@code Retry-After}, if any
     * @param error      what went wrong, or null on 2xx
     * @param retryable  whether trying again may succeed: timeouts, connection errors, 408, 429 and 5xx
     */
    public record Answer(Integer statusCode, Duration retryAfter, String error, boolean retryable) {

        static Answer of(int status, Duration retryAfter) {
            if (status >= 200 && status < 300) {
                return new Answer(status, null, null, false);
            }
            boolean retryable = status >= 500 || status == 408 || status == 429;
            return new Answer(status, retryable ? retryAfter : null, "HTTP " + status, retryable);
        }

        static Answer refused(String why) {
            return new Answer(null, null, "target refused: " + why, false);
        }

        static Answer unreachable(String why) {
            return new Answer(null, null, why, true);
        }

        public boolean delivered() {
            return error == null;
        }
    }
}
