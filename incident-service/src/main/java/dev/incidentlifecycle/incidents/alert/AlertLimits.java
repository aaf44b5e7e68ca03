package dev.incidentlifecycle.incidents.alert;

/**
 * Every bound on what an alerting system may send, in one place (documented in the service's README and in
 * {@code docs/schemas/alerts/pagerduty-event-v2.json}). Lengths are in characters (UTF-16 code units, as
 * {@link String#length()} counts them), so a 255-character value is at most 765 bytes of UTF-8: well inside
 * what a PostgreSQL btree index row holds (about 2,700 bytes), which the service and dedup key are indexed by.
 *
 * <p>Text fields refuse C0 control characters (U+0000–U+001F) and unpaired surrogates; the summary alone may
 * carry tab, line feed and carriage return (tools template it over several lines). Inside
 * {@code custom_details} only U+0000 is refused (PostgreSQL's jsonb cannot hold it, in keys or values);
 * other control characters there are the sender's data and are kept.
 */
public final class AlertLimits {

    public static final int DEDUP_KEY = 255;
    /** PagerDuty's own limit. */
    public static final int SUMMARY = 1024;
    public static final int SOURCE = 255;
    public static final int COMPONENT = 255;
    public static final int GROUP = 255;
    public static final int CLASS = 255;
    public static final int CLIENT = 255;
    /** {@code client_url} and every {@code links[].href}; only http and https. */
    public static final int URL = 2048;
    public static final int LINKS = 20;
    public static final int LINK_TEXT = 255;
    /** {@code payload.custom_details} written as compact JSON, in bytes of UTF-8. */
    public static final int CUSTOM_DETAILS_BYTES = 32 * 1024;
    /** Levels of objects and arrays inside {@code payload.custom_details} (itself the first). */
    public static final int CUSTOM_DETAILS_DEPTH = 8;
    /** Object members and array items inside {@code payload.custom_details}, counted at every level. */
    public static final int CUSTOM_DETAILS_ENTRIES = 1000;
    public static final int CUSTOM_DETAILS_KEY = 255;

    /** Alerts in one Alertmanager notification (above it: 413). */
    public static final int ALERTS_PER_NOTIFICATION = 1000;
    /** Each label and annotation name and value of an Alertmanager alert, in bytes of UTF-8 (above it: 413). */
    public static final int NOTIFICATION_FIELD_BYTES = 4096;
    /** An Alertmanager {@code groupKey}, kept in each signal as the reference to its group. */
    public static final int GROUP_KEY = 1024;

    private AlertLimits() {
    }
}
