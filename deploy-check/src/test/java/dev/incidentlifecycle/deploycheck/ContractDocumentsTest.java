package dev.incidentlifecycle.deploycheck;

import static dev.incidentlifecycle.deploycheck.YamlDocuments.at;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.listAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.mapAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import dev.incidentlifecycle.deploycheck.EventContract.ChannelMessage;
import dev.incidentlifecycle.deploycheck.EventContract.Reference;
import dev.incidentlifecycle.infra.Topics;

/**
 * docs/asyncapi.yaml, the public event contract, against what it documents: the topics (platform/infra's
 * {@link Topics}), the services' Kafka settings and the JSON Schemas of their events. Each service's OpenAPI
 * document is checked in the service itself, where it is served.
 */
class ContractDocumentsTest {

    /** {@code <type>.json} is version 1 of an event type's payload, {@code <type>.v<n>.json} version n. */
    private static final Pattern SCHEMA_FILE = Pattern.compile("(.+?)(?:\\.v([1-9][0-9]*))?\\.json");
    private static final Pattern INCOMING_TOPIC = Pattern.compile("event-store\\.consumers\\.([^.]+)\\.topic");
    private static final String RELAY_TOPICS = "event-store.relay.topics.";

    private final EventContract contract = EventContract.load();

    @Test
    void isAnAsyncApi3DocumentOfTheKafkaBrokerTheServicesUseLocally() {
        Map<String, Object> root = contract.root();

        assertThat(text(root, "asyncapi")).isEqualTo("3.0.0");
        assertThat(text(root, "info", "title")).isNotBlank();
        // 2.0.0: action-item-events moved to version 2 of its types (reviewId may be null), a breaking change.
        assertThat(text(root, "info", "version")).isEqualTo("2.0.0");
        assertThat(text(root, "info", "description")).as("the stability rules")
                .contains("additive", "ce_dataversion", "new schema file");
        Map<String, Object> servers = mapAt(root, "servers");
        assertThat(servers.values()).isNotEmpty().allSatisfy(server -> assertThat(text(server, "protocol")).isEqualTo("kafka"));
        Set<String> localBrokers = new TreeSet<>();
        for (ServiceConfiguration service : ServiceConfiguration.all()) {
            service.variables().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", List.of()).forEach(d -> d.ifPresent(localBrokers::add));
        }
        assertThat(localBrokers).as("the services' default KAFKA_BOOTSTRAP_SERVERS").isNotEmpty();
        assertThat(servers.values()).extracting(server -> text(server, "host")).containsAll(localBrokers);
    }

    @Test
    void everyReferenceInsideTheDocumentPointsToSomething() {
        List<Reference> local = contract.references().stream().filter(Reference::local).toList();

        assertThat(local).isNotEmpty();
        SoftAssertions softly = new SoftAssertions();
        for (Reference reference : local) {
            softly.assertThatCode(() -> contract.resolve(reference.target())).as(reference.where()).doesNotThrowAnyException();
        }
        softly.assertAll();
    }

    @Test
    void everyReferencedFileIsAJsonSchemaOfDraft2020_12() {
        List<Reference> files = contract.references().stream().filter(reference -> !reference.local()).toList();

        assertThat(files).isNotEmpty();
        SoftAssertions softly = new SoftAssertions();
        for (Reference reference : files) {
            Path file = EventContract.fileOf(reference);
            String where = reference.where() + " -> " + reference.target();
            if (!Files.isRegularFile(file)) {
                softly.fail(where + ": no such file " + Repository.relative(file));
                continue;
            }
            ContractSchema schema = ContractSchema.read(file);
            softly.assertThat(schema.declaredDraft()).as(where + " $schema").isEqualTo(ContractSchema.DRAFT_2020_12);
            softly.assertThat(schema.metaSchemaProblems()).as(where + " against the draft's meta-schema").isEmpty();
        }
        softly.assertAll();
    }

