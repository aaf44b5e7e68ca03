package dev.incidentlifecycle.web;

import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared database timeouts reach every connection of a service's pool, and a runaway statement is cancelled. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "web_test"))
class DatabaseTimeoutsTest {

    @Inject
    Pool pool;

    String setting(String name) {
        return pool.query("select current_setting('" + name + "')").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);
    }

    @Test
    void every_connection_has_the_statement_lock_and_idle_in_transaction_timeouts() {
        assertThat(setting("lock_timeout")).isEqualTo("10s");
        assertThat(setting("idle_in_transaction_session_timeout")).isEqualTo("1min");
        // The test profile shortens the statement timeout (application.properties) to prove it cancels.
        assertThat(setting("statement_timeout")).isEqualTo("2s");
    }

    @Test
    void a_statement_longer_than_the_timeout_is_cancelled_as_a_retryable_failure() {
        assertThatThrownBy(() -> pool.query("select pg_sleep(5)").execute().await().atMost(Duration.ofSeconds(20)))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.getSqlState()).isEqualTo("57014"));
    }
}
