package dev.incidentlifecycle.reviews.people;

import dev.incidentlifecycle.reviews.schedule.IncidentPeople;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The e-mail address each person's token last named ({@code calendar_address}: one row a person, keyed by their
 * username compared like people are, trimmed and ignoring case). Not a read model: nothing in the event log
 * recreates it; a person's next command with an {@code email} claim puts it back.
 */
@ApplicationScoped
public class KnownPeople {

    private final Pool pool;

    KnownPeople(Pool pool) {
        this.pool = pool;
    }

    /** From now on the person is addressed at {@code email}; a row that already says so is left alone (no write). */
    public Uni<Void> remember(String person, EmailAddress email, Instant at) {
        return pool.preparedQuery("insert into calendar_address (person, email, learned_at) values ($1, $2, $3) "
                        + "on conflict (person) do update set email = excluded.email, learned_at = excluded.learned_at "
                        + "where calendar_address.email <> excluded.email")
                .execute(Tuple.of(IncidentPeople.identity(person), email.value(), at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The known addresses of these people, keyed by {@link IncidentPeople#identity}; the unknown are left out. */
    public Uni<Map<String, String>> addressesOf(Collection<String> people) {
        String[] keys = people.stream().filter(p -> p != null && !p.isBlank()).map(IncidentPeople::identity).distinct()
                .toArray(String[]::new);
        if (keys.length == 0) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select person, email from calendar_address where person = any($1)")
                .execute(Tuple.of(keys))
                .map(rows -> {
                    Map<String, String> addresses = new HashMap<>();
                    rows.forEach(row -> addresses.put(row.getString("person"), row.getString("email")));
                    return addresses;
                });
    }
}
