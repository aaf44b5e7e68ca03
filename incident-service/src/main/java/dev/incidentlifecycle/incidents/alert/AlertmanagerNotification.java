package dev.incidentlifecycle.incidents.alert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Prometheus Alertmanager webhook notification (version 4: {@code version}, {@code status},
 * {@code receiver}, {@code groupKey}, {@code externalURL}, {@code alerts[]} with {@code status},
 * {@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt}, {@code generatorURL},
 * {@code fingerprint}), turned into one {@link AlertSignal} per alert.
 *
 * <p>Mapping of each alert:
 * <ul>
 *   <li>action: {@code firing} → TRIGGER, {@code resolved} → RESOLVE (the alert's own status, else the
 *       notification's);</li>
 *   <li>dedup key: {@code receiver + "/" + fingerprint}; without a fingerprint, the one Alertmanager
 *       itself would compute from the labels ({@link #fingerprintOf}), so a repeat maps to the same key;</li>
 *   <li>severity: the {@code severity} label, see {@link #severityOf};</li>
 *   <li>summary: {@code annotations.summary}, else {@code labels.alertname}, else the labels written out;
 *       cut to 1024 characters;</li>
 *   <li>service: {@code labels.service}, else {@code labels.job}, else none; component: the service;</li>
 *   <li>source: {@code labels.instance}, else {@code labels.job}, else {@code "alertmanager"};
 *       class: {@code labels.alertname}; group: {@code labels.namespace};</li>
 *   <li>timestamp: {@code startsAt} when firing, {@code endsAt} when resolved (Alertmanager's zero time
 *       {@code 0001-01-01T00:00:00Z} counts as absent);</li>
 *   <li>links: {@code generatorURL} ("Source"); client: "Alertmanager", client URL: {@code externalURL};</li>
 *   <li>custom details: the alert's own {@code labels}, {@code annotations} and {@code fingerprint}, and a
 *       reference to its group ({@code receiver}, {@code groupKey}).</li>
 * </ul>
 * The notification's shared fields ({@code commonLabels}, {@code commonAnnotations}, {@code groupLabels},
 * {@code truncatedAlerts}) are not copied into any signal: every alert already carries its own labels, and a
 * copy per alert would multiply a notification's size by its number of alerts.
 *
 * <p>A body that is not a version 4 notification is refused with every error found. Bounds
 * ({@link AlertLimits}): at most {@value AlertLimits#ALERTS_PER_NOTIFICATION} alerts, label and annotation names
 * and values at most {@value AlertLimits#NOTIFICATION_FIELD_BYTES} bytes each, labels that become a signal's
 * fields (service, job, instance, namespace, alertname) within that field's length, URLs http or https; over a
 * size bound the result is {@link Validated.Invalid#tooLarge() too large}. Every signal given back passes
 * {@link PagerDutyEvent#validate}, so the {@code alerts} consumer accepts what the webhook wrote.
 */
public final class AlertmanagerNotification {

    public static final String CLIENT = "Alertmanager";

    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private AlertmanagerNotification() {
    }

    /** Each alert of the notification as a signal, in the notification's order; or every reason it was refused. */
    public static Validated<List<AlertSignal>> toSignals(Map<String, ?> body) {
        Map<String, ?> notification = body == null ? Map.of() : body;
        BodyReader reader = new BodyReader();

        Object version = notification.get("version");
        if (version == null || version instanceof String text && text.isBlank()) {
            reader.error("'version' is missing or blank");
        } else if (!"4".equals(version)) {
            reader.error("'version' must be \"4\"");
        }
        String groupStatus = status(notification.get("status"), "status", reader, true);
        String receiver = reader.checked(reader.requiredText(notification, "receiver", "receiver"), "receiver",
                AlertLimits.DEDUP_KEY, AlertText.Kind.LINE);
        String groupKey = reader.boundedText(notification, "groupKey", "groupKey", AlertLimits.GROUP_KEY, AlertText.Kind.LINE);
        String externalUrl = reader.webUrl(notification, "externalURL", "externalURL");

        List<AlertSignal> signals = new ArrayList<>();
        Object alertsValue = notification.get("alerts");
        if (alertsValue == null) {
            reader.error("'alerts' is missing");
        }
        List<?> alerts = reader.array(notification, "alerts", "alerts");
        if (alerts != null && alerts.size() > AlertLimits.ALERTS_PER_NOTIFICATION) {
            reader.exceeded("'alerts' holds " + alerts.size() + " alerts; at most "
                    + AlertLimits.ALERTS_PER_NOTIFICATION + " per notification");
        } else if (alerts != null) {
            for (int i = 0; i < alerts.size(); i++) {
                AlertSignal signal = signal(alerts.get(i), "alerts[" + i + "]", groupStatus, receiver,
                        groupKey, externalUrl, reader);
                if (signal != null) {
                    signals.add(signal);
                }
            }
        }
        if (!reader.errors().isEmpty()) {
            return new Validated.Invalid<>(reader.errors(), reader.tooLarge());
        }
        return new Validated.Valid<>(List.copyOf(signals));
    }

    /**
     * The alert severity for a {@code severity} label, case and surrounding spaces ignored:
     * <table>
     *   <caption>severity label mapping</caption>
     *   <tr><th>label</th><th>severity</th></tr>
     *   <tr><td>critical, crit, fatal, emergency, emerg, alert, page, high, p1, sev1</td><td>CRITICAL</td></tr>
     *   <tr><td>error, err, major, medium, p2, sev2</td><td>ERROR</td></tr>
     *   <tr><td>warning, warn, minor, low, p3, p4, sev3, sev4</td><td>WARNING</td></tr>
     *   <tr><td>info, informational, information, notice, debug, none, ok, p5</td><td>INFO</td></tr>
     *   <tr><td>missing, or anything else</td><td>WARNING</td></tr>
     * </table>
     * An unknown label is neither ignored nor escalated: WARNING is recorded without declaring an
     * incident under the default policy, yet still seen.
     */
    public static AlertSeverity severityOf(String label) {
        if (label == null) {
            return AlertSeverity.WARNING;
        }
        return switch (label.trim().toLowerCase(Locale.ROOT)) {
            case "critical", "crit", "fatal", "emergency", "emerg", "alert", "page", "high", "p1", "sev1" ->
                    AlertSeverity.CRITICAL;
            case "error", "err", "major", "medium", "p2", "sev2" -> AlertSeverity.ERROR;
            case "info", "informational", "information", "notice", "debug", "none", "ok", "p5" -> AlertSeverity.INFO;
            default -> AlertSeverity.WARNING;
        };
    }

    /**
     * The fingerprint Alertmanager gives an alert with these labels (prometheus/common
     * {@code LabelSet.Fingerprint()}: 64-bit FNV-1a over the label names in sorted order, each name and
     * value followed by the byte 0xff, written as 16 lower-case hex digits).
     */
    public static String fingerprintOf(Map<String, String> labels) {
        long hash = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            hash = fnv1a(hash, label.getKey());
            hash = fnv1a(hash, (byte) 0xff);
            hash = fnv1a(hash, label.getValue());
            hash = fnv1a(hash, (byte) 0xff);
        }
        return String.format("%016x", hash);
    }

    private static long fnv1a(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = fnv1a(hash, b);
        }
        return hash;
    }

    private static long fnv1a(long hash, byte b) {
        return (hash ^ (b & 0xff)) * 0x100000001b3L;
    }

    private static AlertSignal signal(Object value, String path, String groupStatus, String receiver,
                                      String groupKey, String externalUrl, BodyReader reader) {
        Map<String, Object> alert = BodyReader.asObject(value);
        if (alert == null) {
            reader.error("'" + path + "' must be an object");
            return null;
        }
        String status = alert.get("status") == null
                ? groupStatus
                : status(alert.get("status"), path + ".status", reader, false);
        Object rawLabels = alert.get("labels");
        Map<String, String> labels = reader.stringMap(alert, "labels", path + ".labels");
        if (rawLabels == null || rawLabels instanceof Map<?, ?> map && map.isEmpty()) {
            reader.error("'" + path + ".labels' is missing or empty");
        }
        Map<String, String> annotations = reader.stringMap(alert, "annotations", path + ".annotations");
        boolean withinBytes = withinBytes(labels, path + ".labels", reader) & withinBytes(annotations, path + ".annotations", reader);
        Instant startsAt = time(alert, "startsAt", path, reader);
        Instant endsAt = time(alert, "endsAt", path, reader);
        String generatorUrl = reader.webUrl(alert, "generatorURL", path + ".generatorURL");
        String fingerprint = reader.boundedText(alert, "fingerprint", path + ".fingerprint", AlertLimits.DEDUP_KEY,
                AlertText.Kind.LINE);
        if (status == null || labels == null || labels.isEmpty() || receiver == null || !withinBytes) {
            return null;
        }
        int errorsBefore = reader.errorCount();
        annotations = annotations == null ? Map.of() : annotations;
        if (fingerprint == null) {
            fingerprint = fingerprintOf(labels);
        }
        String dedupKey = receiver + "/" + fingerprint;
        if (dedupKey.length() > PagerDutyEvent.MAX_DEDUP_KEY_LENGTH) {
            reader.exceeded("'" + path + "' gives a dedup key (receiver/fingerprint) longer than "
                    + PagerDutyEvent.MAX_DEDUP_KEY_LENGTH + " characters");
            return null;
        }

        boolean firing = status.equals("firing");
        String service = label(labels, path, AlertLimits.COMPONENT, reader, "service", "job");
        String source = firstPresent(label(labels, path, AlertLimits.SOURCE, reader, "instance", "job"), "alertmanager");
        String group = label(labels, path, AlertLimits.GROUP, reader, "namespace");
        String alertClass = label(labels, path, AlertLimits.CLASS, reader, "alertname");
        String summaryPath = blankToNull(annotations.get("summary")) != null ? path + ".annotations.summary"
                : blankToNull(labels.get("alertname")) != null ? path + ".labels.alertname" : path + ".labels";
        String summary = AlertText.cut(firstPresent(annotations.get("summary"), labels.get("alertname"),
                new TreeMap<>(labels).toString()), AlertLimits.SUMMARY);
        String summaryProblem = AlertText.problem(summary, AlertText.Kind.PROSE);
        if (summaryProblem != null) {
            reader.error("'" + summaryPath + "' " + summaryProblem + " (it is the alert's summary)");
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("labels", labels);
        details.put("annotations", annotations);
        details.put("fingerprint", fingerprint);
        details.put("receiver", receiver);
        if (groupKey != null) {
            details.put("groupKey", groupKey);
        }
        CustomDetails.check(details, path, reader);
        if (reader.errorCount() > errorsBefore) {
            return null;
        }
        List<AlertLink> links = generatorUrl == null ? List.of() : List.of(new AlertLink(generatorUrl, "Source"));
        AlertSignal signal = new AlertSignal(
                firing ? AlertSignal.Action.TRIGGER : AlertSignal.Action.RESOLVE,
                dedupKey, summary, source, severityOf(labels.get("severity")),
                firing ? startsAt : endsAt,
                service, group, alertClass, details, links, CLIENT, externalUrl, service);
        // The consumer validates every record of the alerts topic this way: never write one it would refuse.
        if (PagerDutyEvent.validate(PagerDutyEvent.toBody(signal, null), () -> dedupKey, PagerDutyEvent.RoutingKey.OPTIONAL)
                instanceof Validated.Invalid<AlertSignal> refused) {
            String reasons = "'" + path + "' would be refused on the alerts topic: " + String.join("; ", refused.errors());
            if (refused.tooLarge()) {
                reader.exceeded(reasons);
            } else {
                reader.error(reasons);
            }
            return null;
        }
        return signal;
    }

    /** Every name and value within {@link AlertLimits#NOTIFICATION_FIELD_BYTES}; noting each that is not. */
    private static boolean withinBytes(Map<String, String> values, String path, BodyReader reader) {
        if (values == null) {
            return true;
        }
        boolean within = true;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String field = path + "." + AlertText.displayed(entry.getKey());
            if (AlertText.utf8Length(entry.getKey()) > AlertLimits.NOTIFICATION_FIELD_BYTES) {
                reader.exceeded("'" + path + "' has a name longer than " + AlertLimits.NOTIFICATION_FIELD_BYTES + " bytes");
                within = false;
            } else if (AlertText.utf8Length(entry.getValue()) > AlertLimits.NOTIFICATION_FIELD_BYTES) {
                reader.exceeded("'" + field + "' exceeds " + AlertLimits.NOTIFICATION_FIELD_BYTES + " bytes");
                within = false;
            }
        }
        return within;
    }

    /** The first of the labels that is present, checked as the signal field it becomes; null when none is. */
    private static String label(Map<String, String> labels, String path, int maxLength, BodyReader reader, String... names) {
        for (String name : names) {
            String value = blankToNull(labels.get(name));
            if (value != null) {
                return reader.checked(value, path + ".labels." + name, maxLength, AlertText.Kind.LINE);
            }
        }
        return null;
    }

    private static String status(Object value, String path, BodyReader reader, boolean required) {
        if (value == null || value instanceof String text && text.isBlank()) {
            if (required) {
                reader.error("'" + path + "' is missing or blank");
            }
            return null;
        }
        if ("firing".equals(value) || "resolved".equals(value)) {
            return (String) value;
        }
        reader.error("'" + path + "' is invalid");
        return null;
    }

    private static Instant time(Map<String, Object> alert, String key, String path, BodyReader reader) {
        Object value = alert.get(key);
        if (value == null || value instanceof String text && text.isBlank()) {
            return null;
        }
        Instant time = value instanceof String text ? Iso8601.parse(text) : null;
        if (time == null) {
            reader.error("'" + path + "." + key + "' is invalid");
            return null;
        }
        // Go's zero time is how Alertmanager writes "not set" (endsAt of a firing alert, for one).
        return time.isAfter(GO_ZERO_TIME) ? time : null;
    }

    private static String firstPresent(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
