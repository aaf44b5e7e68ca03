package dev.incidentlifecycle.incidents.incident.readmodel;

import dev.incidentlifecycle.eventstore.StreamNotFound;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Finds an incident by either of its names: its UUID, or its human number ({@code INC-42}, any case).
 * An unknown one is {@link StreamNotFound} (404).
 */
public final class IncidentLookup {

    private static final Pattern NUMBER = Pattern.compile("(?i)INC-[1-9][0-9]{0,17}");

    private IncidentLookup() {
    }

    public static Uni<IncidentRow> find(Mutiny.Session session, String idOrNumber) {
        String key = idOrNumber == null ? "" : idOrNumber.trim();
        Uni<IncidentRow> row;
        if (NUMBER.matcher(key).matches()) {
            row = session.createSelectionQuery("from IncidentRow where number = :number", IncidentRow.class)
                    .setParameter("number", key.toUpperCase(Locale.ROOT))
                    .getSingleResultOrNull();
        } else {
            UUID id = uuid(key);
            row = id == null ? Uni.createFrom().nullItem() : session.find(IncidentRow.class, id);
        }
        return row.onItem().ifNull().failWith(() -> new StreamNotFound("no incident " + key));
    }

    /** The id of the incident named, or a 404. */
    public static Uni<UUID> idOf(Mutiny.Session session, String idOrNumber) {
        return find(session, idOrNumber).map(row -> row.id);
    }

    private static UUID uuid(String text) {
        try {
            return text.length() == 36 ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
