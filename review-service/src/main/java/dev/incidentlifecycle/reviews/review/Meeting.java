package dev.incidentlifecycle.reviews.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The review meeting: who runs it, who takes part, when.
 *
 * @param facilitator null (and so are start and end) while the review waits for a facilitator
 * @param sequence how often it was rescheduled: 0 when first scheduled (the calendar's SEQUENCE)
 */
public record Meeting(String facilitator, List<String> participants, Instant start, Instant end, int sequence) {

    public Meeting {
        participants = List.copyOf(participants);
    }

    public boolean hasParticipant(String person) {
        return participants.stream().anyMatch(p -> p.strip().equalsIgnoreCase(person.strip()));
    }

    Meeting withParticipant(String person) {
        List<String> next = new ArrayList<>(participants);
        next.add(person);
        return new Meeting(facilitator, next, start, end, sequence);
    }

    Meeting assigned(String newFacilitator, Instant newStart, Instant newEnd, int newSequence) {
        return new Meeting(newFacilitator, participants, newStart, newEnd, newSequence);
    }

    Meeting movedTo(Instant newStart, Instant newEnd, int newSequence) {
        return new Meeting(facilitator, participants, newStart, newEnd, newSequence);
    }
}
