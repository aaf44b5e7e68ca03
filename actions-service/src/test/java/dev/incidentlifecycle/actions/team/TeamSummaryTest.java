package dev.incidentlifecycle.actions.team;

import dev.incidentlifecycle.actions.actionitem.ActionItemStatus;
import dev.incidentlifecycle.actions.actionitem.readmodel.ActionItemQueries;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.actions.actionitem.ActionItemStatus.DONE;
import static dev.incidentlifecycle.actions.actionitem.ActionItemStatus.IN_PROGRESS;
import static dev.incidentlifecycle.actions.actionitem.ActionItemStatus.OPEN;
import static dev.incidentlifecycle.actions.actionitem.ActionItemStatus.WONT_DO;
import static org.assertj.core.api.Assertions.assertThat;

/** The team summary's figures, computed by PostgreSQL over known rows of the read model. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "actions"))
class TeamSummaryTest {

    private static final Instant NOON_1_JUNE = Instant.parse("2026-06-01T12:00:00Z");

    @Inject
    ActionItemQueries queries;

    /** The rows have no event stream behind them: left in place, the overdue sweep of other tests would trip on them. */
    @AfterEach
    void removeRows() throws SQLException {
        try (Connection connection = RealInfrastructure.postgres().connect("actions");
             Statement delete = connection.createStatement()) {
            delete.executeUpdate("delete from action_item where owner_team like 'figures-%' or owner_team like 'another-figures-%'");
        }
    }

    @Test
    void figures_of_a_known_set() throws Throwable {
        // Ten items of one team on 1 June 2026 at noon UTC.
        String team = team();
        // open ones: ages 31, 7, 61, 1 and 0 days; two are past their due date
        row(team, OPEN, "2026-05-20", "2026-05-01T12:00:00Z", null);
        row(team, OPEN, "2026-06-10", "2026-05-25T12:00:00Z", null);
        row(team, IN_PROGRESS, "2026-05-31", "2026-04-01T12:00:00Z", null);
        row(team, IN_PROGRESS, "2026-06-01", "2026-05-30T18:00:00Z", null); // due today: not overdue yet
        row(team, OPEN, "2026-07-01", "2026-06-01T11:00:00Z", null);
        // done: on time on its due date, a minute late, and early
        row(team, DONE, "2026-05-15", "2026-04-01T12:00:00Z", "2026-05-15T23:59:00Z");
        row(team, DONE, "2026-05-15", "2026-04-01T12:00:00Z", "2026-05-16T00:01:00Z");
        row(team, DONE, "2026-05-30", "2026-04-01T12:00:00Z", "2026-05-01T09:00:00Z");
        // won't do: neither overdue nor counted in the on-time share, even past the due date
        row(team, WONT_DO, "2026-04-01", "2026-03-01T12:00:00Z", null);
        row(team, WONT_DO, "2026-06-15", "2026-03-01T12:00:00Z", null);
        row("another-" + team, OPEN, "2026-05-20", "2026-05-01T12:00:00Z", null);

        TeamSummary summary = summary(team, ZoneOffset.UTC);

        assertThat(summary.team()).isEqualTo(team);
        assertThat(summary.total()).isEqualTo(10);
        assertThat(summary.countsByStatus()).containsExactly(
                Map.entry(OPEN, 3), Map.entry(IN_PROGRESS, 2), Map.entry(DONE, 3), Map.entry(WONT_DO, 2));
        assertThat(summary.overdue()).isEqualTo(2);
        assertThat(summary.completed()).isEqualTo(3);
        assertThat(summary.completedOnTime()).isEqualTo(2);
        assertThat(summary.completedOnTimeShare()).isEqualTo(2.0 / 3);
        assertThat(summary.medianOpenAgeDays()).isEqualTo(7.0);
    }

    @Test
    void the_median_of_an_even_count_is_the_mean_of_the_middle_two() throws Throwable {
        String team = team();
        row(team, OPEN, "2026-07-01", "2026-05-30T12:00:00Z", null);  // 2 days
        row(team, OPEN, "2026-07-01", "2026-05-27T12:00:00Z", null);  // 5 days
        row(team, IN_PROGRESS, "2026-07-01", "2026-05-22T12:00:00Z", null); // 10 days
        row(team, OPEN, "2026-07-01", "2026-05-12T12:00:00Z", null); // 20 days

        assertThat(summary(team, ZoneOffset.UTC).medianOpenAgeDays()).isEqualTo(7.5);
    }

    @Test
    void ages_are_whole_days_elapsed_and_never_below_zero() throws Throwable {
        String team = team();
        row(team, OPEN, "2026-07-01", "2026-05-31T12:00:01Z", null);  // a second short of 1 day: 0
        row(team, OPEN, "2026-07-01", "2026-06-01T13:00:00Z", null);  // created after now (clock skew): 0

        assertThat(summary(team, ZoneOffset.UTC).medianOpenAgeDays()).isEqualTo(0.0);
    }

    @Test
    void a_team_with_nothing_has_zeros_and_no_share_or_median() throws Throwable {
        TeamSummary summary = summary(team(), ZoneOffset.UTC);

        assertThat(summary.total()).isZero();
        assertThat(summary.countsByStatus()).containsExactly(
                Map.entry(OPEN, 0), Map.entry(IN_PROGRESS, 0), Map.entry(DONE, 0), Map.entry(WONT_DO, 0));
        assertThat(summary.overdue()).isZero();
        assertThat(summary.completed()).isZero();
        assertThat(summary.completedOnTimeShare()).isNull();
        assertThat(summary.medianOpenAgeDays()).isNull();
    }

    @Test
    void dates_are_read_in_the_sla_zone() throws Throwable {
        // 23:30 UTC on the due date is already the next day in Berlin (and at +02:00): late there.
        String team = team();
        row(team, DONE, "2026-05-15", "2026-04-01T12:00:00Z", "2026-05-15T23:30:00Z");

        assertThat(summary(team, ZoneOffset.UTC).completedOnTimeShare()).isEqualTo(1.0);
        assertThat(summary(team, ZoneId.of("Europe/Berlin")).completedOnTimeShare()).isEqualTo(0.0);
        assertThat(summary(team, ZoneOffset.ofHours(2)).completedOnTimeShare()).isEqualTo(0.0);
        assertThat(summary(team, ZoneOffset.ofHours(-2)).completedOnTimeShare()).isEqualTo(1.0);
    }

    private TeamSummary summary(String team, ZoneId zone) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> queries.teamSummary(team, NOON_1_JUNE, zone));
    }

    private static String team() {
        return "figures-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** One row of the read model, as the projection would have written it. */
    private static void row(String team, ActionItemStatus status, String dueDate, String createdAt, String completedAt)
            throws SQLException {
        try (Connection connection = RealInfrastructure.postgres().connect("actions");
             PreparedStatement insert = connection.prepareStatement("insert into action_item (id, review_id, incident_id, "
                     + "severity, title, item_type, owner_team, priority, status, due_date, due_date_from_sla, created_at, "
                     + "completed_at, removed, version, updated_at) values (?, ?, ?, 'SEV2', 'An item', 'DETECT', ?, 'P2', ?, ?, "
                     + "false, ?, ?, false, 1, now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, UUID.randomUUID());
            insert.setObject(3, UUID.randomUUID());
            insert.setString(4, team);
            insert.setString(5, status.name());
            insert.setObject(6, LocalDate.parse(dueDate));
            insert.setTimestamp(7, Timestamp.from(Instant.parse(createdAt)));
            insert.setTimestamp(8, completedAt == null ? null : Timestamp.from(Instant.parse(completedAt)));
            insert.executeUpdate();
        }
    }
}
