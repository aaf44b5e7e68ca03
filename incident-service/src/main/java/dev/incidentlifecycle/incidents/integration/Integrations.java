package dev.incidentlifecycle.incidents.integration;

import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The integrations and their keys ({@code integration}, {@code integration_key}). */
@ApplicationScoped
public class Integrations {

    private static final String UNIQUE_VIOLATION = "23505";

    /** An integration's row with its service, if it has one. */
    private static final String WITH_SERVICE = "select i.*, s.service from integration i left join integration_service s on s.integration_id = i.id";

    private final Pool pool;

    Integrations(Pool pool) {
        this.pool = pool;
    }

    /** The integration whose key this is, and whether the key works now (not revoked, not past its overlap). */
    public Uni<Optional<KeyHolder>> holderOf(String presented) {
        return pool.preparedQuery("""
                        select i.name, i.revoked_at is null and (k.expires_at is null or k.expires_at > now()) as works
                        from integration_key k join integration i on i.id = k.integration_id where k.digest = $1""")
                .execute(Tuple.of(Buffer.buffer(IntegrationKey.digestOf(presented))))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(new KeyHolder(rows.iterator().next().getString("name"), rows.iterator().next().getBoolean("works")))
                        : Optional.empty());
    }

    /** Whose a key is; {@code works} is false once it is revoked or its rotation overlap has ended. */
    public record KeyHolder(String integration, boolean works) {
    }

    /** The service of the named integration, when it exists and has one. */
    public Uni<Optional<String>> serviceOf(String name) {
        return pool.preparedQuery("select s.service from integration i join integration_service s on s.integration_id = i.id where i.name = $1")
                .execute(Tuple.of(name))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString("service")) : Optional.empty());
    }

    /**
     * The service of each named integration that has one (the service of its change events when they name none), read
     * in the caller's session (a consumer's batch transaction).
     */
    public Uni<Map<String, String>> servicesOf(org.hibernate.reactive.mutiny.Mutiny.Session session, java.util.Collection<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session.createNativeQuery("select i.name, s.service from integration i join integration_service s on s.integration_id = i.id where i.name in (:names)",
                        Object[].class)
                .setParameter("names", List.copyOf(names))
                .getResultList()
                .map(rows -> {
                    Map<String, String> services = new LinkedHashMap<>();
                    rows.forEach(row -> services.put((String) row[0], (String) row[1]));
                    return services;
                });
    }

    /** Whether any integration can send alerts now. */
    public Uni<Boolean> anyActive() {
        return pool.query("select exists (select 1 from integration where revoked_at is null)").execute()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    Uni<IntegrationView> create(String name, String description, String service, String actor, Instant at) {
        UUID id = UUID.randomUUID();
        IntegrationKey key = IntegrationKey.generate();
        return pool.withTransaction(sql -> sql.preparedQuery(
                                "insert into integration (id, name, description, created_at, created_by) values ($1, $2, $3, $4, $5)")
                        .execute(Tuple.of(id, name, description, utc(at), actor))
                        .flatMap(inserted -> service == null ? Uni.createFrom().voidItem()
                                : sql.preparedQuery("insert into integration_service (integration_id, service) values ($1, $2)")
                                        .execute(Tuple.of(id, service)).replaceWithVoid())
                        .flatMap(inserted -> addKey(sql, id, key, actor, at)))
                .onFailure(PgException.class).transform(e -> UNIQUE_VIOLATION.equals(((PgException) e).getSqlState())
                        ? new RuleViolation("an integration named " + name + " exists already") : e)
                .flatMap(created -> find(id)).map(view -> view.withKey(key));
    }

    /** A new key; the ones that worked until now keep working for {@code overlap}, then stop. */
    Uni<IntegrationView> rotate(UUID id, Duration overlap, String actor, Instant at) {
        IntegrationKey key = IntegrationKey.generate();
        return pool.withTransaction(sql -> active(sql, id)
                        .flatMap(active -> sql.preparedQuery("""
                                        update integration_key set expires_at = least(coalesce(expires_at, 'infinity'), $2)
                                        where integration_id = $1 and (expires_at is null or expires_at > $3)""")
                                .execute(Tuple.of(id, utc(at.plus(overlap)), utc(at))))
                        .flatMap(expiring -> addKey(sql, id, key, actor, at)))
                .flatMap(rotated -> find(id)).map(view -> view.withKey(key));
    }

    /** Every key of the integration stops working now. */
    Uni<IntegrationView> revoke(UUID id, String actor, Instant at) {
        return pool.withTransaction(sql -> active(sql, id)
                        .flatMap(active -> sql.preparedQuery("update integration set revoked_at = $2, revoked_by = $3 where id = $1")
                                .execute(Tuple.of(id, utc(at), actor))))
                .flatMap(revoked -> find(id));
    }

    Uni<IntegrationView> find(UUID id) {
        return pool.preparedQuery(WITH_SERVICE + " where i.id = $1").execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().failure(new StreamNotFound("no integration " + id));
                    }
                    return withKeys(rows).map(views -> views.get(0));
                });
    }

    Uni<Page<IntegrationView>> list(PageRequest page) {
        return pool.query("select count(*) from integration").execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .flatMap(total -> pool.preparedQuery(WITH_SERVICE + " order by i.name limit $1 offset $2")
                        .execute(Tuple.of(page.size(), page.offset()))
                        .flatMap(this::withKeys)
                        .map(views -> new Page<>(views, total, page.page(), page.size())));
    }

    private Uni<List<IntegrationView>> withKeys(RowSet<Row> integrations) {
        Map<UUID, Row> byId = new LinkedHashMap<>();
        integrations.forEach(row -> byId.put(row.getUUID("id"), row));
        if (byId.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("""
                        select integration_id, prefix, created_at, created_by, expires_at from integration_key
                        where integration_id = any($1) and (expires_at is null or expires_at > now())
                        order by created_at desc""")
                .execute(Tuple.of(byId.keySet().toArray(UUID[]::new)))
                .map(keys -> {
                    Map<UUID, List<IntegrationView.KeyView>> keysOf = new LinkedHashMap<>();
                    keys.forEach(key -> keysOf.computeIfAbsent(key.getUUID("integration_id"), i -> new ArrayList<>())
                            .add(new IntegrationView.KeyView(key.getString("prefix"), instant(key, "created_at"),
                                    key.getString("created_by"), instant(key, "expires_at"))));
                    return byId.values().stream().map(row -> {
                        boolean revoked = row.getValue("revoked_at") != null;
                        return new IntegrationView(row.getUUID("id"), row.getString("name"), row.getString("description"), row.getString("service"),
                                revoked ? "REVOKED" : "ACTIVE", instant(row, "created_at"), row.getString("created_by"),
                                instant(row, "revoked_at"), row.getString("revoked_by"),
                                revoked ? List.of() : keysOf.getOrDefault(row.getUUID("id"), List.of()), null);
                    }).toList();
                });
    }

    private static Uni<Void> active(SqlClient sql, UUID id) {
        return sql.preparedQuery("select revoked_at from integration where id = $1 for update").execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().failure(new StreamNotFound("no integration " + id));
                    }
                    if (rows.iterator().next().getValue("revoked_at") != null) {
                        return Uni.createFrom().failure(new RuleViolation("integration " + id + " is revoked"));
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    private static Uni<Void> addKey(SqlClient sql, UUID id, IntegrationKey key, String actor, Instant at) {
        return sql.preparedQuery("insert into integration_key (digest, integration_id, prefix, created_at, created_by) values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(Buffer.buffer(key.digest()), id, key.shownPrefix(), utc(at), actor))
                .replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
