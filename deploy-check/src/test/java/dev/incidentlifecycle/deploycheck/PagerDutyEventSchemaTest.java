package dev.incidentlifecycle.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** docs/schemas/alerts/pagerduty-event-v2.json, the inbound alert body, against bodies incident-service accepts and refuses. */
class PagerDutyEventSchemaTest {

    static final String PATH = "docs/schemas/alerts/pagerduty-event-v2.json";

    private final ContractSchema schema = ContractSchema.read(Repository.path(PATH));

    @Test
    void isADraft2020_12Schema() {
        assertThat(schema.declaredDraft()).isEqualTo(ContractSchema.DRAFT_2020_12);
        assertThat(schema.metaSchemaProblems()).isEmpty();
    }

    @Test
    void aTriggerLikePagerDutysOwnExampleIsValid() {
        // PagerDuty's documented example: an offset written +0000, and fields we ignore (images).
        assertThat(schema.problemsWith(ContractSchema.json("""
                {
                  "routing_key": "samplekeyhere",
                  "event_action": "trigger",
                  "dedup_key": "samplekeyhere",
                  "payload": {
                    "summary": "Example alert on host1.example.com",
                    "source": "monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003",
                    "severity": "info",
                    "timestamp": "2015-07-17T08:42:58.315+0000",
                    "component": "postgres",
                    "group": "prod-datapipe",
                    "class": "deploy",
                    "custom_details": { "ping time": "1500ms", "load avg": 0.75 }
                  },
                  "images": [{ "src": "https://www.pagerduty.com/wp-content/uploads/2016/05/pagerduty-logo-green.png" }],
                  "links": [{ "href": "https://example.com/", "text": "Link text" }],
                  "client": "Sample Monitoring Service",
                  "client_url": "https://monitoring.service.com"
                }
                """))).isEmpty();
    }

    @Test
    void aTriggerWithoutRoutingKeyOrDedupKeyIsValidOnTheTopic() {
        assertThat(schema.problemsWith(ContractSchema.json("""
                { "event_action": "trigger",
                  "payload": { "summary": "Disk full on db-1", "source": "db-1", "severity": "critical" } }
                """))).isEmpty();
    }

    @Test
    void aTriggerWithoutItsSeverityOrWithAnUnknownOneIsInvalid() {
        assertThat(schema.problemsWith(ContractSchema.json("""
                { "event_action": "trigger", "dedup_key": "db-1-disk",
                  "payload": { "summary": "Disk full on db-1", "source": "db-1" } }
                """))).anyMatch(problem -> problem.contains("severity"));
        assertThat(schema.problemsWith(ContractSchema.json("""
                { "event_action": "trigger", "dedup_key": "db-1-disk",
                  "payload": { "summary": "Disk full on db-1", "source": "db-1", "severity": "CRITICAL" } }
                """))).anyMatch(problem -> problem.contains("severity"));
    }

    @Test
    void aTriggerWithoutPayloadABlankSummaryOrABadTimestampIsInvalid() {
        assertThat(schema.problemsWith(ContractSchema.json("""
                { "event_action": "trigger", "dedup_key": "db-1-disk" }
                """))).anyMatch(problem -> problem.contains("payload"));
        assertThat(schema.problemsWith(ContractSchema.json("""
                { "event_action": "trigger",
                  "payload": { "summary": "  ", "source": "db-1", "severity": "error" } }
                """))).anyMatch(problem -> problem.contains("summary"));
        assertThat(schema.problemsWith(ContractSchema.json("""
                { "event_action": "trigger",
                  "payload": { "summary": "Disk full", "source": "db-1", "severity": "error", "timestamp": "yesterday" } }
                """))).anyMatch(problem -> problem.contains("timestamp"));
    }

    @Test
    void anAcknowledgeOrResolveNeedsOnlyItsDedupKey() {
        assertThat(schema.problemsWith(ContractSchema.json("""
                { "event_action": "resolve", "dedup_key": "db-1-disk" }
                """))).isEmpty();
        assertThat(schema.problemsWith(ContractSchema.json("""
                { "event_action": "acknowledge", "dedup_key": "db-1-disk", "payload": "ignored" }
                """))).isEmpty();
        assertThat(schema.problemsWith(ContractSchema.json("""
                { "event_action": "resolve" }
                """))).anyMatch(problem -> problem.contains("dedup_key"));
    }

    @Test
    void anUnknownActionWrongTypesAndTooLongKeysAreInvalid() {
        assertThat(schema.problemsWith(ContractSchema.json("""
                { "event_action": "escalate", "dedup_key": "db-1-disk" }
                """))).anyMatch(problem -> problem.contains("event_action"));
        assertThat(schema.problemsWith(ContractSchema.json("""
                { "event_action": "resolve", "dedup_key": "db-1-disk", "links": "https://example.com/" }
                """))).anyMatch(problem -> problem.contains("links"));
        assertThat(schema.problemsWith(ContractSchema.json("""
                { "event_action": "resolve", "dedup_key": "%s" }
                """.formatted("k".repeat(256))))).anyMatch(problem -> problem.contains("dedup_key"));
        assertThat(schema.problemsWith(ContractSchema.json("""
                [ "event_action", "trigger" ]
                """))).isNotEmpty();
    }
}
