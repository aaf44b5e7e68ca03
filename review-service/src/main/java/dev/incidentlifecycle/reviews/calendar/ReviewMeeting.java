package dev.incidentlifecycle.reviews.calendar;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One review meeting as the calendar feed shows it; the adapter builds these from its read model.
 *
 * @param sequence     how often the meeting was rescheduled (the review's sequence)
 * @param lastModified when the meeting last changed (recorded-at of the review's latest event); the DTSTAMP
 * @param severity     e.g. {@code SEV1}; may be null
 * @param service      may be null
 * @param link         where to read the review; may be null
 */
public record ReviewMeeting(UUID reviewId, String incidentNumber, String incidentTitle, String severity,
                            String service, String facilitator, List<String> participants, Instant start,
                            Instant end, int sequence, MeetingStatus status, Instant lastModified, URI link) {

    public ReviewMeeting {
        Objects.requireNonNull(reviewId, "reviewId");
        Objects.requireNonNull(incidentNumber, "incidentNumber");
        Objects.requireNonNull(facilitator, "facilitator");
        participants = List.copyOf(participants);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastModified, "lastModified");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative");
        }
    }
}
