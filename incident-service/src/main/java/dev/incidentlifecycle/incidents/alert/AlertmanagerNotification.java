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
 *   <li>links: {@code generatorURL} ("Source") and the notification's {@code externalURL} ("Alertmanager");
 *       client: "Alertmanager", client URL: {@code externalURL};</li>
 *   <li>custom details: {@code labels}, {@code annotations}, {@code fingerprint}, {@code receiver},
 *       {@code groupKey}.</li>
 * </ul>
 * A body that is not a version 4 notification is refused with every error found.
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
        String receiver = reader.requiredText(notification, "receiver", "receiver");
        String groupKey = reader.text(notification, "groupKey", "groupKey");
        String externalUrl = reader.nonBlankText(notification, "externalURL", "externalURL");

        List<AlertSignal> signals = new ArrayList<>();
        Object alertsValue = notification.get("alerts");
        if (alertsValue == null) {
            reader.error("'alerts' is missing");
        }
        List<?> alerts = reader.array(notification, "alerts", "alerts");
        if (alerts != null) {
            for (int i = 0; i < alerts.size(); i++) {
                AlertSignal signal = signal(alerts.get(i), "alerts[" + i + "]", groupStatus, receiver,
                        groupKey, externalUrl, reader);
                if (signal != null) {
                    signals.add(signal);
                }
            }
        }
        if (!reader.errors().isEmpty()) {
            return new Validated.Invalid<>(reader.errors());
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
        Instant startsAt = time(alert, "startsAt", path, reader);
        Instant endsAt = time(alert, "endsAt", path, reader);
        String generatorUrl = reader.nonBlankText(alert, "generatorURL", path + ".generatorURL");
        String fingerprint = reader.nonBlankText(alert, "fingerprint", path + ".fingerprint");
        if (status == null || labels == null || labels.isEmpty() || receiver == null) {
            return null;
        }
        annotations = annotations == null ? Map.of() : annotations;
        if (fingerprint == null) {
            fingerprint = fingerprintOf(labels);
        }
        String dedupKey = receiver + "/" + fingerprint;
        if (dedupKey.length() > PagerDutyEvent.MAX_DEDUP_KEY_LENGTH) {
            reader.error("'" + path + "' gives a dedup key (receiver/fingerprint) longer than "
                    + PagerDutyEvent.MAX_DEDUP_KEY_LENGTH + " characters");
            return null;
        }

        boolean firing = status.equals("firing");
        String service = firstPresent(labels.get("service"), labels.get("job"));
        String source = firstPresent(labels.get("instance"), labels.get("job"), "alertmanager");
        String summary = firstPresent(annotations.get("summary"), labels.get("alertname"), new TreeMap<>(labels).toString());
        if (summary.length() > PagerDutyEvent.MAX_SUMMARY_LENGTH) {
            summary = summary.substring(0, PagerDutyEvent.MAX_SUMMARY_LENGTH - 1) + "…";
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("labels", labels);
        details.put("annotations", annotations);
        details.put("fingerprint", fingerprint);
        details.put("receiver", receiver);
        if (groupKey != null) {
            details.put("groupKey", groupKey);
        }
        List<AlertLink> links = new ArrayList<>();
        if (generatorUrl != null) {
            links.add(new AlertLink(generatorUrl, "Source"));
        }
        if (externalUrl != null) {
            links.add(new AlertLink(externalUrl, CLIENT));
        }
        return new AlertSignal(
                firing ? AlertSignal.Action.TRIGGER : AlertSignal.Action.RESOLVE,
                dedupKey, summary, source, severityOf(labels.get("severity")),
                firing ? startsAt : endsAt,
                service, blankToNull(labels.get("namespace")), blankToNull(labels.get("alertname")),
                details, links, CLIENT, externalUrl, service);
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
