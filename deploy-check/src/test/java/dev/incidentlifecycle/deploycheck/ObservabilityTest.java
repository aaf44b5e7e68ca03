package dev.incidentlifecycle.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.testing.Command;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/observability: the Prometheus alerting rules pass {@code promtool check rules}, and the rules and the
 * Grafana dashboard only query metrics the services export.
 */
class ObservabilityTest {

    static final String RULES = "deploy/observability/prometheus-rules.yaml";
    static final String DASHBOARD = "deploy/observability/grafana-dashboard.json";

    /**
     * Metrics the services export without declaring them in their code: Kafka's own client metrics, as Quarkus'
     * Micrometer Kafka binder names them.
     */
    static final Set<String> KAFKA_CLIENT_METRICS = Set.of("kafka_consumer_fetch_manager_records_lag");


    /** A meter built in place, or through a small factory method named after its type ({@code counter("x", topic)}). */
    private static final Pattern METER = Pattern.compile("\\b(Counter|FunctionCounter|Gauge)\\.builder\\(\"([a-z0-9_.]+)\"|\\b(counter|gauge)\\(\"([a-z0-9_.]+)\"");
    private static final Pattern LABELS = Pattern.compile("\\{[^}]*}|\\[[^\\]]*\\]|\"[^\"]*\"|\\b(by|without|on|ignoring)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "group_left", "group_right");

    @Test
    void theAlertingRulesPassPromtool() throws Exception {
        Command.Result result = Promtool.checkRules(Repository.path(RULES));

        assertThat(result.status()).as("promtool check rules %s:%n%s", RULES, result.transcript()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertSaysHowBadItIsAndWhatHappened() {
        List<Map<String, Object>> alerts = alerts();

        assertThat(alerts).extracting(alert -> (String) alert.get("alert"))
                .contains("KafkaConsumerLagHigh", "DeadLettersGrowing", "EventRelayLagHigh", "EventRelaySetAside",
                        "ReviewsOverdue", "ActionItemsOverdue");
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, Object> alert : alerts) {
            softly.assertThat(YamlDocuments.text(alert, "labels", "severity")).as("%s severity", alert.get("alert"))
                    .isIn("critical", "warning", "info");
            softly.assertThat(YamlDocuments.text(alert, "annotations", "summary")).as("%s summary", alert.get("alert")).isNotBlank();
        }
        softly.assertAll();
    }

    @Test
    void theRulesAndTheDashboardQueryOnlyMetricsTheServicesExport() throws Exception {
        Set<String> exported = exportedMetrics();
        Set<String> inRules = new TreeSet<>();
        alerts().forEach(alert -> inRules.addAll(metrics((String) alert.get("expr"))));
        Set<String> inDashboard = new TreeSet<>();
        dashboardExpressions().forEach(expr -> inDashboard.addAll(metrics(expr)));

        assertThat(exported).as("meters declared in the services' code").contains("alerts_received_total", "event_relay_lag");
        assertThat(inRules).as("metrics the rules query").isNotEmpty().isSubsetOf(exported);
        assertThat(inDashboard).as("metrics the dashboard queries").isSubsetOf(exported);
        assertThat(inDashboard).as("the dashboard shows every signal the rules alert on").containsAll(inRules)
                .contains("alerts_received_total", "incidents_open", "incidents_mtta_seconds", "incidents_mttr_seconds");
    }

    @Test
    void everyDashboardPanelHasAQueryOnThePrometheusDataSourceVariable() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Repository.read(DASHBOARD));

        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("templating").path("list")).anySatisfy(variable -> {
            assertThat(variable.path("type").asText()).isEqualTo("datasource");
            assertThat(variable.path("query").asText()).isEqualTo("prometheus");
        });
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique: %s", panel.path("title")).isTrue();
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty().allSatisfy(target -> {
                assertThat(target.path("expr").asText()).isNotBlank();
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            });
        }
    }

    /** Every meter the services and libraries build, by its Prometheus name (a counter gets {@code _total}). */
    static Set<String> exportedMetrics() {
        Set<String> names = new TreeSet<>(KAFKA_CLIENT_METRICS);
        for (String folder : List.of("platform", "incident-service", "review-service", "actions-service", "notification-service")) {
            for (var file : Repository.files(folder, ".java")) {
                if (!Repository.relative(file).contains("/src/main/")) {
                    continue;
                }
                Matcher meter = METER.matcher(Repository.read(file));
                while (meter.find()) {
                    String type = meter.group(1) != null ? meter.group(1) : meter.group(3);
                    String name = (meter.group(2) != null ? meter.group(2) : meter.group(4)).replace('.', '_');
                    names.add(type.equalsIgnoreCase("Gauge") ? name : name + "_total");
                }
            }
        }
        return names;
    }

    /** The metric names a PromQL expression selects: identifiers that are not functions, labels or keywords. */
    static Set<String> metrics(String expr) {
        String selectors = LABELS.matcher(expr).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(selectors);
        while (identifier.find()) {
            if (identifier.group(2) == null && !KEYWORDS.contains(identifier.group(1))) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alerts() {
        Map<String, Object> rules = new Yaml().load(Repository.read(RULES));
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            alerts.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return alerts;
    }

    private static List<String> dashboardExpressions() throws Exception {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : new ObjectMapper().readTree(Repository.read(DASHBOARD)).path("panels")) {
            panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
        }
        return expressions;
    }
}
