package dev.incidentlifecycle.reviews.calendar.feed;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * A person's calendar feed. {@code url} holds the secret and is given in the answer that creates the feed only;
 * listings show {@code prefix}, the secret's first characters.
 */
@Schema(description = "A personal calendar feed of review meetings")
public record CalendarFeed(
        @Schema(examples = "3f9a1c2e-8b7d-4e21-9c55-0d6e2f1a7b44") UUID id,
        @Schema(description = "the first characters of the secret in the feed URL", examples = "cf_Q3vX9a") String prefix,
        Instant createdAt,
        @Schema(description = "the feed URL to subscribe to, secret included: shown in the answer that creates the feed only",
                examples = "https://reviews.example.com/calendar/feeds/cf_Q3vX9aWm0uZ2kP7sL1dR8tYc4nB6hJ5eF0gA9iK3oLq.ics",
                nullable = true) URI url) {
}
