package dev.incidentlifecycle.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.testing.RealInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Review outcomes as review-service publishes them on {@code review-events}: CloudEvents in binary mode,
 * key = review id, with the whole outcome as data (summary, contributing factors, participants, ...), of
 * which actions-service reads only a part.
 */
public final class ReviewOutcomes {

    public static final String TOPIC = "review-events";

    private static KafkaProducer<String, byte[]> producer;

    private final UUID reviewId = UUID.randomUUID();
    private final UUID incidentId = UUID.randomUUID();
    private final String incidentNumber = "INC-" + (1000 + Math.abs(reviewId.hashCode() % 9000));
    private String severity = "SEV1";
    private String service = "payments-api";
    private Instant publishedAt = Instant.parse("2026-03-02T10:00:00Z");
    private final List<Item> items = new ArrayList<>();
    private int amendments;

    /** One action item as the review states it; {@code dueDate} null lets the SLA decide. */
    public record Item(UUID id, String title, String type, String ownerTeam, String owner, String priority, LocalDate dueDate) {

        public static Item of(String title, String type, String ownerTeam) {
            return new Item(UUID.randomUUID(), title, type, ownerTeam, null, "P2", null);
        }

        public Item due(LocalDate date) {
            return new Item(id, title, type, ownerTeam, owner, priority, date);
        }

        public Item ownedBy(String person) {
            return new Item(id, title, type, ownerTeam, person, priority, dueDate);
        }

        public Item titled(String newTitle) {
            return new Item(id, newTitle, type, ownerTeam, owner, priority, dueDate);
        }

        public Item withPriority(String newPriority) {
            return new Item(id, title, type, ownerTeam, owner, newPriority, dueDate);
        }

        public String idText() {
            return id.toString();
        }
    }

    public static ReviewOutcomes review() {
        return new ReviewOutcomes();
    }

    public ReviewOutcomes severity(String value) {
        severity = value;
        return this;
    }

    public ReviewOutcomes publishedAt(Instant value) {
        publishedAt = value;
        return this;
    }

    public ReviewOutcomes with(Item... more) {
        items.addAll(List.of(more));
        return this;
    }

    /** Replaces the review's list of items, as an amendment states it. */
    public ReviewOutcomes items(Item... all) {
        items.clear();
        items.addAll(List.of(all));
        return this;
    }

