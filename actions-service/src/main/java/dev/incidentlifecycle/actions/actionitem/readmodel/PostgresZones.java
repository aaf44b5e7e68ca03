package dev.incidentlifecycle.actions.actionitem.readmodel;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** A Java zone as PostgreSQL's {@code timezone(text, timestamptz)} reads it. */
final class PostgresZones {

    private PostgresZones() {
    }

    /**
     * Region ids (Europe/Berlin, UTC) are IANA names both sides know. A fixed offset is written in POSIX form,
     * whose sign is the opposite of ISO 8601's: +02:00 is {@code <+02:00>-02:00}.
     */
    static String name(ZoneId zone) {
        ZoneId normalized = zone.normalized();
        if (!(normalized instanceof ZoneOffset offset)) {
            return zone.getId();
        }
        if (offset.getTotalSeconds() == 0) {
            return "UTC";
        }
        String iso = offset.getId();
        String posix = (iso.charAt(0) == '+' ? "-" : "+") + iso.substring(1);
        return "<" + iso + ">" + posix;
    }
}
