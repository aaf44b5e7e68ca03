package dev.incidentlifecycle.reviews.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Renders review meetings as an RFC 5545 iCalendar feed that calendar apps can subscribe to.
 * <ul>
 *   <li>One VEVENT per meeting, {@code UID:review-<id>@incident-lifecycle}, stable across reschedules;
 *       {@code SEQUENCE} is the reschedule count; {@code DTSTAMP} is the meeting's last change;
 *       {@code DTSTART}/{@code DTEND} in UTC; {@code STATUS} CONFIRMED, TENTATIVE or CANCELLED.</li>
 *   <li>{@code ORGANIZER} is the facilitator, {@code ATTENDEE} each participant, as
 *       {@code CN=<person>:mailto:<address>}: the person's address in the {@link AddressBook} given to
 *       {@link #render(Collection, AddressBook)} (the facilitator directory's, else the one their token named) if there
 *       is one; else a person that looks like an e-mail address is used as is, any other is given the configured mail
 *       domain (default {@value #DEFAULT_MAIL_DOMAIN}, a reserved name that never delivers).</li>
 *   <li>CRLF line endings, lines folded at 75 octets (never inside a UTF-8 character), TEXT values
 *       escaped ({@code \\ \; \, \n}).</li>
 * </ul>
 * Meetings are written in start order, then by review id, so the same input gives the same bytes.
 */
public final class ReviewCalendar {

    public static final String DEFAULT_PRODUCT_ID = "-//incident-lifecycle//review-service//EN";
    public static final String DEFAULT_MAIL_DOMAIN = "users.invalid";
    public static final String DEFAULT_NAME = "Incident reviews";

    private static final String CRLF = "\r\n";
    private static final int MAX_OCTETS = 75;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final String productId;
    private final String mailDomain;
    private final String name;

    public ReviewCalendar() {
        this(DEFAULT_PRODUCT_ID, DEFAULT_MAIL_DOMAIN, DEFAULT_NAME);
    }

    public ReviewCalendar(String productId, String mailDomain, String name) {
        this.productId = Objects.requireNonNull(productId, "productId");
        this.mailDomain = Objects.requireNonNull(mailDomain, "mailDomain");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The stable UID of a review's meeting. */
    public static String uidOf(UUID reviewId) {
        return "review-" + reviewId + "@incident-lifecycle";
    }

    public String render(Collection<ReviewMeeting> meetings) {
        return render(meetings, AddressBook.EMPTY);
    }

    /** The feed, addressing each person the address book knows with their address. */
    public String render(Collection<ReviewMeeting> meetings, AddressBook addresses) {
        List<ReviewMeeting> ordered = new ArrayList<>(meetings);
        ordered.sort(Comparator.comparing(ReviewMeeting::start).thenComparing(ReviewMeeting::reviewId));
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:" + productId);
        line(out, "CALSCALE:GREGORIAN");
        line(out, "X-WR-CALNAME:" + escapeText(name));
        for (ReviewMeeting meeting : ordered) {
            event(out, meeting, addresses);
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private void event(StringBuilder out, ReviewMeeting meeting, AddressBook addresses) {
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + uidOf(meeting.reviewId()));
        line(out, "SEQUENCE:" + meeting.sequence());
        line(out, "DTSTAMP:" + utc(meeting.lastModified()));
        line(out, "DTSTART:" + utc(meeting.start()));
        line(out, "DTEND:" + utc(meeting.end()));
        line(out, "SUMMARY:" + escapeText(summaryOf(meeting)));
        line(out, "DESCRIPTION:" + escapeText(descriptionOf(meeting)));
        line(out, "STATUS:" + meeting.status().name());
        line(out, "ORGANIZER;CN=" + paramValue(meeting.facilitator()) + ":" + addressOf(meeting.facilitator(), addresses));
        for (String participant : meeting.participants()) {
            line(out, "ATTENDEE;CN=" + paramValue(participant) + ";ROLE=REQ-PARTICIPANT:" + addressOf(participant, addresses));
        }
        if (meeting.link() != null) {
            line(out, "URL:" + meeting.link());
        }
        line(out, "END:VEVENT");
    }

    private static String summaryOf(ReviewMeeting meeting) {
        String title = meeting.incidentTitle() == null || meeting.incidentTitle().isBlank()
                ? "" : ": " + meeting.incidentTitle();
        return "Incident review " + meeting.incidentNumber() + title;
    }

    private static String descriptionOf(ReviewMeeting meeting) {
        StringBuilder text = new StringBuilder("Blameless review of ").append(meeting.incidentNumber());
        List<String> facts = new ArrayList<>();
        if (meeting.severity() != null) {
            facts.add(meeting.severity());
        }
        if (meeting.service() != null && !meeting.service().isBlank()) {
            facts.add(meeting.service());
        }
        if (!facts.isEmpty()) {
            text.append(" (").append(String.join(", ", facts)).append(')');
        }
        if (meeting.incidentTitle() != null && !meeting.incidentTitle().isBlank()) {
            text.append(": ").append(meeting.incidentTitle());
        }
        text.append("\nFacilitator: ").append(meeting.facilitator());
        if (!meeting.participants().isEmpty()) {
            text.append("\nParticipants: ").append(String.join(", ", meeting.participants()));
        }
        if (meeting.link() != null) {
            text.append('\n').append(meeting.link());
        }
        return text.toString();
    }

    private String addressOf(String person, AddressBook addresses) {
        String address = addresses.find(person)
                .orElseGet(() -> person.contains("@") ? person.strip() : person.strip() + "@" + mailDomain);
        return "mailto:" + percentEncode(address);
    }

    private static String utc(Instant instant) {
        return UTC.format(instant);
    }

    /** RFC 5545 3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT values. */
    static String escapeText(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case ';' -> escaped.append("\\;");
                case ',' -> escaped.append("\\,");
                case '\r' -> {
                    escaped.append("\\n");
                    if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\n' -> escaped.append("\\n");
                default -> escaped.append(Character.isISOControl(c) && c != '\t' ? ' ' : c);
            }
        }
        return escaped.toString();
    }

    /** A parameter value is always quoted; DQUOTE and control characters cannot appear in one (RFC 5545 3.1). */
    static String paramValue(String value) {
        StringBuilder clean = new StringBuilder("\"");
        value.strip().codePoints()
                .filter(c -> c != '"' && !Character.isISOControl(c))
                .forEach(clean::appendCodePoint);
        return clean.append('"').toString();
    }

    /** Keeps a mailto URI valid whatever a person identifier contains (spaces, non-ASCII). */
    private static String percentEncode(String address) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : address.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~@+!$'*=".indexOf(c) >= 0;
            if (safe) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    /** Appends a content line, folded so no physical line exceeds 75 octets (RFC 5545 3.1). */
    static void line(StringBuilder out, String contentLine) {
        out.append(fold(contentLine)).append(CRLF);
    }

    static String fold(String contentLine) {
        StringBuilder folded = new StringBuilder(contentLine.length() + 8);
        int octets = 0;
        int limit = MAX_OCTETS;
        for (int i = 0; i < contentLine.length(); ) {
            int codePoint = contentLine.codePointAt(i);
            int size = utf8Length(codePoint);
            if (octets + size > limit) {
                folded.append(CRLF).append(' ');
                octets = 1; // the leading space of a continuation line counts
            }
            folded.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        return folded.toString();
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
