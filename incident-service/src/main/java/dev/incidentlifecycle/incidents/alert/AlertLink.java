package dev.incidentlifecycle.incidents.alert;

/** A link that came with an alert (PagerDuty's {@code links[]}: {@code href} and an optional {@code text}). */
public record AlertLink(String href, String text) {
}
