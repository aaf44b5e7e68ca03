package dev.incidentlifecycle.incidents.incident;

import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.ID;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.at;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.declared;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.historyOf;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.incident;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentlifecycle.incidents.alert.AlertSeverity;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.AbsorbMerged;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.DetachAlert;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.Edit;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.Merge;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Corrections: detaching an alert, editing title, summary and service, merging into another incident. */
class CorrectingTest {

    static final UUID ALERT = UUID.fromString("a1e70000-0000-4000-8000-000000000001");
    static final UUID OTHER = UUID.fromString("7a1e0000-0000-4000-8000-000000000008");
    static final AlertReference REFERENCE = new AlertReference(ALERT, "search/latency", "p99 high", AlertSeverity.ERROR, at(1));

    @Test
    void an_alert_is_detached_with_who_when_and_why() {
        var outcome = incident().given(declared(), new IncidentEvent.AlertAttached(ID, ALERT, "search/latency", "p99 high",
                        AlertSeverity.ERROR, "alerts", at(1)))
                .when(new DetachAlert(REFERENCE, "wrong service", "sam", null, at(5)))
                .then(new IncidentEvent.AlertDetached(ID, ALERT, "search/latency", "p99 high", "wrong service", "sam", at(5)));
        assertThat(outcome.state().alertCount()).isZero();
    }

    @Test
    void only_the_fields_given_change_and_the_event_names_them() {
        var outcome = incident().given(declared())
                .when(new Edit(null, "Card payments fail at the provider", "payments", "sam", null, at(5)))
                .then(new IncidentEvent.Edited(ID, List.of("summary", "service"), "Checkout failing",
                        "Card payments fail at the provider", "payments", "sam", at(5)));
        assertThat(outcome.state().service()).isEqualTo("payments");
        assertThat(outcome.state().summary()).isEqualTo("Card payments fail at the provider");
    }

    @Test
    void a_blank_summary_clears_it_and_a_correction_that_changes_nothing_records_nothing() {
        incident().given(declared()).when(new Edit("Checkout failing", null, "checkout", "sam", null, at(5))).thenNothing();
        incident().given(declared(), new IncidentEvent.Edited(ID, List.of("summary"), "Checkout failing", "x", "checkout", "sam", at(2)))
                .when(new Edit(null, " ", null, "sam", null, at(5)))
                .then(new IncidentEvent.Edited(ID, List.of("summary"), "Checkout failing", null, "checkout", "sam", at(5)));
        incident().given(declared()).when(new Edit(" ", null, null, "sam", null, at(5))).thenInvalid("title");
    }

    @Test
    void a_merged_incident_ends_merged_with_a_link_to_the_survivor_and_refuses_everything_after() {
        var outcome = incident().given(historyOf(IncidentStatus.MITIGATED))
                .when(new Merge(OTHER, "INC-8", "one outage", 3, "sam", null, at(30)))
                .then(new IncidentEvent.Merged(ID, OTHER, "INC-8", 3, "one outage", "sam", at(30)));
        assertThat(outcome.state().status()).isEqualTo(IncidentStatus.MERGED);
        assertThat(outcome.state().mergedInto()).isEqualTo(OTHER);
        assertThat(outcome.state().mergedIntoNumber()).isEqualTo("INC-8");

        incident().given(historyOf(IncidentStatus.MERGED))
                .when(new IncidentCommand.AddNote(UUID.randomUUID(), "late", "sam", null, at(40)))
                .thenRuleViolation("incident INC-7 is MERGED; notes cannot be added to a closed incident");
        incident().given(historyOf(IncidentStatus.MERGED))
                .when(new AbsorbMerged(OTHER, "INC-8", "back", 1, "sam", null, at(40)))
                .thenRuleViolationContaining("is MERGED");
        incident().given(historyOf(IncidentStatus.CLOSED))
                .when(new Merge(OTHER, "INC-8", "late", 0, "sam", null, at(700)))
                .thenRuleViolationContaining("is CLOSED");
    }

    @Test
    void an_incident_cannot_be_merged_into_itself_nor_without_a_reason() {
        incident().given(declared()).when(new Merge(ID, "INC-7", "self", 0, "sam", null, at(5))).thenInvalid("into");
        incident().given(declared()).when(new Merge(OTHER, "INC-8", " ", 0, "sam", null, at(5))).thenInvalid("reason");
    }

    @Test
    void the_survivor_counts_the_alerts_that_joined() {
        var outcome = incident().given(declared())
                .when(new AbsorbMerged(OTHER, "INC-8", "one outage", 2, "sam", null, at(30)))
                .then(new IncidentEvent.MergedFrom(ID, OTHER, "INC-8", 2, "one outage", "sam", at(30)));
        assertThat(outcome.state().alertCount()).isEqualTo(2);
    }
}