    @Test
    void everyEventSchemaOfTheServicesIsThePayloadOfTheMessageOfItsType() {
        Map<Path, List<ChannelMessage>> byPayload = new HashMap<>();
        for (ChannelMessage message : contract.channelMessages()) {
            payloadFile(message).ifPresent(file -> byPayload.computeIfAbsent(file, f -> new ArrayList<>()).add(message));
        }
        List<Path> schemaFiles = eventSchemaFiles();

        assertThat(schemaFiles).as("the services' event schemas").isNotEmpty();
        SoftAssertions softly = new SoftAssertions();
        for (Path file : schemaFiles) {
            String where = Repository.relative(file);
            List<ChannelMessage> messages = byPayload.getOrDefault(file, List.of());
            if (messages.size() != 1) {
                softly.fail(where + " should be the payload of one message of " + EventContract.PATH + ", not of " + messages.size());
                continue;
            }
            ChannelMessage message = messages.get(0);
            String type = typeOf(file);
            int version = versionOf(file);
            softly.assertThat(message.name()).as(where + ": the message's name is the event type").isEqualTo(type);
            softly.assertThat(message.key()).as(where + ": the message's key is the event type, and .v<n> from version 2 on")
                    .isEqualTo(version == 1 ? type : type + ".v" + version);
            List<String> declaredVersions = constants(contract.inlined(at(contract.withTraits(message.message()), "headers")), "ce_dataversion");
            if (version > 1 || !declaredVersions.isEmpty()) {
                softly.assertThat(declaredVersions).as(where + ": the message's ce_dataversion").containsExactly(Integer.toString(version));
            }
            softly.assertThat(message.channel()).as(where + ": the channel is the schema's folder")
                    .isEqualTo(file.getParent().getFileName().toString());
            softly.assertThat(ContractSchema.read(file).schema().path("title").asText()).as(where + " title").isEqualTo(type);
        }
        softly.assertAll();
    }

    @Test
    void everyEventMessageIsACloudEventKeyedByItsAggregateWithItsPublishersSchema() {
        SoftAssertions softly = new SoftAssertions();
        List<ChannelMessage> events = contract.channelMessages().stream().filter(m -> isEventChannel(m.channel())).toList();

        assertThat(events).isNotEmpty();
        for (ChannelMessage message : events) {
            String where = message.channel() + " " + message.key();
            Map<String, Object> full = contract.withTraits(message.message());
            softly.assertThat(message.key()).as(where + ": keyed by its name, with .v<n> from version 2 on")
                    .matches(Pattern.quote(message.name()) + "(\\.v[1-9][0-9]*)?");
            softly.assertThat(text(full, "contentType")).as(where + " contentType").isEqualTo("application/json");
            softly.assertThat(text(contract.follow(at(full, "bindings", "kafka", "key")), "type")).as(where + " Kafka key").isEqualTo("string");
            softly.assertThat(required(contract.inlined(at(full, "headers")))).as(where + " headers")
                    .contains("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_subject", "ce_time", "content-type",
                            "ce_dataversion", "ce_sequence");
            Optional<Path> payload = payloadFile(message);
            softly.assertThat(payload).as(where + ": payload is a schema file").isPresent();
            payload.ifPresent(file -> softly.assertThat(file.getParent()).as(where + ": payload schema folder")
                    .isEqualTo(Repository.path(publisherOf(message.channel()) + "/src/main/resources/schemas/" + message.channel())));
        }
        softly.assertAll();
    }

    @Test
    void channelsAreTheStandardTopicsWithTheirPartitions() {
        Map<String, Integer> documented = new LinkedHashMap<>();
        contract.channels().forEach((key, channel) -> {
            assertThat(text(channel, "address")).as("channel " + key + " is named by its address").isEqualTo(key);
            assertThat(text(channel, "bindings", "kafka", "topic")).as("channel " + key + " Kafka topic").isEqualTo(key);
            documented.put(key, (Integer) at(channel, "bindings", "kafka", "partitions"));
        });

        assertThat(documented).isEqualTo(Topics.STANDARD);
    }

    @Test
    void deadLetterTopicsCarryTheOriginalRecordWithTheReason() {
        for (String topic : Topics.STANDARD.keySet()) {
            if (topic.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                continue;
            }
            String deadLetters = Topics.deadLetter(topic);
            if (!Topics.STANDARD.containsKey(deadLetters)) {
                // A topic only tools outside the system consume (notification-events): no consumer here dead-letters it.
                assertThat(consumedTopics()).as("a topic a service consumes has a dead-letter topic").doesNotContain(topic);
                continue;
            }
            List<ChannelMessage> messages = contract.channelMessages().stream().filter(m -> m.channel().equals(deadLetters)).toList();

            assertThat(messages).as(deadLetters + " messages").extracting(ChannelMessage::name).containsExactly("dead-letter");
            assertThat(required(contract.inlined(at(messages.get(0).message(), "headers")))).as(deadLetters + " headers")
                    .contains("dead-letter-reason", "dead-letter-topic", "dead-letter-partition", "dead-letter-offset");
        }
    }

