package dev.incidentlifecycle.reviews.calendar.feed;

import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.reviews.config.PublicLinks;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * People's calendar feeds ({@code calendar_feed}).
 * A feed's secret grants reading its owner's review meetings and nothing else; revoking deletes it, so it stops
 * working at once.
 */
@ApplicationScoped
public class CalendarFeeds {

    /** The most feeds one person may have at a time (one per calendar app or device is plenty). */
    public static final int MAX_PER_PERSON = 20;

    private final Pool pool;
    private final PublicLinks links;

    CalendarFeeds(Pool pool, PublicLinks links) {
        this.pool = pool;
        this.links = links;
    }

    /** The URL a calendar app subscribes to: the secret is in it, since the app sends no Authorization header. */
    URI urlOf(FeedToken token) {
        return links.path("/calendar/feeds/" + token.value() + ".ics");
    }

    /** A new feed of {@code owner}'s meetings, with its URL (the only time it is shown). */
    public Uni<CalendarFeed> create(String owner, Instant at) {
        UUID id = UUID.randomUUID();
        FeedToken token = FeedToken.generate();
        return pool.withTransaction(sql -> sql
                        // One person's creations are serialised, so that concurrent ones cannot pass the bound together.
                        .preparedQuery("select pg_advisory_xact_lock(hashtextextended('calendar-feed:' || $1, 0))")
                        .execute(Tuple.of(owner))
                        .flatMap(locked -> sql.preparedQuery("select count(*) from calendar_feed where owner = $1")
                                .execute(Tuple.of(owner)))
                        .flatMap(counted -> {
                            if (counted.iterator().next().getLong(0) >= MAX_PER_PERSON) {
                                return Uni.createFrom().failure(new RuleViolation("you have " + MAX_PER_PERSON
                                        + " calendar feeds, the most one person may have; revoke one first"));
                            }
                            return sql.preparedQuery("insert into calendar_feed (id, owner, digest, prefix, created_at) "
                                            + "values ($1, $2, $3, $4, $5)")
                                    .execute(Tuple.of(id, owner, Buffer.buffer(token.digest()), token.shownPrefix(),
                                            at.atOffset(ZoneOffset.UTC)));
                        }))
                .map(created -> new CalendarFeed(id, token.shownPrefix(), at, urlOf(token)));
    }

    /** The owner's feeds, oldest first, without their secrets. */
    public Uni<Page<CalendarFeed>> list(String owner, PageRequest page) {
        return pool.preparedQuery("select count(*) from calendar_feed where owner = $1").execute(Tuple.of(owner))
                .map(rows -> rows.iterator().next().getLong(0))
                .flatMap(total -> pool.preparedQuery("select id, prefix, created_at from calendar_feed where owner = $1 "
                                + "order by created_at asc, id asc limit $2 offset $3")
                        .execute(Tuple.of(owner, page.size(), page.offset()))
                        .map(rows -> {
                            List<CalendarFeed> feeds = new ArrayList<>();
                            rows.forEach(row -> feeds.add(feed(row)));
                            return new Page<>(feeds, total, page.page(), page.size());
                        }));
    }

    /** Revokes one of the owner's feeds: its URL stops working at once. Another person's feed is not found. */
    public Uni<Void> revoke(String owner, UUID id) {
        return pool.preparedQuery("delete from calendar_feed where id = $1 and owner = $2").execute(Tuple.of(id, owner))
                .flatMap(deleted -> deleted.rowCount() == 0
                        ? Uni.createFrom().failure(new StreamNotFound("you have no calendar feed " + id))
                        : Uni.createFrom().voidItem());
    }

    /** Whose feed a presented secret opens, if any. */
    public Uni<Optional<String>> ownerOf(String presented) {
        if (presented == null || !presented.startsWith(FeedToken.PREFIX)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery("select owner from calendar_feed where digest = $1")
                .execute(Tuple.of(Buffer.buffer(FeedToken.digestOf(presented))))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString("owner")) : Optional.empty());
    }

    private static CalendarFeed feed(Row row) {
        return new CalendarFeed(row.getUUID("id"), row.getString("prefix"), row.getOffsetDateTime("created_at").toInstant(), null);
    }
}
