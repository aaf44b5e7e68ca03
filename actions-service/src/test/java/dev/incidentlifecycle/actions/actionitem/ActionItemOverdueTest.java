package dev.incidentlifecycle.actions.actionitem;

import dev.incidentlifecycle.actions.actionitem.ActionItemCommand.MarkOverdue;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Amended;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.BecameOverdue;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.DueDateChanged;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Reopened;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static dev.incidentlifecycle.actions.actionitem.Fixtures.COMPLETED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.CREATED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.FACILITATOR;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.ITEM;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.MEMBER;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.REVIEW;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.SLA_DUE;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.STARTED;
import static dev.incidentlifecycle.actions.actionitem.Fixtures.WONT_DO;
import static dev.incidentlifecycle.actions.actionitem.Scenario.DECIDER;
import static dev.incidentlifecycle.actions.actionitem.Scenario.given;
import static org.assertj.core.api.Assertions.assertThat;

class ActionItemOverdueTest {

    private static final String SWEEP = "actions-service";
    /** The default SLA's due date of the fixture item is 1 April 2026. */
    private static final LocalDate DUE_DAY = SLA_DUE;
    private static final LocalDate DAY_AFTER = SLA_DUE.plusDays(1);
    private static final Instant SWEPT_AT = Instant.parse("2026-04-02T00:05:00Z");
    private static final BecameOverdue OVERDUE = new BecameOverdue(ITEM, REVIEW, SLA_DUE, "payments", "ana", SWEEP,
            SWEPT_AT);

    @Test
    void not_overdue_on_the_due_date_itself() {
        given(CREATED).when(new MarkOverdue(ITEM, DUE_DAY, SWEEP, SWEPT_AT)).thenNothing();
        assertThat(DECIDER.fold(List.of(CREATED)).overdueOn(DUE_DAY)).isFalse();
    }

    @Test
    void overdue_the_day_after_the_due_date() {
        ActionItem item = given(CREATED)
                .when(new MarkOverdue(ITEM, DAY_AFTER, SWEEP, SWEPT_AT))
                .then(OVERDUE);

        assertThat(item.overdueNotifiedFor()).isEqualTo(SLA_DUE);
        assertThat(item.overdueOn(DAY_AFTER)).isTrue();
    }

    @Test
    void an_item_in_progress_goes_overdue_too() {
        given(CREATED, STARTED).when(new MarkOverdue(ITEM, DAY_AFTER, SWEEP, SWEPT_AT)).then(OVERDUE);
    }

    @Test
    void emitted_once_per_due_date() {
        given(CREATED, OVERDUE).when(new MarkOverdue(ITEM, DAY_AFTER, SWEEP, SWEPT_AT.plusSeconds(300))).thenNothing();
        given(CREATED, OVERDUE).when(new MarkOverdue(ITEM, DAY_AFTER.plusDays(7), SWEEP, SWEPT_AT)).thenNothing();
    }

    @Test
    void closed_items_never_go_overdue() {
        given(CREATED, COMPLETED).when(new MarkOverdue(ITEM, DAY_AFTER, SWEEP, SWEPT_AT)).thenNothing();
        given(CREATED, WONT_DO).when(new MarkOverdue(ITEM, DAY_AFTER, SWEEP, SWEPT_AT)).thenNothing();
        assertThat(DECIDER.fold(List.of(CREATED, COMPLETED)).overdueOn(DAY_AFTER)).isFalse();
    }

    @Test
    void a_due_date_change_re_arms_it_for_the_new_date() {
        LocalDate newDate = LocalDate.parse("2026-04-10");
        DueDateChanged moved = new DueDateChanged(ITEM, REVIEW, SLA_DUE, newDate, "vendor fix slipped", MEMBER,
                SWEPT_AT.plusSeconds(3600));

        given(CREATED, OVERDUE, moved).when(new MarkOverdue(ITEM, newDate, SWEEP, SWEPT_AT)).thenNothing();
        ActionItem item = DECIDER.fold(List.of(CREATED, OVERDUE, moved));
        assertThat(item.overdueNotifiedFor()).isNull();
        assertThat(item.overdueOn(DAY_AFTER)).isFalse();

        Instant later = Instant.parse("2026-04-11T00:05:00Z");
        given(CREATED, OVERDUE, moved)
                .when(new MarkOverdue(ITEM, newDate.plusDays(1), SWEEP, later))
                .then(new BecameOverdue(ITEM, REVIEW, newDate, "payments", "ana", SWEEP, later));
    }

    @Test
    void moving_the_date_away_and_back_re_arms_it_as_well() {
        LocalDate elsewhere = LocalDate.parse("2026-04-10");
        DueDateChanged away = new DueDateChanged(ITEM, REVIEW, SLA_DUE, elsewhere, "r", MEMBER, SWEPT_AT);
        DueDateChanged back = new DueDateChanged(ITEM, REVIEW, elsewhere, SLA_DUE, "r", MEMBER, SWEPT_AT);

        given(CREATED, OVERDUE, away, back).when(new MarkOverdue(ITEM, DAY_AFTER, SWEEP, SWEPT_AT)).then(OVERDUE);
    }

    @Test
    void an_amended_due_date_re_arms_it() {
        LocalDate given = LocalDate.parse("2026-04-20");
        ReviewedItem now = new ReviewedItem(ITEM, CREATED.title(), ActionItemType.DETECT, "payments", "ana",
                Priority.P2, given);
        Amended amended = new Amended(ITEM, REVIEW, List.of(AmendedField.DUE_DATE), CREATED.title(),
                ActionItemType.DETECT, "payments", "ana", Priority.P2, given, false, now, FACILITATOR, SWEPT_AT);

        Instant later = Instant.parse("2026-04-21T00:05:00Z");
        given(CREATED, OVERDUE, amended)
                .when(new MarkOverdue(ITEM, given.plusDays(1), SWEEP, later))
                .then(new BecameOverdue(ITEM, REVIEW, given, "payments", "ana", SWEEP, later));
    }

    @Test
    void reopening_does_not_re_arm_the_same_due_date() {
        Reopened reopened = new Reopened(ITEM, REVIEW, "alert is noisy", MEMBER, SWEPT_AT.plusSeconds(60));

        given(CREATED, OVERDUE, COMPLETED, reopened)
                .when(new MarkOverdue(ITEM, DAY_AFTER.plusDays(1), SWEEP, SWEPT_AT.plusSeconds(120)))
                .thenNothing();
        assertThat(DECIDER.fold(List.of(CREATED, OVERDUE, COMPLETED, reopened)).overdueOn(DAY_AFTER)).isTrue();
    }

    @Test
    void today_is_required() {
        given(CREATED).when(new MarkOverdue(ITEM, null, SWEEP, SWEPT_AT)).thenInvalid("today");
    }
}
