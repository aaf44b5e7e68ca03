package dev.incidentlifecycle.actions.sla;

import dev.incidentlifecycle.actions.actionitem.ActionItemType;
import dev.incidentlifecycle.actions.actionitem.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DueDateSlaTest {

    private static final Instant PUBLISHED = Instant.parse("2026-03-02T10:00:00Z");

    @ParameterizedTest(name = "{0} {1} → {2} days")
    @CsvSource({
            "SEV1, PREVENT,  30", "SEV1, DETECT,   30", "SEV1, MITIGATE, 60", "SEV1, PROCESS,  60", "SEV1, LEARN,    60",
            "SEV2, PREVENT,  45", "SEV2, DETECT,   45", "SEV2, MITIGATE, 90", "SEV2, PROCESS,  90", "SEV2, LEARN,    90",
            "SEV3, PREVENT,  90", "SEV3, DETECT,   90", "SEV3, MITIGATE, 90", "SEV3, PROCESS,  90", "SEV3, LEARN,    90",
            "SEV4, PREVENT,  90", "SEV4, DETECT,   90", "SEV4, MITIGATE, 90", "SEV4, PROCESS,  90", "SEV4, LEARN,    90"})
    void default_days_by_severity_and_type(Severity severity, ActionItemType type, int days) {
        DueDateSla sla = DueDateSla.withDefaults();

        assertThat(sla.terms().daysFor(type, severity)).isEqualTo(days);
        assertThat(sla.dueDate(type, severity, PUBLISHED)).isEqualTo(LocalDate.parse("2026-03-02").plusDays(days));
    }

    @Test
    void a_sev1_prevent_item_published_on_2_march_is_due_on_1_april() {
        assertThat(DueDateSla.withDefaults().dueDate(ActionItemType.PREVENT, Severity.SEV1, PUBLISHED))
                .isEqualTo(LocalDate.parse("2026-04-01"));
    }

    @Test
    void days_count_from_the_publication_date_in_the_configured_zone() {
        Instant lateEveningUtc = Instant.parse("2026-03-02T23:30:00Z");
        SlaTerms berlin = new SlaTerms(new SlaTerms.Days(30, 60), new SlaTerms.Days(45, 90),
                new SlaTerms.Days(90, 90), new SlaTerms.Days(90, 90), ZoneId.of("Europe/Berlin"));

        assertThat(DueDateSla.withDefaults().dueDate(ActionItemType.DETECT, Severity.SEV1, lateEveningUtc))
                .isEqualTo(LocalDate.parse("2026-04-01"));
        // Already 3 March in Berlin.
        assertThat(new DueDateSla(berlin).dueDate(ActionItemType.DETECT, Severity.SEV1, lateEveningUtc))
                .isEqualTo(LocalDate.parse("2026-04-02"));
    }

    @Test
    void terms_are_configurable() {
        SlaTerms strict = new SlaTerms(new SlaTerms.Days(14, 30), new SlaTerms.Days(30, 60),
                new SlaTerms.Days(60, 90), new SlaTerms.Days(120, 180), ZoneOffset.UTC);
        DueDateSla sla = new DueDateSla(strict);

        assertThat(sla.dueDate(ActionItemType.DETECT, Severity.SEV1, PUBLISHED)).isEqualTo(LocalDate.parse("2026-03-16"));
        assertThat(sla.dueDate(ActionItemType.LEARN, Severity.SEV4, PUBLISHED)).isEqualTo(LocalDate.parse("2026-08-29"));
    }

    @Test
    void fewer_than_one_day_is_refused() {
        assertThatThrownBy(() -> new SlaTerms.Days(0, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlaTerms.Days(30, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
