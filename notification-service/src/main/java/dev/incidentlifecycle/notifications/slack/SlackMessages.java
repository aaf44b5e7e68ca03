package dev.incidentlifecycle.notifications.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.notifications.event.Links;
import dev.incidentlifecycle.notifications.event.NotifiedEvent;
import dev.incidentlifecycle.notifications.event.SubjectFacts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Slack Block Kit messages (https://api.slack.com/block-kit) for a Slack incoming webhook: a header, a section with
 * the facts, and buttons linking to the incident, review or action item. {@code text} is the notification's fallback.
 * Lengths stay within Block Kit's limits (header 150, section text 3000, field 2000, button text 75 characters).
 */
public final class SlackMessages {

    /** The events a Slack subscription can be told of. */
    public static final Set<String> EVENT_TYPES = Set.of("incident.declared", "incident.resolved", "review.scheduled",
            "review.published", "review.overdue", "action-item.overdue");

    private final Links links;

    public SlackMessages(Links links) {
        this.links = links;
    }

    public ObjectNode message(NotifiedEvent event) {
        SubjectFacts facts = event.facts();
        JsonNode data = event.data();
        String name = facts.number() != null ? facts.number() : "Incident";
        String title = facts.title() != null ? facts.title() : "";
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> buttons = new LinkedHashMap<>();
        String headline;
        String summary;
        switch (event.type()) {
            case "incident.declared" -> {
                headline = ":rotating_light: " + name + " declared";
                summary = "*" + escape(title) + "*";
                fields.put("Commander", text(data, "commander"));
                buttons.put("Open incident", links.incident(event.subject()));
            }
            case "incident.resolved" -> {
                headline = ":white_check_mark: " + name + " resolved";
                summary = "*" + escape(title) + "*" + (text(data, "reason") != null ? "\n" + escape(text(data, "reason")) : "");
                fields.put("Resolved by", text(data, "actor"));
                buttons.put("Open incident", links.incident(event.subject()));
            }
            case "review.scheduled" -> {
                headline = ":calendar: Review of " + name + " scheduled";
                summary = "*" + escape(title) + "*";
                fields.put("Facilitator", text(data, "facilitator"));
                fields.put("Starts", text(data, "scheduledStart"));
                fields.put("Due", text(data, "dueAt"));
                buttons.put("Open review", links.review(event.subject()));
                buttons.put("Open incident", links.incident(facts.incidentId()));
            }
            case "review.published" -> {
                headline = ":books: Review of " + name + " published";
                summary = "*" + escape(title) + "*" + (text(data, "summary") != null ? "\n" + escape(text(data, "summary")) : "");
                fields.put("Facilitator", text(data, "facilitator"));
                fields.put("Action items", data.has("actionItems") ? String.valueOf(data.get("actionItems").size()) : null);
                buttons.put("Read the review", links.review(event.subject()));
                buttons.put("Open incident", links.incident(facts.incidentId()));
            }
            case "review.overdue" -> {
                headline = ":hourglass: Review of " + name + " overdue";
                summary = "*" + escape(title) + "* was due " + text(data, "dueAt");
                fields.put("Facilitator", text(data, "facilitator"));
                buttons.put("Open review", links.review(event.subject()));
            }
            case "action-item.overdue" -> {
                headline = ":hourglass: Action item overdue";
                summary = "*" + escape(title) + "* was due " + text(data, "dueDate");
                fields.put("Team", text(data, "ownerTeam"));
                fields.put("Owner", text(data, "owner"));
                buttons.put("Open action item", links.actionItem(event.subject()));
            }
            default -> throw new IllegalArgumentException("no Slack message for " + event.type());
        }
        fields.put("Severity", facts.severity());
        fields.put("Service", facts.service());

        ObjectNode message = EventJson.mapper().createObjectNode();
        message.put("text", cut(headline + (title.isEmpty() ? "" : ": " + title), 3000));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(headline, 150)).put("emoji", true);
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", cut(summary, 3000));
        ArrayNode sectionFields = section.putArray("fields");
        fields.forEach((label, value) -> {
            if (value != null && sectionFields.size() < 10) {
                sectionFields.addObject().put("type", "mrkdwn").put("text", cut("*" + label + "*\n" + escape(value), 2000));
            }
        });
        if (sectionFields.isEmpty()) {
            section.remove("fields");
        }
        ArrayNode elements = EventJson.mapper().createArrayNode();
        buttons.forEach((label, url) -> {
            if (url != null) {
                ObjectNode button = elements.addObject().put("type", "button");
                button.putObject("text").put("type", "plain_text").put("text", cut(label, 75));
                button.put("url", url);
            }
        });
        if (!elements.isEmpty()) {
            blocks.addObject().put("type", "actions").set("elements", elements);
        }
        blocks.addObject().put("type", "context").putArray("elements").addObject()
                .put("type", "mrkdwn").put("text", cut(event.type() + " · " + event.time(), 3000));
        return message;
    }

    /** Slack's mrkdwn needs &, < and > escaped. */
    private static String escape(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