    private static Set<String> consumedTopics() {
        Set<String> topics = new TreeSet<>();
        for (ServiceConfiguration service : ServiceConfiguration.all()) {
            Properties properties = service.properties();
            properties.stringPropertyNames().stream().filter(key -> INCOMING_TOPIC.matcher(key).matches())
                    .forEach(key -> topics.add(properties.getProperty(key)));
        }
        return topics;
    }

    @Test
    void operationsSendOrReceiveMessagesOfTheirOwnChannelForOneService() {
        List<String> services = Repository.services();
        SoftAssertions softly = new SoftAssertions();
        contract.operations().forEach((id, definition) -> {
            Map<String, Object> operation = YamlDocuments.map(definition);
            softly.assertThat(text(operation, "action")).as(id + " action").isIn("send", "receive");
            String channel = contract.channelKeyOf(operation);
            softly.assertThat(contract.channels()).as(id + " channel").containsKey(channel);
            List<Object> messages = listAt(operation, "messages");
            softly.assertThat(messages).as(id + " messages").isNotEmpty();
            for (Object message : messages) {
                String ref = text(message, "$ref");
                softly.assertThat(ref).as(id + ": a message of its own channel").startsWith("#/channels/" + channel + "/messages/");
                softly.assertThatCode(() -> contract.resolve(ref)).as(id + " " + ref).doesNotThrowAnyException();
            }
            softly.assertThat(contract.tagsOf(operation)).as(id + ": the one service it is of").hasSize(1).allMatch(services::contains);
        });
        softly.assertAll();
    }

    @Test
    void everyChannelHasAPublisherAndEveryServiceItsOperations() {
        Set<String> published = new TreeSet<>();
        Set<String> serving = new TreeSet<>();
        contract.operations().values().forEach(definition -> {
            Map<String, Object> operation = YamlDocuments.map(definition);
            if ("send".equals(text(operation, "action"))) {
                published.add(contract.channelKeyOf(operation));
            }
            serving.addAll(contract.tagsOf(operation));
        });

        assertThat(published).containsExactlyInAnyOrderElementsOf(contract.channels().keySet());
        assertThat(serving).containsExactlyInAnyOrderElementsOf(Repository.services());
    }

    @Test
    void consumersAreTheServicesIncomingChannelsWithTheirGroupsAndDeadLetterTopics() {
        for (ServiceConfiguration service : ServiceConfiguration.all()) {
            Properties properties = service.properties();
            Map<String, String> configuredGroups = new TreeMap<>();
            Set<String> configuredDeadLetters = new TreeSet<>();
            for (String key : properties.stringPropertyNames()) {
                Matcher incoming = INCOMING_TOPIC.matcher(key);
                if (incoming.matches()) {
                    String prefix = "event-store.consumers." + incoming.group(1) + ".";
                    configuredGroups.put(properties.getProperty(key), properties.getProperty(prefix + "group"));
                    // Every consumer dead-letters to <topic>.dlq (platform/event-store's PartitionedConsumer).
                    configuredDeadLetters.add(properties.getProperty(key) + Topics.DEAD_LETTER_SUFFIX);
                }
            }
            Map<String, String> documentedGroups = new TreeMap<>();
            Set<String> documentedDeadLetters = new TreeSet<>();
            operationsOf(service.service()).forEach(operation -> {
                String channel = contract.channelKeyOf(operation);
                if ("receive".equals(text(operation, "action"))) {
                    List<Object> groups = listAt(operation, "bindings", "kafka", "groupId", "enum");
                    documentedGroups.put(channel, groups.size() == 1 ? groups.get(0).toString() : null);
                } else if (channel.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                    documentedDeadLetters.add(channel);
                }
            });

            assertThat(documentedGroups).as(service.service() + ": documented topic -> consumer group").isEqualTo(configuredGroups);
            assertThat(documentedDeadLetters).as(service.service() + " dead-letter topics").isEqualTo(configuredDeadLetters);
        }
    }

    @Test
    void publishersAreTheServicesRelaysWithTheirCloudEventsSource() {
        for (ServiceConfiguration service : ServiceConfiguration.all()) {
            Properties properties = service.properties();
            Set<String> relayed = new TreeSet<>();
            properties.stringPropertyNames().stream().filter(key -> key.startsWith(RELAY_TOPICS))
                    .forEach(key -> relayed.add(properties.getProperty(key)));
            String source = properties.getProperty("event-store.relay.source");
            Set<String> documented = new TreeSet<>();
            operationsOf(service.service()).stream()
                    .filter(operation -> "send".equals(text(operation, "action")))
                    .map(contract::channelKeyOf)
                    .filter(ContractDocumentsTest::isEventChannel)
                    .forEach(documented::add);

            assertThat(documented).as(service.service() + " publishes what its relay publishes").isEqualTo(relayed);
            for (ChannelMessage message : contract.channelMessages()) {
                if (documented.contains(message.channel())) {
                    Object headers = contract.inlined(at(contract.withTraits(message.message()), "headers"));
                    assertThat(constants(headers, "ce_source")).as(message.name() + " ce_source").containsExactly(source);
                }
            }
        }
    }

