package dev.incidentlifecycle.incidents.incident.api;

import dev.incidentlifecycle.eventstore.SqlColumns;
import dev.incidentlifecycle.eventstore.Timestamps;
import dev.incidentlifecycle.incidents.change.ChangeView;
import dev.incidentlifecycle.incidents.eventlog.Streams;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import dev.incidentlifecycle.incidents.incident.readmodel.IncidentRow;
import dev.incidentlifecycle.incidents.timeline.TimelineEntry;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one page of an incident's timeline: its events and the changes shown as its context, in order of occurrence.
 * PostgreSQL merges and orders them and answers only the page's entries, however long the incident's history is.
 *
 * <p>The order is that of the timeline as it always was: when it happened by the actor's account (an event's own
 * {@code occurredAt}, which a person may back-date), then the order the incident recorded its events in; context
 * (stream version 0) before an event of the same instant, and changes of one instant newest id first.
 */
final class IncidentTimeline {

    /**
     * When an event happened by its own account, {@link IncidentEvent#occurredAt()}: its {@code occurredAt}, which
     * {@code incident.declared} calls {@code declaredAt}. The log's {@code occurred_at} is the command's time, which an
     * event need not share (a declaration by the policy is dated when its alert was).
     */
    private static final String OCCURRED_AT = "coalesce(cast(payload ->> 'occurredAt' as timestamptz), "
            + "cast(payload ->> 'declaredAt' as timestamptz), occurred_at)";

    /**
     * The incident's events, and the context's times in the order {@code onTimelineOf} gave them ({@code ?1}), as one
     * ordered sequence; a row per entry of the page, an event with what decoding it needs.
     */
    private static final String PAGE = "select t.kind, t.sequence, t.context_position, t.event_type, t.event_version, t.payload, "
            + "t.recorded_at from ("
            + "select 'event' as kind, stream_version as sequence, cast(0 as bigint) as context_position, "
            + OCCURRED_AT + " as occurred_at, event_type, event_version, "
            + "cast(payload as text) as payload, recorded_at from event_log where stream_id = cast(?2 as text) "
            + "union all "
            + "select 'change', 0, c.position, cast(c.at as timestamptz), null, null, null, null from "
            + SqlColumns.unnest("c", "at")
            + ") as t order by t.occurred_at, t.sequence, t.context_position offset ?3 limit ?4";

    private IncidentTimeline() {
    }

    /**
     * @param context the changes shown as context (bounded by {@code Changes.ON_TIMELINE}), newest first
     */
    static Uni<Page<TimelineView>> page(Mutiny.Session session, IncidentRow incident, List<ChangeView> context,
                                        PageRequest request) {
        SqlColumns times = new SqlColumns(1, context.size());
        for (ChangeView change : context) {
            times.row().add(change.occurredAt());
        }
        // The incident's version is how many events it has: the read model moves with each append.
        long total = incident.version + context.size();
        return times.bind(session.createNativeQuery(PAGE, Object[].class))
                .setParameter(2, Streams.INCIDENT.streamId(incident.id.toString()))
                .setParameter(3, request.offset())
                .setParameter(4, request.size())
                .getResultList()
                .map(rows -> {
                    List<TimelineView> entries = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        long sequence = ((Number) row[1]).longValue();
                        if ("change".equals(row[0])) {
                            ChangeView change = context.get(((Number) row[2]).intValue() - 1);
                            entries.add(TimelineView.of(TimelineEntry.of(change), sequence));
                        } else {
                            IncidentEvent event = Streams.INCIDENT.codec().decode((String) row[3], ((Number) row[4]).intValue(),
                                    (String) row[5]);
                            entries.add(TimelineView.of(TimelineEntry.of(event, Timestamps.toInstant(row[6])), sequence));
                        }
                    }
                    return new Page<>(entries, total, request.page(), request.size());
                });
    }
}
