package dev.incidentlifecycle.incidents.timeline;

import dev.incidentlifecycle.incidents.incident.ClosingCause;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentlifecycle.incidents.alert.AlertSeverity;
import dev.incidentlifecycle.incidents.incident.DeclarationSource;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import dev.incidentlifecycle.incidents.incident.IncidentRole;
import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimelineSentenceTest {

    private static final UUID ID = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    private static String sentence(IncidentEvent event) {
        return TimelineSentence.of(event);
    }

    @Test
    void declarations() {
        assertThat(sentence(new IncidentEvent.Declared(ID, "INC-42", "Checkout failing", IncidentSeverity.SEV2,
                "checkout", null, "Alex", AT, AT, DeclarationSource.MANUAL)))
                .isEqualTo("Alex declared INC-42 as SEV2: Checkout failing");
        assertThat(sentence(new IncidentEvent.Declared(ID, "INC-42", "Checkout failing", IncidentSeverity.SEV2,
                "checkout", "Sam", "Alex", AT, AT, DeclarationSource.MANUAL)))
                .isEqualTo("Alex declared INC-42 as SEV2: Checkout failing, with Sam as commander");
        assertThat(sentence(new IncidentEvent.Declared(ID, "INC-43", "[checkout] High error rate",
                IncidentSeverity.SEV2, "checkout", null, "declaration-policy", AT, AT, DeclarationSource.ALERT)))
                .isEqualTo("INC-43 was declared from an alert as SEV2: [checkout] High error rate");
    }

    @Test
    void the_response() {
        assertThat(sentence(new IncidentEvent.Acknowledged(ID, "Alex", AT))).isEqualTo("Alex acknowledged the incident");
        assertThat(sentence(new IncidentEvent.SeverityChanged(ID, IncidentSeverity.SEV3, IncidentSeverity.SEV2,
                "customers affected", "Alex", AT)))
                .isEqualTo("Severity changed from SEV3 to SEV2: customers affected");
        assertThat(sentence(new IncidentEvent.RoleAssigned(ID, IncidentRole.COMMANDER, "Sam", null, "Alex", AT)))
                .isEqualTo("Alex made Sam commander");
        assertThat(sentence(new IncidentEvent.RoleAssigned(ID, IncidentRole.COMMUNICATIONS_LEAD, "Kim", "Lee", "Kim", AT)))
                .isEqualTo("Kim took the communications lead role, taking over from Lee");
        assertThat(sentence(new IncidentEvent.ResponderJoined(ID, "Pat", "Pat", AT))).isEqualTo("Pat joined as a responder");
        assertThat(sentence(new IncidentEvent.ResponderJoined(ID, "Pat", "Sam", AT))).isEqualTo("Sam added Pat as a responder");
        assertThat(sentence(new IncidentEvent.NoteAdded(ID, UUID.randomUUID(), "Rolled back deploy 142", "Sam", AT)))
                .isEqualTo("Sam noted: Rolled back deploy 142");
        assertThat(sentence(new IncidentEvent.ImpactUpdated(ID, "Card payments fail", "Lee", AT)))
                .isEqualTo("Lee described the customer impact: Card payments fail");
        assertThat(sentence(new IncidentEvent.LinkAdded(ID, "https://g.example.com/d/1", "Dashboard", "Sam", AT)))
                .isEqualTo("Sam added a link: Dashboard (https://g.example.com/d/1)");
        assertThat(sentence(new IncidentEvent.LinkAdded(ID, "https://status.example.com", "https://status.example.com", "Sam", AT)))
                .isEqualTo("Sam added a link: https://status.example.com");
    }

    @Test
    void alerts() {
        assertThat(sentence(new IncidentEvent.AlertAttached(ID, UUID.randomUUID(), "checkout/5xx", "High error rate",
                AlertSeverity.CRITICAL, "declaration-policy", AT))).isEqualTo("Alert attached: High error rate");
        assertThat(sentence(new IncidentEvent.AlertAttached(ID, UUID.randomUUID(), "checkout/5xx", null,
                null, "declaration-policy", AT))).isEqualTo("Alert attached: checkout/5xx");
        assertThat(sentence(new IncidentEvent.AlertsAllResolved(ID, 3, "alerting", AT)))
                .isEqualTo("All 3 alerts of the incident resolved");
        assertThat(sentence(new IncidentEvent.AlertsAllResolved(ID, 1, "alerting", AT)))
                .isEqualTo("The incident's alert resolved");
    }

    @Test
    void milestones() {
        assertThat(sentence(new IncidentEvent.Mitigated(ID, "Sam", AT))).isEqualTo("Sam marked the incident as mitigated");
        assertThat(sentence(new IncidentEvent.Resolved(ID, null, "Sam", AT))).isEqualTo("Sam resolved the incident");
        assertThat(sentence(new IncidentEvent.Resolved(ID, "all alerts resolved", "alerting", AT)))
                .isEqualTo("alerting resolved the incident: all alerts resolved");
        assertThat(sentence(new IncidentEvent.Reopened(ID, "errors are back", "Sam", AT)))
                .isEqualTo("Sam reopened the incident: errors are back");
        assertThat(sentence(new IncidentEvent.Closed(ID, "review follow-up complete", UUID.randomUUID(), ClosingCause.FOLLOW_UP_COMPLETED, "Kim", AT)))
                .isEqualTo("Kim closed the incident: review follow-up complete");
    }

    @Test
    void an_entry_shows_both_times() {
        IncidentEvent note = new IncidentEvent.NoteAdded(ID, UUID.randomUUID(), "Latency rose", "Sam", AT);
        TimelineEntry entry = TimelineEntry.of(note, AT.plusSeconds(900));
        assertThat(entry).isEqualTo(new TimelineEntry("incident.note-added", "Sam noted: Latency rose", "Sam", AT,
                AT.plusSeconds(900), false));
        assertThat(entry.backDated()).isTrue();
        assertThat(TimelineEntry.of(note, AT).backDated()).isFalse();
    }
}
