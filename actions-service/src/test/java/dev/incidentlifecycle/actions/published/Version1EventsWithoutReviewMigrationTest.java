package dev.incidentlifecycle.actions.published;

import dev.incidentlifecycle.actions.actionitem.ActionItemEvent;
import dev.incidentlifecycle.actions.actionitem.store.ActionItemAggregate;
import dev.incidentlifecycle.testing.DatabaseServer;
import dev.incidentlifecycle.testing.RealInfrastructure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V7 on the real database, in a fresh schema migrated with the service's own Flyway locations: events an earlier
 * build stored as version 1 with reviewId null (or absent) are relabelled version 2, payload untouched; version 1 events
 * naming a review stay version 1.
 */
class Version1EventsWithoutReviewMigrationTest {

    @Test
    void version_1_events_of_no_review_become_version_2_and_those_of_a_review_stay_version_1()
            throws SQLException, IOException {
        DatabaseServer postgres = RealInfrastructure.postgres();
        String schema = "actions_v7_" + UUID.randomUUID().toString().substring(0, 8);
        postgres.createSchema(schema);
        Instant at = Instant.parse("2026-12-03T09:30:00Z");
        UUID ofNoReview = UUID.randomUUID();
        UUID withoutReviewKey = UUID.randomUUID();
        UUID ofAReview = UUID.randomUUID();

        migrate(postgres, schema, MigrationVersion.fromVersion("6"));
        try (Connection connection = postgres.connect(schema)) {
            storeAsVersion1(connection, ofNoReview, ActionItemAggregate.CODEC.encode(
                    new ActionItemEvent.Started(ofNoReview, null, "fatima", at)));
            storeAsVersion1(connection, withoutReviewKey,
                    "{\"actionItemId\": \"" + withoutReviewKey + "\", \"by\": \"fatima\", \"occurredAt\": \"" + at + "\"}");
            storeAsVersion1(connection, ofAReview, ActionItemAggregate.CODEC.encode(
                    new ActionItemEvent.Started(ofAReview, UUID.randomUUID(), "fatima", at)));
            String payloadBefore = payload(connection, ofNoReview);

            migrate(postgres, schema, MigrationVersion.LATEST);

            assertThat(eventVersion(connection, ofNoReview)).isEqualTo(2);
            assertThat(eventVersion(connection, withoutReviewKey)).isEqualTo(2);
            assertThat(eventVersion(connection, ofAReview)).isEqualTo(1);
            assertThat(payload(connection, ofNoReview)).isEqualTo(payloadBefore);
        }
    }

    /** Flyway as the service runs it: its locations (application.properties) and out-of-order (platform/web's defaults). */
    private static void migrate(DatabaseServer postgres, String schema, MigrationVersion target) throws IOException {
        Flyway.configure()
                .dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password())
                .schemas(schema)
                .locations(serviceConfiguration().getProperty("quarkus.flyway.locations").split(","))
                .outOfOrder(true)
                .target(target)
                .load()
                .migrate();
    }

    private static Properties serviceConfiguration() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Version1EventsWithoutReviewMigrationTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties;
    }

    private static void storeAsVersion1(Connection connection, UUID item, String payload) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into event_log (event_id, stream_type, stream_id, "
                + "stream_version, event_type, event_version, payload, actor, occurred_at, recorded_at) values "
                + "(gen_random_uuid(), ?, ?, 1, 'action-item.started', 1, cast(? as jsonb), 'fatima', now(), now())")) {
            insert.setString(1, ActionItemAggregate.STREAM_TYPE);
            insert.setString(2, streamId(item));
            insert.setString(3, payload);
            insert.executeUpdate();
        }
    }

    private static int eventVersion(Connection connection, UUID item) throws SQLException {
        return Integer.parseInt(column(connection, "event_version", item));
    }

    private static String payload(Connection connection, UUID item) throws SQLException {
        return column(connection, "payload", item);
    }

    private static String column(Connection connection, String column, UUID item) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select " + column + " from event_log where stream_id = ?")) {
            select.setString(1, streamId(item));
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private static String streamId(UUID item) {
        return ActionItemAggregate.STREAM_TYPE + "-" + ActionItemAggregate.aggregateId(item);
    }
}