    public UUID reviewId() {
        return reviewId;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String incidentNumber() {
        return incidentNumber;
    }

    /** The {@code review.published} payload, as review-service writes it. */
    public ObjectNode publishedData() {
        ObjectNode data = EventJson.mapper().createObjectNode();
        data.put("reviewId", reviewId.toString());
        data.put("incidentId", incidentId.toString());
        data.put("incidentNumber", incidentNumber);
        data.put("severity", severity);
        data.put("service", service);
        data.put("title", "Card payments failed for 40 minutes");
        data.put("summary", "A connection pool limit was reached after a configuration change.");
        data.put("impact", "12% of card payments were declined between 14:02 and 14:42 UTC.");
        data.put("whatWentWell", "The on-call engineer found the change within minutes.");
        data.put("whereWeGotLucky", "It happened outside the monthly billing run.");
        data.put("openQuestions", "Why did the canary not catch it?");
        ArrayNode factors = data.putArray("contributingFactors");
        ObjectNode factor = factors.addObject();
        factor.put("factorId", UUID.randomUUID().toString());
        factor.put("category", "TECHNICAL");
        factor.put("description", "The pool size was not covered by the config schema.");
        ArrayNode actionItems = data.putArray("actionItems");
        for (Item item : items) {
            ObjectNode node = actionItems.addObject();
            node.put("actionItemId", item.id().toString());
            node.put("title", item.title());
            node.put("type", item.type());
            node.put("ownerTeam", item.ownerTeam());
            node.put("owner", item.owner());
            node.put("priority", item.priority());
            node.put("dueDate", item.dueDate() == null ? null : item.dueDate().toString());
        }
        data.put("facilitator", "fatima");
        data.putArray("participants").add("ana").add("bo");
        data.put("dueAt", publishedAt.minusSeconds(86_400).toString());
        data.put("publishedAt", publishedAt.toString());
        data.put("actor", "fatima");
        return data;
    }

    /** The {@code review.amended} payload: the full new outcome, what changed and why. */
    public ObjectNode amendedData(Instant amendedAt) {
        ObjectNode data = publishedData();
        data.put("amendment", amendments);
        data.putArray("changes").addObject().put("kind", "ACTION_ITEM_CHANGED").put("subject", "see the list");
        data.put("reason", "The team found a better fix");
        data.put("amendedAt", amendedAt.toString());
        return data;
    }

    /** The {@code review.scheduled} payload, as review-service writes it when it creates the review. */
    public ObjectNode scheduledData() {
        ObjectNode data = EventJson.mapper().createObjectNode();
        data.put("reviewId", reviewId.toString());
        data.put("incidentId", incidentId.toString());
        data.put("incidentNumber", incidentNumber);
        data.put("severity", severity);
        data.put("service", service);
        data.put("title", "Card payments failed for 40 minutes");
        data.put("requirement", "REQUIRED");
        data.put("dueAt", publishedAt.plusSeconds(5 * 86_400).toString());
        data.put("facilitator", "fatima");
        data.putArray("participants").add("ana").add("bo");
        data.put("scheduledStart", publishedAt.plusSeconds(86_400).toString());
        data.put("scheduledEnd", publishedAt.plusSeconds(86_400 + 3_600).toString());
        data.put("actor", "review-service");
        data.put("occurredAt", publishedAt.toString());
        data.putNull("requestedBy");
        return data;
    }

    /** Publishes {@code review.scheduled} (the review exists, nothing is published yet); returns the CloudEvent id. */
    public String schedule() {
        String id = UUID.randomUUID().toString();
        send(record("review.scheduled", id, scheduledData(), publishedAt));
        return id;
    }

    /** Publishes {@code review.severity-changed}: the incident was re-rated to {@code to}. */
    public String changeSeverity(String to) {
        String id = UUID.randomUUID().toString();
        ObjectNode data = EventJson.mapper().createObjectNode();
        data.put("reviewId", reviewId.toString());
        data.put("incidentId", incidentId.toString());
        data.put("previousSeverity", severity);
        data.put("severity", to);
        data.put("requirement", "REQUIRED");
        data.put("actor", "review-service");
        data.put("occurredAt", publishedAt.toString());
        severity = to;
        send(record("review.severity-changed", id, data, publishedAt));
        return id;
    }

    /** Publishes {@code review.published}; returns the CloudEvent id. */
    public String publish() {
        String id = UUID.randomUUID().toString();
        send(record("review.published", id, publishedData(), publishedAt));
        return id;
    }

    /** Publishes the same {@code review.published} again under the given CloudEvent id (a redelivery). */
    public void publishAgain(String eventId) {
        send(record("review.published", eventId, publishedData(), publishedAt));
    }

    /** Publishes {@code review.amended} with the current list of items. */
    public String amend(Instant amendedAt) {
        amendments++;
        String id = UUID.randomUUID().toString();
        send(record("review.amended", id, amendedData(amendedAt), amendedAt));
        return id;
    }

    /** A CloudEvent of review-service in binary mode, keyed by the review id. */
    public ProducerRecord<String, byte[]> record(String type, String eventId, ObjectNode data, Instant time) {
        return cloudEvent(type, eventId, reviewId.toString(), data.toString().getBytes(StandardCharsets.UTF_8), time);
    }

    public static ProducerRecord<String, byte[]> cloudEvent(String type, String eventId, String subject, byte[] value, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        Map.of("ce_specversion", "1.0",
                        "ce_id", eventId,
                        "ce_source", "/review-service",
                        "ce_type", type,
                        "ce_subject", subject,
                        "ce_time", time.toString(),
                        "ce_dataversion", "1",
                        "ce_actor", "fatima",
                        "content-type", "application/json")
                .forEach((name, value1) -> headers.add(name, value1.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(TOPIC, null, subject, value, headers);
    }

    /** Sends and waits until the broker has it. */
    public static synchronized void send(ProducerRecord<String, byte[]> record) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer());
        }
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send to " + record.topic(), e.getCause());
        }
    }
}
