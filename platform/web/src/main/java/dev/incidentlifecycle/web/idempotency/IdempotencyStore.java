package dev.incidentlifecycle.web.idempotency;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/** The {@code idempotency_key} table: claims a key, finds what it answered, forgets keys past their retention. */
@ApplicationScoped
class IdempotencyStore {

    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);

    /** What a claim found. */
    sealed interface Claim {
        /** The key is new (or was abandoned): handle the request, then {@link #remember} its answer. */
        record Claimed() implements Claim {
        }

        /** The key was used with another request. */
        record OtherRequest() implements Claim {
        }

        /** The key's first request is still being handled. */
        record InProgress() implements Claim {
        }

        record Answered(StoredAnswer answer) implements Claim {
        }
    }

    private final Pool pool;
    private final IdempotencySettings settings;

    IdempotencyStore(Pool pool, IdempotencySettings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    /**
     * Claims {@code key} for this request: a new key, or one whose request was abandoned, with the same fingerprint;
     * otherwise says what the key holds.
     */
    Uni<Claim> claim(String owner, String key, byte[] fingerprint) {
        OffsetDateTime abandoned = OffsetDateTime.now(ZoneOffset.UTC).minus(settings.abandonedAfter());
        return pool.preparedQuery("""
                        insert into idempotency_key (owner, key, fingerprint) values ($1, $2, $3)
                        on conflict (owner, key) do update set created_at = now()
                            where idempotency_key.status is null and idempotency_key.created_at < $4
                              and idempotency_key.fingerprint = excluded.fingerprint
                        returning 1""")
                .execute(Tuple.of(owner, key, Buffer.buffer(fingerprint), abandoned))
                .flatMap(claimed -> claimed.rowCount() > 0
                        ? Uni.createFrom().<Claim>item(new Claim.Claimed())
                        : existing(owner, key, fingerprint));
    }

    private Uni<Claim> existing(String owner, String key, byte[] fingerprint) {
        return pool.preparedQuery("select fingerprint, status, content_type, location, etag, body from idempotency_key"
                        + " where owner = $1 and key = $2")
                .execute(Tuple.of(owner, key))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        // Forgotten between the insert and this read: the client may simply send it again.
                        return new Claim.InProgress();
                    }
                    Row row = rows.iterator().next();
                    if (!Arrays.equals(row.getBuffer("fingerprint").getBytes(), fingerprint)) {
                        return new Claim.OtherRequest();
                    }
                    if (row.getInteger("status") == null) {
                        return new Claim.InProgress();
                    }
                    return new Claim.Answered(new StoredAnswer(row.getInteger("status"), row.getString("content_type"),
                            row.getString("location"), row.getString("etag"), row.getString("body")));
                });
    }

    Uni<Void> remember(String owner, String key, StoredAnswer answer) {
        return pool.preparedQuery("update idempotency_key set status = $3, content_type = $4, location = $5, etag = $6, body = $7"
                        + " where owner = $1 and key = $2")
                .execute(Tuple.from(new Object[] {owner, key, answer.status(), answer.contentType(), answer.location(), answer.etag(), answer.body()}))
                .replaceWithVoid();
    }

    /** Frees the key: its request failed in a way the client should retry (a 5xx). */
    Uni<Void> release(String owner, String key) {
        return pool.preparedQuery("delete from idempotency_key where owner = $1 and key = $2 and status is null")
                .execute(Tuple.of(owner, key)).replaceWithVoid();
    }

    void forgetExpiredKeys(@Observes StartupEvent start, Vertx vertx) {
        long every = Math.max(60_000, settings.retention().toMillis() / 24);
        vertx.setPeriodic(every, tick -> pool.preparedQuery("delete from idempotency_key where created_at < $1")
                .execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC).minus(settings.retention())))
                .subscribe().with(deleted -> LOG.debugf("forgot %d idempotency keys", deleted.rowCount()),
                        failure -> LOG.warnf("could not forget expired idempotency keys (retried later): %s", failure.getMessage())));
    }
}