    @Test
    void messageExamplesFitTheirHeaderAndPayloadSchemas() {
        SoftAssertions softly = new SoftAssertions();
        int checked = 0;
        for (ChannelMessage message : contract.channelMessages()) {
            Map<String, Object> full = contract.withTraits(message.message());
            for (Object example : listAt(full, "examples")) {
                String where = message.channel() + " " + message.key() + " example " + text(example, "name");
                Object payload = at(example, "payload");
                // A missing file is everyReferencedFileIsAJsonSchemaOfDraft2020_12's to report.
                Optional<Path> payloadSchema = payloadFile(message).filter(Files::isRegularFile);
                if (payload != null && payloadSchema.isPresent()) {
                    softly.assertThat(ContractSchema.read(payloadSchema.get()).problemsWith(payload)).as(where + " payload").isEmpty();
                    checked++;
                }
                Object headers = at(example, "headers");
                if (headers != null && at(full, "headers") != null) {
                    ContractSchema schema = ContractSchema.inline(where, contract.inlined(at(full, "headers")));
                    softly.assertThat(schema.problemsWith(headers)).as(where + " headers").isEmpty();
                    checked++;
                }
            }
        }
        softly.assertAll();

        assertThat(checked).as("examples checked").isPositive();
    }

    /** The schema file a message's payload points to, if it is a file. */
    private Optional<Path> payloadFile(ChannelMessage message) {
        String ref = text(message.message(), "payload", "$ref");
        return ref == null || ref.startsWith("#")
                ? Optional.empty()
                : Optional.of(EventContract.fileOf(new Reference(message.channel() + "/" + message.key(), ref)));
    }

    private List<Map<String, Object>> operationsOf(String service) {
        return contract.operations().values().stream().map(YamlDocuments::map)
                .filter(operation -> contract.tagsOf(operation).contains(service)).toList();
    }

    /** The topics of events published from an event log ({@code incident-events}, ...), not alerts or dead letters. */
    private static boolean isEventChannel(String channel) {
        return channel.endsWith("-events");
    }

    /** The one service whose schema folder holds the channel's event schemas. */
    private static String publisherOf(String channel) {
        List<String> publishers = Repository.services().stream()
                .filter(service -> Files.isDirectory(Repository.path(service + "/src/main/resources/schemas/" + channel)))
                .toList();
        assertThat(publishers).as("services with a schemas/" + channel + " folder").hasSize(1);
        return publishers.get(0);
    }

    /** Every {@code .json} file under a service's {@code src/main/resources/schemas}. */
    private static List<Path> eventSchemaFiles() {
        List<Path> files = new ArrayList<>();
        for (String service : Repository.services()) {
            String folder = service + "/src/main/resources/schemas";
            if (Files.isDirectory(Repository.path(folder))) {
                files.addAll(Repository.files(folder, ".json"));
            }
        }
        return files;
    }

    private static String typeOf(Path schemaFile) {
        Matcher name = SCHEMA_FILE.matcher(schemaFile.getFileName().toString());
        assertThat(name.matches()).as(schemaFile + " is named <type>.json or <type>.v<n>.json").isTrue();
        return name.group(1);
    }

    private static int versionOf(Path schemaFile) {
        Matcher name = SCHEMA_FILE.matcher(schemaFile.getFileName().toString());
        return name.matches() && name.group(2) != null ? Integer.parseInt(name.group(2)) : 1;
    }

    /** The properties a header schema requires, through its allOf parts. */
    private static Set<String> required(Object schema) {
        Set<String> names = new TreeSet<>();
        listAt(schema, "required").forEach(name -> names.add(name.toString()));
        listAt(schema, "allOf").forEach(part -> names.addAll(required(part)));
        return names;
    }

    /** The {@code const} values a header schema sets for a property, through its allOf parts. */
    private static List<String> constants(Object schema, String property) {
        List<String> values = new ArrayList<>();
        Object value = at(schema, "properties", property, "const");
        if (value != null) {
            values.add(value.toString());
        }
        listAt(schema, "allOf").forEach(part -> values.addAll(constants(part, property)));
        return values;
    }
}
