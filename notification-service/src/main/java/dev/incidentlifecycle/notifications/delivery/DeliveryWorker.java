package dev.incidentlifecycle.notifications.delivery;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import dev.incidentlifecycle.eventstore.InOrder;
import dev.incidentlifecycle.eventstore.SqlRows;
import dev.incidentlifecycle.eventstore.UnitOfWork;
import dev.incidentlifecycle.eventstore.Timestamps;
import dev.incidentlifecycle.notifications.NotificationSettings;
import dev.incidentlifecycle.notifications.subscription.SubscriptionFormat;
import dev.incidentlifecycle.notifications.subscription.events.SubscriptionEvent;
import dev.incidentlifecycle.notifications.subscription.events.SubscriptionNotices;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends due deliveries, on every instance at once: each claims a batch with {@code FOR UPDATE SKIP LOCKED} and
 * leases it (moves its next attempt past the time the attempt can take) in a short transaction, sends outside any
 * transaction, then records each outcome. An instance that dies mid-send leaves its lease to run out: the delivery is
 * sent again, with the same {@code webhook-id} (at least once). A subscription whose attempts have all failed for
 * {@code disable-after} is disabled, with the reason on it, and {@code webhook.subscription-disabled} is appended to its
 * stream in that same transaction: the relay publishes it on {@code notification-events}, once, for whoever runs the
 * subscription's receiver to hear of it.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    /** The actor of what the worker records. */
    static final String ACTOR = "notification-service";

    private final Mutiny.SessionFactory sessions;
    private final EventStore events;
    private final WebhookSender sender;
    private final RetryPolicy retries;
    private final NotificationSettings.Delivery settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Counter disabled;

    DeliveryWorker(Mutiny.SessionFactory sessions, EventStore events, WebhookSender sender, NotificationSettings settings, Clock clock,
                   MeterRegistry meters) {
        this.sessions = sessions;
        this.events = events;
        this.sender = sender;
        this.settings = settings.delivery();
        this.retries = RetryPolicy.of(settings.delivery());
        this.clock = clock;
        this.meters = meters;
        this.disabled = Counter.builder("webhook_subscriptions_disabled").description("Subscriptions disabled after sustained failure")
                .register(meters);
    }

    @Scheduled(every = "${notification.delivery.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    Uni<Void> sendDue() {
        Instant now = clock.instant();
        return claim(now).flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<Uni<Attempt>> attempts = new ArrayList<>(claimed.size());
            for (Claimed delivery : claimed) {
                attempts.add(sender.send(delivery.targetUrl(), DeliveryRow.webhookId(delivery.id()), delivery.secrets(), delivery.body(), now)
                        .map(answer -> new Attempt(delivery, answer, clock.instant())));
            }
            return Uni.join().all(attempts).andFailFast().flatMap(this::record);
        }).onFailure().recoverWithUni(e -> {
            LOG.warnf("sending deliveries failed (%s); trying again at the next poll", e.toString());
            return Uni.createFrom().voidItem();
        });
    }

    /** Claims and leases a batch of due deliveries of active subscriptions, with their targets and signing secrets. */
    Uni<List<Claimed>> claim(Instant now) {
        Instant leaseEnd = now.plus(settings.timeout().multipliedBy(2)).plus(Duration.ofSeconds(5));
        return sessions.withTransaction(session -> session.createNativeQuery(
                        "update delivery d set next_attempt_at = cast(?1 as timestamptz) from webhook_subscription s "
                                + "where d.id in (select p.id from delivery p join webhook_subscription ps on ps.id = p.subscription_id "
                                + "where p.status = 'PENDING' and p.next_attempt_at <= cast(?2 as timestamptz) and ps.state = 'ACTIVE' "
                                + "order by p.next_attempt_at limit ?3 for update of p skip locked) and s.id = d.subscription_id "
                                + "returning d.id, d.subscription_id, s.target_url, d.body, d.attempts, d.retry_until", Object[].class)
                .setParameter(1, leaseEnd).setParameter(2, now).setParameter(3, settings.batchSize())
                .getResultList()
                .flatMap(rows -> rows.isEmpty() ? Uni.createFrom().item(List.<Claimed>of()) : withSecrets(session, rows, now)));
    }

    private static Uni<List<Claimed>> withSecrets(Mutiny.Session session, List<Object[]> rows, Instant now) {
        List<UUID> subscriptions = rows.stream().map(r -> (UUID) r[1]).distinct().toList();
        var query = session.createNativeQuery("select subscription_id, secret from webhook_secret where subscription_id in ("
                + SqlRows.list(subscriptions.size(), 2, "cast(? as uuid)") + ") and (retires_at is null or retires_at > cast(?1 as timestamptz)) "
                + "order by created_at desc", Object[].class).setParameter(1, now);
        for (int i = 0; i < subscriptions.size(); i++) {
            query.setParameter(i + 2, subscriptions.get(i));
        }
        return query.getResultList().map(secretRows -> {
            Map<UUID, List<String>> secrets = new HashMap<>();
            for (Object[] s : secretRows) {
                secrets.computeIfAbsent((UUID) s[0], k -> new ArrayList<>()).add((String) s[1]);
            }
            return rows.stream().map(r -> new Claimed((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                    ((Number) r[4]).intValue(), Timestamps.toInstant(r[5]), secrets.getOrDefault((UUID) r[1], List.of()))).toList();
        });
    }

    /**
     * Records what each attempt came to, in one transaction of the event store, and disables subscriptions that failed
     * too long. Run again from the start on a conflict: every update sets values computed from the claim, so twice is once.
     */
    private Uni<Void> record(List<Attempt> attempts) {
        return events.transact(CommandContext.by(ACTOR), work -> InOrder.each(attempts, attempt -> record(work, attempt)));
    }

    private Uni<Void> record(UnitOfWork work, Attempt attempt) {
        Mutiny.Session session = work.session();
        Claimed delivery = attempt.delivery();
        WebhookSender.Answer answer = attempt.answer();
        Instant at = attempt.at();
        int attempts = delivery.attempts() + 1;
        meters.counter("webhook_delivery_attempts", "outcome", answer.delivered() ? "delivered" : answer.retryable() ? "retry" : "failed")
                .increment();
        if (answer.delivered()) {
            return session.createNativeQuery("update delivery set status = 'DELIVERED', attempts = ?2, last_attempt_at = cast(?3 as timestamptz), "
                            + "last_status_code = ?4, last_error = null, delivered_at = cast(?3 as timestamptz), next_attempt_at = null where id = ?1")
                    .setParameter(1, delivery.id()).setParameter(2, attempts).setParameter(3, at).setParameter(4, answer.statusCode())
                    .executeUpdate()
                    .call(() -> session.createNativeQuery("update webhook_subscription set failing_since = null where id = ?1 and failing_since is not null")
                            .setParameter(1, delivery.subscriptionId()).executeUpdate())
                    .replaceWithVoid();
        }
        Instant retryUntil = delivery.retryUntil() != null ? delivery.retryUntil() : retries.retryUntil(at);
        Instant next = answer.retryable() ? retries.next(attempts, at, retryUntil, answer.retryAfter()) : null;
        String error = next == null && answer.retryable() ? answer.error() + "; retries ended after " + attempts + " attempts" : answer.error();
        return session.createNativeQuery("update delivery set status = ?2, attempts = ?3, last_attempt_at = cast(?4 as timestamptz), "
                        + "last_status_code = ?5, last_error = ?6, next_attempt_at = cast(?7 as timestamptz), retry_until = cast(?8 as timestamptz) where id = ?1")
                .setParameter(1, delivery.id()).setParameter(2, next == null ? DeliveryStatus.FAILED.name() : DeliveryStatus.PENDING.name())
                .setParameter(3, attempts).setParameter(4, at).setParameter(5, answer.statusCode()).setParameter(6, cut(error))
                .setParameter(7, next).setParameter(8, retryUntil)
                .executeUpdate()
                .call(() -> session.createNativeQuery("update webhook_subscription set failing_since = cast(?2 as timestamptz) "
                                + "where id = ?1 and failing_since is null")
                        .setParameter(1, delivery.subscriptionId()).setParameter(2, at).executeUpdate())
                .call(() -> disableIfFailingTooLong(work, delivery.subscriptionId(), at, error))
                .replaceWithVoid();
    }

    /** Disables the subscription when it has failed too long; only the update that disables it tells of it. */
    private Uni<Void> disableIfFailingTooLong(UnitOfWork work, UUID subscriptionId, Instant at, String lastError) {
        String reason = cut("every delivery failed for " + settings.disableAfter() + " (last: " + lastError + ")");
        return work.session().createNativeQuery("update webhook_subscription set state = 'DISABLED', disabled_reason = ?2, "
                        + "disabled_at = cast(?3 as timestamptz), updated_at = cast(?3 as timestamptz) "
                        + "where id = ?1 and state = 'ACTIVE' and failing_since <= cast(?4 as timestamptz) "
                        + "returning format, description, failing_since", Object[].class)
                .setParameter(1, subscriptionId).setParameter(2, reason).setParameter(3, at).setParameter(4, at.minus(settings.disableAfter()))
                .getResultList()
                .flatMap(disabledRows -> {
                    if (disabledRows.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Object[] row = disabledRows.get(0);
                    SubscriptionEvent event = new SubscriptionEvent.DisabledAutomatically(subscriptionId, SubscriptionFormat.valueOf((String) row[0]),
                            (String) row[1], reason, Timestamps.toInstant(row[2]), at);
                    return work.execute(SubscriptionNotices.TYPE, SubscriptionNotices.aggregateId(subscriptionId), ExpectedVersion.ANY,
                                    new SubscriptionNotices.Notify(event))
                            .invoke(() -> {
                                disabled.increment();
                                LOG.warnf("webhook subscription %s disabled: %s", subscriptionId, reason);
                            })
                            .replaceWithVoid();
                });
    }

    private static String cut(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }

    record Claimed(UUID id, UUID subscriptionId, String targetUrl, String body, int attempts, Instant retryUntil, List<String> secrets) {
    }

    record Attempt(Claimed delivery, WebhookSender.Answer answer, Instant at) {
    }
}
