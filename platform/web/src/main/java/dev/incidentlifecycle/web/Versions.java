package dev.incidentlifecycle.web;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import jakarta.ws.rs.core.EntityTag;

/**
 * An aggregate's stream version is its HTTP entity tag: responses carry {@code ETag: "7"}, and a command
 * sent with {@code If-Match: "7"} is refused with 412 if someone changed the aggregate since.
 */
public final class Versions {

    private Versions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version an {@code If-Match} header states, or {@link ExpectedVersion#ANY} without one. */
    public static long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return ExpectedVersion.ANY;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            long version = Long.parseLong(tag);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new InvalidCommand("If-Match", "If-Match must be the ETag of a version, like \"3\"");
        }
    }
}
