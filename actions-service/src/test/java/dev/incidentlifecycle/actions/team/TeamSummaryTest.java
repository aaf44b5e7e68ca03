package dev.incidentlifecycle.actions.team;

import dev.incidentlifecycle.actions.actionitem.ActionItemStatus;
import dev.incidentlifecycle.actions.team.TeamSummary.Row;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.incidentlifecycle.actions.actionitem.ActionItemStatus.DONE;
import static dev.incidentlifecycle.actions.actionitem.ActionItemStatus.IN_PROGRESS;
import static dev.incidentlifecycle.actions.actionitem.ActionItemStatus.OPEN;
import static dev.incidentlifecycle.actions.actionitem.ActionItemStatus.WONT_DO;
import static org.assertj.core.api.Assertions.assertThat;

class TeamSummaryTest {

    private static final Clock NOON_1_JUNE = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    /** Ten items of team payments on 1 June 2026 at noon UTC. */
    private static final List<Row> PAYMENTS = List.of(
            // open ones: ages 31, 7, 61, 1 and 0 days; two are past their due date
            row(OPEN, "2026-05-20", "2026-05-01T12:00:00Z", null),
            row(OPEN, "2026-06-10", "2026-05-25T12:00:00Z", null),
            row(IN_PROGRESS, "2026-05-31", "2026-04-01T12:00:00Z", null),
            row(IN_PROGRESS, "2026-06-01", "2026-05-30T18:00:00Z", null), // due today: not overdue yet
            row(OPEN, "2026-07-01", "2026-06-01T11:00:00Z", null),
            // done: on time on its due date, a minute late, and early
            row(DONE, "2026-05-15", "2026-04-01T12:00:00Z", "2026-05-15T23:59:00Z"),
            row(DONE, "2026-05-15", "2026-04-01T12:00:00Z", "2026-05-16T00:01:00Z"),
            row(DONE, "2026-05-30", "2026-04-01T12:00:00Z", "2026-05-01T09:00:00Z"),
            // won't do: neither overdue nor counted in the on-time share, even past the due date
            row(WONT_DO, "2026-04-01", "2026-03-01T12:00:00Z", null),
            row(WONT_DO, "2026-06-15", "2026-03-01T12:00:00Z", null));

    @Test
    void figures_of_a_known_set() {
        TeamSummary summary = TeamSummary.of("payments", PAYMENTS, NOON_1_JUNE);

        assertThat(summary.team()).isEqualTo("payments");
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
    void the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        List<Row> rows = List.of(
                row(OPEN, "2026-07-01", "2026-05-30T12:00:00Z", null),  // 2 days
                row(OPEN, "2026-07-01", "2026-05-27T12:00:00Z", null),  // 5 days
                row(IN_PROGRESS, "2026-07-01", "2026-05-22T12:00:00Z", null), // 10 days
                row(OPEN, "2026-07-01", "2026-05-12T12:00:00Z", null)); // 20 days

        assertThat(TeamSummary.of("payments", rows, NOON_1_JUNE).medianOpenAgeDays()).isEqualTo(7.5);
    }

    @Test
    void a_team_with_nothing_has_zeros_and_no_share_or_median() {
        TeamSummary summary = TeamSummary.of("search", List.of(), NOON_1_JUNE);

        assertThat(summary.total()).isZero();
        assertThat(summary.countsByStatus()).containsOnly(
                Map.entry(OPEN, 0), Map.entry(IN_PROGRESS, 0), Map.entry(DONE, 0), Map.entry(WONT_DO, 0));
        assertThat(summary.overdue()).isZero();
        assertThat(summary.completed()).isZero();
        assertThat(summary.completedOnTimeShare()).isNull();
        assertThat(summary.medianOpenAgeDays()).isNull();
    }

    @Test
    void dates_are_read_in_the_clock_s_zone() {
        // 23:30 UTC on the due date is already the next day in Berlin: late there.
        Row done = row(DONE, "2026-05-15", "2026-04-01T12:00:00Z", "2026-05-15T23:30:00Z");
        Clock berlin = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneId.of("Europe/Berlin"));

        assertThat(TeamSummary.of("payments", List.of(done), NOON_1_JUNE).completedOnTimeShare()).isEqualTo(1.0);
        assertThat(TeamSummary.of("payments", List.of(done), berlin).completedOnTimeShare()).isEqualTo(0.0);
    }

    private static Row row(ActionItemStatus status, String dueDate, String createdAt, String completedAt) {
        return new Row(status, LocalDate.parse(dueDate), Instant.parse(createdAt),
                completedAt == null ? null : Instant.parse(completedAt));
    }
}
