package dev.incidentlifecycle.reviews.calendar;

import dev.incidentlifecycle.reviews.policy.ReviewRequirement;
import dev.incidentlifecycle.reviews.policy.Severity;
import dev.incidentlifecycle.reviews.review.ReviewCommand;
import dev.incidentlifecycle.reviews.review.ReviewDecider;
import dev.incidentlifecycle.reviews.review.ReviewEvent;
import dev.incidentlifecycle.reviews.review.ReviewState;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewCalendarTest {

    private static final UUID FIRST = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID SECOND = UUID.fromString("22222222-2222-2222-2222-222222222222");
    private final ReviewCalendar calendar = new ReviewCalendar();

    private static ReviewMeeting meeting(UUID id, String title, Instant start, int sequence, MeetingStatus status) {
        return new ReviewMeeting(id, "INC-42", title, "SEV1", "payments", "fay", List.of("carl", "rita@example.com"),
                start, start.plusSeconds(3600), sequence, status, Instant.parse("2026-03-06T20:15:00Z"),
                URI.create("https://reviews.example.com/reviews/" + id));
    }

    private static List<String> physicalLines(String ics) {
        assertThat(ics).endsWith("\r\n");
        return Arrays.asList(ics.substring(0, ics.length() - 2).split("\r\n", -1));
    }

    private static String unfold(String ics) {
        return ics.replace("\r\n ", "");
    }

    @Test
    void renders_one_event_per_meeting_with_stable_uid_sequence_and_utc_times() {
        String ics = calendar.render(List.of(meeting(FIRST, "Checkout errors", Instant.parse("2026-03-09T14:00:00Z"), 2,
                MeetingStatus.CONFIRMED)));

        List<String> lines = physicalLines(unfold(ics));
        assertThat(lines).startsWith("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//incident-lifecycle//review-service//EN");
        assertThat(lines).endsWith("END:VCALENDAR");
        assertThat(lines).containsSubsequence(
                "BEGIN:VEVENT",
                "UID:review-11111111-1111-1111-1111-111111111111@incident-lifecycle",
                "SEQUENCE:2",
                "DTSTAMP:20260306T201500Z",
                "DTSTART:20260309T140000Z",
                "DTEND:20260309T150000Z",
                "SUMMARY:Incident review INC-42: Checkout errors",
                "STATUS:CONFIRMED",
                "ORGANIZER;CN=\"fay\":mailto:fay@users.invalid",
                "ATTENDEE;CN=\"carl\";ROLE=REQ-PARTICIPANT:mailto:carl@users.invalid",
                "ATTENDEE;CN=\"rita@example.com\";ROLE=REQ-PARTICIPANT:mailto:rita@example.com",
                "URL:https://reviews.example.com/reviews/11111111-1111-1111-1111-111111111111",
                "END:VEVENT");
        assertThat(lines).anyMatch(line -> line.startsWith("DESCRIPTION:Blameless review of INC-42 (SEV1\\, payments)"));
    }

    @Test
    void people_with_a_known_address_are_addressed_by_it_the_others_by_the_mail_domain() {
        String ics = calendar.render(List.of(meeting(FIRST, "Checkout errors", Instant.parse("2026-03-09T14:00:00Z"), 0,
                MeetingStatus.CONFIRMED)), new AddressBook(Map.of(), Map.of("fay", "fay.lee@example.com", "carl", "carl.b@example.com")));

        assertThat(unfold(ics)).contains("ORGANIZER;CN=\"fay\":mailto:fay.lee@example.com\r\n",
                "ATTENDEE;CN=\"carl\";ROLE=REQ-PARTICIPANT:mailto:carl.b@example.com\r\n",
                "ATTENDEE;CN=\"rita@example.com\";ROLE=REQ-PARTICIPANT:mailto:rita@example.com\r\n");
    }

    @Test
    void the_directory_address_comes_before_the_one_a_token_named_and_a_person_in_neither_gets_the_mail_domain() {
        ReviewMeeting meeting = new ReviewMeeting(FIRST, "INC-42", "t", "SEV1", "payments", " Fay ",
                List.of("carl", "dana"), Instant.parse("2026-03-09T14:00:00Z"), Instant.parse("2026-03-09T15:00:00Z"), 0,
                MeetingStatus.CONFIRMED, Instant.parse("2026-03-06T20:15:00Z"), null);
        AddressBook addresses = new AddressBook(Map.of("fay", "fay@reviews.example.com"),
                Map.of("fay", "fay.private@example.org", "carl", "carl.b@example.com"));

        String ics = unfold(calendar.render(List.of(meeting), addresses));

        assertThat(ics).contains("ORGANIZER;CN=\"Fay\":mailto:fay@reviews.example.com\r\n",
                "ATTENDEE;CN=\"carl\";ROLE=REQ-PARTICIPANT:mailto:carl.b@example.com\r\n",
                "ATTENDEE;CN=\"dana\";ROLE=REQ-PARTICIPANT:mailto:dana@users.invalid\r\n");
    }

    @Test
    void uses_crlf_only() {
        String ics = calendar.render(List.of(meeting(FIRST, "t", Instant.parse("2026-03-09T14:00:00Z"), 0,
                MeetingStatus.CONFIRMED)));

        assertThat(ics.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void a_cancelled_meeting_keeps_its_uid_and_says_cancelled() {
        String ics = unfold(calendar.render(List.of(meeting(FIRST, "t", Instant.parse("2026-03-09T14:00:00Z"), 1,
                MeetingStatus.CANCELLED))));

        assertThat(ics).contains("UID:review-" + FIRST + "@incident-lifecycle\r\n", "STATUS:CANCELLED\r\n",
                "SEQUENCE:1\r\n");
    }

    @Test
    void escapes_text_values() {
        String title = "Disk full; writes failed, see \\\\nas01\nthen recovered";

        String ics = unfold(calendar.render(List.of(meeting(FIRST, title, Instant.parse("2026-03-09T14:00:00Z"), 0,
                MeetingStatus.CONFIRMED))));

        assertThat(ics).contains(
                "SUMMARY:Incident review INC-42: Disk full\\; writes failed\\, see \\\\\\\\nas01\\nthen recovered\r\n");
        assertThat(ReviewCalendar.escapeText("a\r\nb\rc")).isEqualTo("a\\nb\\nc");
    }

    @Test
    void folds_long_lines_at_75_octets_without_splitting_characters() {
        String title = "Zahlungsdienst überlastet — Käufer sahen Fehler 🚨 ".repeat(6);

        String ics = calendar.render(List.of(meeting(FIRST, title, Instant.parse("2026-03-09T14:00:00Z"), 0,
                MeetingStatus.CONFIRMED)));

        List<String> lines = physicalLines(ics);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
            // a line split inside a surrogate pair or UTF-8 sequence would not survive a round trip
            assertThat(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(line);
        });
        assertThat(lines.stream().filter(line -> line.startsWith(" ")).count()).isGreaterThan(4);
        assertThat(unfold(ics)).contains("SUMMARY:Incident review INC-42: "
                + ReviewCalendar.escapeText(title) + "\r\n");
    }

    @Test
    void folding_counts_octets_not_characters() {
        String line = "SUMMARY:" + "é".repeat(80); // 2 octets each

        String folded = ReviewCalendar.fold(line);

        String[] parts = folded.split("\r\n");
        assertThat(parts[0].getBytes(StandardCharsets.UTF_8).length).isEqualTo(75 - 1); // 8 + 33*2 = 74, next é would be 76
        assertThat(parts[1]).startsWith(" é");
        assertThat(Arrays.stream(parts)).allMatch(p -> p.getBytes(StandardCharsets.UTF_8).length <= 75);
        assertThat(folded.replace("\r\n ", "")).isEqualTo(line);
    }

    @Test
    void a_line_of_exactly_75_octets_is_not_folded() {
        String line = "X".repeat(75);

        assertThat(ReviewCalendar.fold(line)).isEqualTo(line);
        assertThat(ReviewCalendar.fold(line + "Y")).isEqualTo(line + "\r\n Y");
    }

    @Test
    void the_same_meetings_give_the_same_bytes_in_start_order() {
        ReviewMeeting later = meeting(FIRST, "later", Instant.parse("2026-03-10T14:00:00Z"), 0, MeetingStatus.CONFIRMED);
        ReviewMeeting earlier = meeting(SECOND, "earlier", Instant.parse("2026-03-09T14:00:00Z"), 0,
                MeetingStatus.TENTATIVE);

        String one = calendar.render(List.of(later, earlier));
        String other = calendar.render(List.of(earlier, later));

        assertThat(one).isEqualTo(other);
        assertThat(one.indexOf("UID:review-" + SECOND)).isLessThan(one.indexOf("UID:review-" + FIRST));
    }

    @Test
    void people_with_odd_characters_stay_valid_addresses_and_parameters() {
        ReviewMeeting meeting = new ReviewMeeting(FIRST, "INC-7", "t", null, null, "Fay \"Ops\" Lee",
                List.of("José Ruiz"), Instant.parse("2026-03-09T14:00:00Z"), Instant.parse("2026-03-09T15:00:00Z"), 0,
                MeetingStatus.CONFIRMED, Instant.parse("2026-03-06T20:15:00Z"), null);

        String ics = unfold(calendar.render(List.of(meeting)));

        assertThat(ics).contains("ORGANIZER;CN=\"Fay Ops Lee\":mailto:Fay%20%22Ops%22%20Lee@users.invalid\r\n");
        assertThat(ics).contains("ATTENDEE;CN=\"José Ruiz\";ROLE=REQ-PARTICIPANT:mailto:Jos%C3%A9%20Ruiz@users.invalid\r\n");
        assertThat(ics).doesNotContain("URL:");
    }

    @Test
    void reopen_hold_and_resolve_again_raise_the_sequence_of_the_same_event() {
        ReviewDecider decider = new ReviewDecider();
        UUID reviewId = FIRST;
        Instant start = Instant.parse("2026-03-09T14:00:00Z");
        Instant due = Instant.parse("2026-03-11T22:00:00Z");
        List<ReviewEvent> history = new ArrayList<>(decider.decide(new ReviewCommand.Schedule(reviewId, SECOND, "INC-42",
                Severity.SEV1, "payments", "Checkout errors", ReviewRequirement.REQUIRED, due, "fay",
                List.of("carl"), start, start.plusSeconds(3600), "review-service", start.minusSeconds(86_400)),
                ReviewState.NONE));
        String before = unfold(calendar.render(List.of(meetingOf(decider.fold(history)))));

        history.addAll(decider.decide(new ReviewCommand.PutOnHold(reviewId, "incident reopened", "review-service",
                start.minusSeconds(80_000)), decider.fold(history)));
        history.addAll(decider.decide(new ReviewCommand.Reschedule(reviewId, start.plusSeconds(86_400),
                start.plusSeconds(90_000), due.plusSeconds(86_400), "incident resolved again", "review-service",
                start.minusSeconds(70_000)), decider.fold(history)));
        String after = unfold(calendar.render(List.of(meetingOf(decider.fold(history)))));

        assertThat(before).contains("UID:review-" + reviewId + "@incident-lifecycle\r\n", "SEQUENCE:0\r\n",
                "DTSTART:20260309T140000Z\r\n");
        assertThat(after).contains("UID:review-" + reviewId + "@incident-lifecycle\r\n", "SEQUENCE:1\r\n",
                "DTSTART:20260310T140000Z\r\n", "STATUS:CONFIRMED\r\n");
    }

    /** What the adapter does from its read model, here from the aggregate's state. */
    private static ReviewMeeting meetingOf(ReviewState state) {
        MeetingStatus status = switch (state.status()) {
            case CANCELLED, DECLINED -> MeetingStatus.CANCELLED;
            case ON_HOLD -> MeetingStatus.TENTATIVE;
            default -> MeetingStatus.CONFIRMED;
        };
        return new ReviewMeeting(state.reviewId(), state.incident().incidentNumber(), state.incident().title(),
                state.incident().severity().name(), state.incident().service(), state.meeting().facilitator(),
                state.meeting().participants(), state.meeting().start(), state.meeting().end(),
                state.meeting().sequence(), status, Instant.parse("2026-03-08T00:00:00Z"), null);
    }

    @Test
    void an_empty_feed_is_a_valid_calendar() {
        assertThat(calendar.render(List.of())).isEqualTo("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                + "PRODID:-//incident-lifecycle//review-service//EN\r\nCALSCALE:GREGORIAN\r\n"
                + "X-WR-CALNAME:Incident reviews\r\nEND:VCALENDAR\r\n");
    }
}
