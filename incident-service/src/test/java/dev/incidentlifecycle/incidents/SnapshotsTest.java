package dev.incidentlifecycle.incidents;

import dev.incidentlifecycle.incidents.incident.ClosingCause;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.incidentlifecycle.incidents.alert.Alert;
import dev.incidentlifecycle.incidents.alert.AlertEvent;
import dev.incidentlifecycle.incidents.alert.AlertLink;
import dev.incidentlifecycle.incidents.alert.AlertSeverity;
import dev.incidentlifecycle.incidents.alert.AlertState;
import dev.incidentlifecycle.incidents.incident.DeclarationSource;
import dev.incidentlifecycle.incidents.incident.Incident;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import dev.incidentlifecycle.incidents.incident.IncidentRole;
import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import dev.incidentlifecycle.incidents.incident.IncidentState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** States and events are plain records: JSON in and out with a default Jackson mapper, nothing lost or added. */
class SnapshotsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private static final UUID INCIDENT = UUID.randomUUID();

    private static <T> T roundTrip(Object value, Class<T> type) throws Exception {
        return JSON.readValue(JSON.writeValueAsString(value), type);
    }

    private static List<IncidentEvent> incidentHistory() {
        return List.of(
                new IncidentEvent.Declared(INCIDENT, "INC-9", "Down", IncidentSeverity.SEV2, "checkout", "sam", "alex",
                        AT, AT.minusSeconds(60), DeclarationSource.MANUAL),
                new IncidentEvent.AlertAttached(INCIDENT, UUID.randomUUID(), "k", "High errors", AlertSeverity.ERROR,
                        "policy", AT),
                new IncidentEvent.Acknowledged(INCIDENT, "sam", AT.plusSeconds(30)),
                new IncidentEvent.SeverityChanged(INCIDENT, IncidentSeverity.SEV2, IncidentSeverity.SEV1, "worse",
                        "sam", AT.plusSeconds(40)),
                new IncidentEvent.RoleAssigned(INCIDENT, IncidentRole.SCRIBE, "pat", null, "sam", AT.plusSeconds(41)),
                new IncidentEvent.ResponderJoined(INCIDENT, "kim", "kim", AT.plusSeconds(42)),
                new IncidentEvent.NoteAdded(INCIDENT, UUID.randomUUID(), "note", "kim", AT.plusSeconds(43)),
                new IncidentEvent.ImpactUpdated(INCIDENT, "card payments fail", "lee", AT.plusSeconds(44)),
                new IncidentEvent.LinkAdded(INCIDENT, "https://g.example.com", "Graph", "kim", AT.plusSeconds(45)),
                new IncidentEvent.Mitigated(INCIDENT, "sam", AT.plusSeconds(50)),
                new IncidentEvent.AlertsAllResolved(INCIDENT, 1, "alerting", AT.plusSeconds(55)),
                new IncidentEvent.Resolved(INCIDENT, null, "sam", AT.plusSeconds(60)),
                new IncidentEvent.Reopened(INCIDENT, "back", "sam", AT.plusSeconds(70)),
                new IncidentEvent.Resolved(INCIDENT, null, "sam", AT.plusSeconds(80)),
                new IncidentEvent.Edited(INCIDENT, List.of("title", "summary"), "Down again", "Card payments", "checkout", "kim", AT.plusSeconds(81)),
                new IncidentEvent.AlertDetached(INCIDENT, UUID.randomUUID(), "k", "High errors", "wrong service", "kim", AT.plusSeconds(82)),
                new IncidentEvent.MergedFrom(INCIDENT, UUID.randomUUID(), "INC-10", 2, "duplicate", "kim", AT.plusSeconds(83)),
                new IncidentEvent.Closed(INCIDENT, "done", UUID.randomUUID(), ClosingCause.FOLLOW_UP_COMPLETED, "kim", AT.plusSeconds(90)),
                new IncidentEvent.Merged(INCIDENT, UUID.randomUUID(), "INC-11", 2, "duplicate", "kim", AT.plusSeconds(91)));
    }

    @Test
    void every_incident_event_type_is_registered_and_survives_json() throws Exception {
        List<IncidentEvent> history = incidentHistory();
        assertThat(history).extracting(IncidentEvent::type).containsAll(IncidentEvent.TYPES.keySet());
        for (IncidentEvent event : history) {
            assertThat(IncidentEvent.TYPES.get(event.type())).isEqualTo(event.getClass());
            assertThat((Object) roundTrip(event, IncidentEvent.TYPES.get(event.type()))).isEqualTo(event);
        }
    }

    @Test
    void an_incident_state_snapshot_survives_json() throws Exception {
        IncidentState state = new Incident().fold(incidentHistory());
        assertThat(roundTrip(state, IncidentState.class)).isEqualTo(state);
        assertThat(roundTrip(IncidentState.NONE, IncidentState.class)).isEqualTo(IncidentState.NONE);
        assertThat(JSON.writeValueAsString(state)).doesNotContain("responseTimes", "hasBeenDeclared");
    }

    @Test
    void alert_events_and_state_survive_json() throws Exception {
        UUID alertId = UUID.randomUUID();
        List<AlertEvent> history = List.of(
                new AlertEvent.Triggered(alertId, "k", AlertSeverity.CRITICAL, "s", "src", "svc", "svc", "g", "c",
                        Map.of("labels", Map.of("job", "svc"), "n", 1, "nothing", ""),
                        List.of(new AlertLink("https://x", null)), "Alertmanager", "https://am", AT, AT),
                new AlertEvent.Repeated(alertId, "k", 2, AT.plusSeconds(1)),
                new AlertEvent.AttachedToIncident(alertId, "k", INCIDENT, AT.plusSeconds(2)),
                new AlertEvent.Acknowledged(alertId, "k", INCIDENT, AT.plusSeconds(3)),
                new AlertEvent.Resolved(alertId, "k", INCIDENT, AT.plusSeconds(4)),
                new AlertEvent.MovedToIncident(alertId, "k", INCIDENT, UUID.randomUUID(), AT.plusSeconds(5)),
                new AlertEvent.DetachedFromIncident(alertId, "k", INCIDENT, AT.plusSeconds(6)));
        assertThat(history).extracting(AlertEvent::type).containsExactlyInAnyOrderElementsOf(AlertEvent.TYPES.keySet());
        for (AlertEvent event : history) {
            assertThat((Object) roundTrip(event, AlertEvent.TYPES.get(event.type()))).isEqualTo(event);
        }
        AlertState state = new Alert().fold(history);
        assertThat(roundTrip(state, AlertState.class)).isEqualTo(state);
        assertThat(roundTrip(AlertState.NONE, AlertState.class)).isEqualTo(AlertState.NONE);
    }
}
