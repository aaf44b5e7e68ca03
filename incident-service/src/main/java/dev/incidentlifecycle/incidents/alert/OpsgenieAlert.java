package dev.incidentlifecycle.incidents.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Bodies of Opsgenie's Alert API ({@code POST /v2/alerts}, {@code POST /v2/alerts/{alias}/acknowledge} and
 * {@code /close}) checked and turned into an {@link AlertSignal}, so a sender that pages Opsgenie moves here by
 * changing its URL. The signal goes onto {@code alerts} as any other does: the same dedup, triage and grouping.
 *
 * <p>Create, field by field:
 * <ul>
 *   <li>{@code message} (required, 130 characters, one line) → the summary;</li>
 *   <li>{@code alias} (255 characters: the dedup key's bound, Opsgenie allows 512) → the dedup key, so a create with
 *       the alias of an open alert counts one more occurrence of it; without one, the caller's {@code newAlias}
 *       (the request id: Opsgenie too gives an alias-less alert a new one);</li>
 *   <li>{@code priority} {@code P1}..{@code P5}, default {@code P3} → the severity ({@link OpsgeniePriority});</li>
 *   <li>{@code source} (100 characters; default, as in Opsgenie, the address the request came from) → the source;</li>
 *   <li>{@code entity} (255 characters, Opsgenie allows 512) → the component, and so the service (else the source,
 *       as for PagerDuty events);</li>
 *   <li>{@code details} (string values; numbers and booleans are taken as their text; 8000 characters of keys and
 *       values together, as Opsgenie) → the custom details, at the top level where grouping keys look;</li>
 *   <li>{@code description} (15000 characters), {@code tags} (20 of 50 characters), {@code user} (100),
 *       {@code note} (25000) and the priority as sent → kept in the custom details under {@value #DETAILS_KEY};</li>
 *   <li>{@code actions} (10 of 50 characters), {@code responders} and {@code visibleTo} (50 objects each) are
 *       checked and not kept: this service routes by service and policy, not by Opsgenie's teams and schedules;</li>
 *   <li>unknown fields are ignored, as Opsgenie ignores them.</li>
 * </ul>
 * Texts refuse C0 control characters (description and note may hold tab, line feed and carriage return) and unpaired
 * surrogates, as every intake does ({@link AlertText}); the custom details so built keep {@link AlertLimits}' bounds
 * (32 KiB as JSON), so a body whose description, note, tags and details are all near their own limits in multi-byte
 * text is refused. Acknowledge and close take an optional body of {@code user} (100), {@code source} (100) and
 * {@code note} (25000), checked and not kept: the integration is the actor.
 *
 * <p>Errors are worded as the other intakes word them, {@code 'message' exceeds 130 characters};
 * {@link #errorsByField} gives Opsgenie's {@code errors} object of them ({@code {"message": "exceeds 130 characters"}}),
 * and the priority's is Opsgenie's own: {@code should be one of [ P1, P2, P3, P4, P5 ]}.
 */
public final class OpsgenieAlert {

    public static final int MESSAGE = 130;
    public static final int ALIAS = AlertLimits.DEDUP_KEY;
    public static final int DESCRIPTION = 15_000;
    public static final int SOURCE = 100;
    public static final int ENTITY = AlertLimits.COMPONENT;
    public static final int TAGS = 20;
    public static final int TAG = 50;
    public static final int DETAILS_CHARACTERS = 8000;
    public static final int ACTIONS = 10;
    public static final int ACTION = 50;
    /** {@code responders} and {@code visibleTo}, each. */
    public static final int RECIPIENTS = 50;
    public static final int USER = 100;
    public static final int NOTE = 25_000;

    /** Where the alert's custom details keep the Opsgenie fields that have no signal field of their own. */
    public static final String DETAILS_KEY = "opsgenie";
    /** The only {@code identifierType} this intake knows alerts by. */
    public static final String ALIAS_IDENTIFIER = "alias";
    /** The key of Opsgenie's {@code errors} object for an error of the body as a whole. */
    public static final String BODY = "(body)";

    private OpsgenieAlert() {
    }

    /**
     * Checks a create body.
     *
     * @param requestSource the source when the body gives none: the address the request came from
     * @param newAlias      gives the alias of an alert created without one (called at most once)
     */
    public static Validated<AlertSignal> create(Map<String, ?> body, String requestSource, Supplier<String> newAlias) {
        Map<String, ?> alert = body == null ? Map.of() : body;
        BodyReader reader = new BodyReader();

        String message = reader.checked(reader.requiredText(alert, "message", "message"), "message", MESSAGE, AlertText.Kind.LINE);
        String alias = reader.boundedText(alert, "alias", "alias", ALIAS, AlertText.Kind.LINE);
        OpsgeniePriority priority = priority(alert, reader);
        String source = reader.boundedText(alert, "source", "source", SOURCE, AlertText.Kind.LINE);
        String entity = reader.boundedText(alert, "entity", "entity", ENTITY, AlertText.Kind.LINE);
        String description = reader.boundedText(alert, "description", "description", DESCRIPTION, AlertText.Kind.PROSE);
        String user = reader.boundedText(alert, "user", "user", USER, AlertText.Kind.LINE);
        String note = reader.boundedText(alert, "note", "note", NOTE, AlertText.Kind.PROSE);
        List<String> tags = texts(alert, "tags", TAGS, TAG, reader);
        texts(alert, "actions", ACTIONS, ACTION, reader);
        recipients(alert, "responders", reader);
        recipients(alert, "visibleTo", reader);
        Map<String, Object> details = details(alert, reader);
        if (reader.errorCount() > 0) {
            return new Validated.Invalid<>(reader.errors(), reader.tooLarge());
        }

        Map<String, Object> opsgenie = new LinkedHashMap<>();
        opsgenie.put("priority", priority.name());
        putIfPresent(opsgenie, "description", description);
        if (!tags.isEmpty()) {
            opsgenie.put("tags", tags);
        }
        putIfPresent(opsgenie, "user", user);
        putIfPresent(opsgenie, "note", note);
        Map<String, Object> customDetails = new LinkedHashMap<>(details);
        customDetails.put(DETAILS_KEY, opsgenie);
        BodyReader together = new BodyReader();
        CustomDetails.check(customDetails, "details", together);
        if (together.errorCount() > 0) {
            reader.exceeded("'details' with 'description', 'note' and 'tags' (together the alert's custom details) exceed "
                    + AlertLimits.CUSTOM_DETAILS_BYTES + " bytes as JSON");
            return new Validated.Invalid<>(reader.errors(), true);
        }

        String sourceOrCaller = source != null ? source : AlertText.cut(requestSource, SOURCE);
        String dedupKey = alias != null ? alias : newAlias.get();
        String service = entity != null ? entity : sourceOrCaller;
        AlertSignal signal = new AlertSignal(AlertSignal.Action.TRIGGER, dedupKey, message, sourceOrCaller,
                priority.severity(), null, entity, null, null, customDetails, List.of(), null, null, service);
        return onTheTopic(signal);
    }

    /**
     * Checks an acknowledge or close of the alert of an alias: {@code ACKNOWLEDGE} or {@code RESOLVE} (Opsgenie's close).
     *
     * @param body the optional body (null when none came)
     */
    public static Validated<AlertSignal> action(AlertSignal.Action action, String alias, Map<String, ?> body) {
        if (action == AlertSignal.Action.TRIGGER) {
            throw new IllegalArgumentException("a trigger is a create");
        }
        Map<String, ?> request = body == null ? Map.of() : body;
        BodyReader reader = new BodyReader();
        String dedupKey = alias == null || alias.isBlank()
                ? null : reader.checked(alias, "identifier", ALIAS, AlertText.Kind.LINE);
        if (alias == null || alias.isBlank()) {
            reader.error("'identifier' is missing or blank");
        }
        reader.boundedText(request, "user", "user", USER, AlertText.Kind.LINE);
        reader.boundedText(request, "source", "source", SOURCE, AlertText.Kind.LINE);
        reader.boundedText(request, "note", "note", NOTE, AlertText.Kind.PROSE);
        if (reader.errorCount() > 0) {
            return new Validated.Invalid<>(reader.errors(), reader.tooLarge());
        }
        return onTheTopic(new AlertSignal(action, dedupKey, null, null, null, null, null, null, null, null, null, null, null, null));
    }

    /**
     * Why an {@code identifierType} is refused (null for {@code alias}, in any case): Opsgenie's {@code id} (its default)
     * and {@code tiny} name alerts by Opsgenie's own numbering, which alerts here do not have.
     */
    public static String unsupportedIdentifierType(String identifierType) {
        if (identifierType != null && identifierType.strip().toLowerCase(Locale.ROOT).equals(ALIAS_IDENTIFIER)) {
            return null;
        }
        String given = identifierType == null || identifierType.isBlank()
                ? "none, which Opsgenie reads as id" : "'" + AlertText.displayed(identifierType) + "'";
        return "identifierType must be alias: alerts here are found by their alias (the dedup key), not by Opsgenie's "
                + "id or tiny id (identifierType given: " + given + ")";
    }

    /**
     * Opsgenie's {@code errors} object: each error under the field it names ({@code 'message' exceeds 130 characters}
     * → {@code "message": "exceeds 130 characters"}), several of one field joined by "; ", the rest under {@value #BODY}.
     */
    public static Map<String, String> errorsByField(List<String> errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (String error : errors) {
            int close = error.startsWith("'") ? error.indexOf("' ", 1) : -1;
            String field = close > 0 ? error.substring(1, close) : BODY;
            String text = close > 0 ? error.substring(close + 2) : error;
            byField.merge(field, text, (first, next) -> first + "; " + next);
        }
        return byField;
    }

    private static OpsgeniePriority priority(Map<String, ?> alert, BodyReader reader) {
        Object value = alert.get("priority");
        if (value == null) {
            return OpsgeniePriority.DEFAULT;
        }
        OpsgeniePriority priority = value instanceof String name ? OpsgeniePriority.of(name) : null;
        if (priority == null) {
            reader.error("'priority' should be one of [ P1, P2, P3, P4, P5 ]");
        }
        return priority;
    }

    /** A list of short texts ({@code tags}, {@code actions}): at most {@code maxItems}, each one line; blanks skipped. */
    private static List<String> texts(Map<String, ?> alert, String key, int maxItems, int maxLength, BodyReader reader) {
        List<?> array = reader.array(alert, key, key);
        if (array == null) {
            return List.of();
        }
        if (array.size() > maxItems) {
            reader.exceeded("'" + key + "' holds more than " + maxItems + " items");
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = key + "[" + i + "]";
            if (!(array.get(i) instanceof String text)) {
                reader.error("'" + path + "' must be a string");
            } else if (!text.isBlank()) {
                String checked = reader.checked(text, path, maxLength, AlertText.Kind.LINE);
                if (checked != null) {
                    texts.add(checked);
                }
            }
        }
        return texts;
    }

    /** {@code responders}, {@code visibleTo}: arrays of objects, bounded; not kept. */
    private static void recipients(Map<String, ?> alert, String key, BodyReader reader) {
        List<?> array = reader.array(alert, key, key);
        if (array == null) {
            return;
        }
        if (array.size() > RECIPIENTS) {
            reader.exceeded("'" + key + "' holds more than " + RECIPIENTS + " items");
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            if (BodyReader.asObject(array.get(i)) == null) {
                reader.error("'" + key + "[" + i + "]' must be an object");
            }
        }
    }

    private static Map<String, Object> details(Map<String, ?> alert, BodyReader reader) {
        Map<String, Object> details = reader.object(alert, "details", "details");
        if (details == null) {
            return Map.of();
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        long characters = 0;
        for (Map.Entry<String, Object> entry : details.entrySet()) {
            String key = entry.getKey();
            String path = "details." + AlertText.displayed(key);
            Object value = entry.getValue();
            String text = value instanceof String string ? string
                    : value instanceof Number || value instanceof Boolean ? String.valueOf(value) : null;
            characters += key.length() + (text == null ? 0 : text.length());
            if (key.equals(DETAILS_KEY)) {
                reader.error("'" + path + "' is reserved: the alert keeps its Opsgenie fields under it");
            } else if (key.length() > AlertLimits.CUSTOM_DETAILS_KEY) {
                reader.exceeded("'details' has a key longer than " + AlertLimits.CUSTOM_DETAILS_KEY + " characters");
            } else if (AlertText.problem(key, AlertText.Kind.LINE) != null) {
                reader.error("'details' has a key (\"" + AlertText.displayed(key) + "\") that "
                        + AlertText.problem(key, AlertText.Kind.LINE));
            } else if (value != null && text == null) {
                reader.error("'" + path + "' must be a string");
            } else if (text != null && AlertText.problem(text, AlertText.Kind.PROSE) != null) {
                reader.error("'" + path + "' " + AlertText.problem(text, AlertText.Kind.PROSE));
            } else if (text != null) {
                kept.put(key, text);
            }
        }
        if (characters > DETAILS_CHARACTERS) {
            reader.exceeded("'details' exceeds " + DETAILS_CHARACTERS + " characters (keys and values together)");
        }
        return kept;
    }

    /** The consumer validates every record of {@code alerts} as a PagerDuty body: never give one it would refuse. */
    private static Validated<AlertSignal> onTheTopic(AlertSignal signal) {
        Validated<AlertSignal> again = PagerDutyEvent.validate(PagerDutyEvent.toBody(signal, null), signal::dedupKey,
                PagerDutyEvent.RoutingKey.OPTIONAL);
        if (again instanceof Validated.Invalid<AlertSignal> refused) {
            return new Validated.Invalid<>(List.of("'" + BODY + "' would be refused on the alerts topic: "
                    + String.join("; ", refused.errors())), refused.tooLarge());
        }
        return new Validated.Valid<>(signal);
    }

    private static void putIfPresent(Map<String, Object> json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
