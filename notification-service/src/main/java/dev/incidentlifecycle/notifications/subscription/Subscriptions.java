package dev.incidentlifecycle.notifications.subscription;

import dev.incidentlifecycle.notifications.delivery.WebhookSignature;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The subscriptions and their secrets in the database. */
@ApplicationScoped
public class Subscriptions {

    private final Mutiny.SessionFactory sessions;
    private final Clock clock;

    Subscriptions(Mutiny.SessionFactory sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The subscriptions events are matched against, read in the consumer's transaction. */
    public Uni<List<Subscription>> active(Mutiny.Session session) {
        return session.createSelectionQuery("from SubscriptionRow s where s.state = :state", SubscriptionRow.class)
                .setParameter("state", SubscriptionState.ACTIVE)
                .getResultList()
                .map(rows -> rows.stream().map(SubscriptionRow::subscription).toList());
    }

    /** Stores a new subscription with a new secret; answers both (the secret is shown this once). */
    public Uni<Created> create(NewSubscription request) {
        Instant now = clock.instant();
        SubscriptionRow row = new SubscriptionRow();
        row.id = UUID.randomUUID();
        row.targetUrl = request.targetUrl();
        row.format = request.format();
        row.eventTypes = SubscriptionRow.eventTypesJson(request.eventTypes());
        row.description = request.description();
        row.filterService = request.filter().service();
        row.filterTeam = request.filter().team();
        row.filterSeverity = request.filter().severity();
        row.state = SubscriptionState.ACTIVE;
        row.createdAt = now;
        row.updatedAt = now;
        String secret = WebhookSignature.newSecret();
        return sessions.withTransaction(session -> session.persist(row)
                .call(session::flush)
                .call(() -> addSecret(session, row.id, secret, now))
                .replaceWith(new Created(row, secret)));
    }

    public Uni<SubscriptionRow> find(UUID id) {
        return sessions.withSession(session -> session.find(SubscriptionRow.class, id));
    }

    public Uni<Page<SubscriptionRow>> list(SubscriptionState state, PageRequest page) {
        String from = state == null ? "from SubscriptionRow s" : "from SubscriptionRow s where s.state = :state";
        Map<String, Object> parameters = state == null ? Map.of() : Map.of("state", state);
        return sessions.withSession(session -> page.read(session, SubscriptionRow.class, from, "s.createdAt desc, s.id", parameters));
    }

    /** Deletes the subscription with its secrets and delivery log; false when there was none. */
    public Uni<Boolean> delete(UUID id) {
        return sessions.withTransaction(session -> session.createMutationQuery("delete from SubscriptionRow s where s.id = :id")
                .setParameter("id", id).executeUpdate().map(deleted -> deleted > 0));
    }

    /**
     * A new secret for the subscription: the ones in use keep signing for {@code overlap} (both sign meanwhile),
     * then retire. Null when there is no such subscription.
     */
    public Uni<Rotated> rotate(UUID id, Duration overlap) {
        Instant now = clock.instant();
        Instant retiresAt = now.plus(overlap);
        String secret = WebhookSignature.newSecret();
        return sessions.withTransaction(session -> session.find(SubscriptionRow.class, id).flatMap(row -> {
            if (row == null) {
                return Uni.createFrom().nullItem();
            }
            return session.createNativeQuery("update webhook_secret set retires_at = cast(?2 as timestamptz) "
                            + "where subscription_id = ?1 and (retires_at is null or retires_at > cast(?2 as timestamptz))")
                    .setParameter(1, id).setParameter(2, retiresAt).executeUpdate()
                    .call(() -> addSecret(session, id, secret, now))
                    .replaceWith(new Rotated(secret, retiresAt));
        }));
    }

    /** Enables a disabled subscription: what was recorded for it before it was disabled is sent again from now. */
    public Uni<SubscriptionRow> enable(UUID id) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.find(SubscriptionRow.class, id).flatMap(row -> {
            if (row == null || row.state == SubscriptionState.ACTIVE) {
                return Uni.createFrom().item(row);
            }
            row.state = SubscriptionState.ACTIVE;
            row.disabledReason = null;
            row.disabledAt = null;
            row.failingSince = null;
            row.updatedAt = now;
            return session.flush().replaceWith(row);
        }));
    }

    /** Disables a subscription now, with the reason shown on it. */
    public Uni<SubscriptionRow> disable(UUID id, String reason) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.find(SubscriptionRow.class, id).flatMap(row -> {
            if (row == null || row.state == SubscriptionState.DISABLED) {
                return Uni.createFrom().item(row);
            }
            row.state = SubscriptionState.DISABLED;
            row.disabledReason = reason;
            row.disabledAt = now;
            row.updatedAt = now;
            return session.flush().replaceWith(row);
        }));
    }

    private static Uni<Integer> addSecret(Mutiny.Session session, UUID id, String secret, Instant now) {
        return session.createNativeQuery("insert into webhook_secret (subscription_id, secret, created_at) values (?1, ?2, cast(?3 as timestamptz))")
                .setParameter(1, id).setParameter(2, secret).setParameter(3, now).executeUpdate();
    }

    /** A subscription as requested, already checked. */
    public record NewSubscription(String targetUrl, SubscriptionFormat format, java.util.Set<String> eventTypes,
                                  EventFilter filter, String description) {
    }

    public record Created(SubscriptionRow subscription, String secret) {
    }

    public record Rotated(String secret, Instant previousSecretsRetireAt) {
    }
}
