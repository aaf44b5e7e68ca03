package dev.incidentlifecycle.contractcheck;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentlifecycle.contractcheck.OpenApiDocument.Operation;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java clients generated from the three documents (compiled into this module by openapi-generator) say what the
 * services accept: their enums carry the services' values, and each documented example reads into the client's model.
 */
class GeneratedClientTest {

    static final List<String> SERVICES = OpenApiDocument.SERVICES;

    private static final Map<String, String> MODELS = Map.of(
            "incident-service", "dev.incidentlifecycle.client.incidents.model.",
            "review-service", "dev.incidentlifecycle.client.reviews.model.",
            "actions-service", "dev.incidentlifecycle.client.actions.model.",
            "notification-service", "dev.incidentlifecycle.client.notifications.model.");

    @Test
    void theClientsEnumsAreTheServicesEnums() {
        SoftAssertions softly = new SoftAssertions();
        same(softly, dev.incidentlifecycle.client.incidents.model.IncidentSeverity.class, dev.incidentlifecycle.incidents.incident.IncidentSeverity.class);
        same(softly, dev.incidentlifecycle.client.incidents.model.IncidentStatus.class, dev.incidentlifecycle.incidents.incident.IncidentStatus.class);
        same(softly, dev.incidentlifecycle.client.incidents.model.IncidentRole.class, dev.incidentlifecycle.incidents.incident.IncidentRole.class);
        same(softly, dev.incidentlifecycle.client.incidents.model.AlertStatus.class, dev.incidentlifecycle.incidents.alert.AlertStatus.class);
        // review-service reads these request fields as strings in any case: the document lists them by hand.
        same(softly, dev.incidentlifecycle.client.reviews.model.ActionItem.PriorityEnum.class, dev.incidentlifecycle.reviews.review.Priority.class);
        same(softly, dev.incidentlifecycle.client.reviews.model.ActionItem.TypeEnum.class, dev.incidentlifecycle.reviews.review.ActionItemType.class);
        same(softly, dev.incidentlifecycle.client.reviews.model.Factor.CategoryEnum.class, dev.incidentlifecycle.reviews.review.FactorCategory.class);
        same(softly, dev.incidentlifecycle.client.reviews.model.ReviewStatus.class, dev.incidentlifecycle.reviews.review.ReviewStatus.class);
        same(softly, dev.incidentlifecycle.client.actions.model.ActionItemStatus.class, dev.incidentlifecycle.actions.actionitem.ActionItemStatus.class);
        same(softly, dev.incidentlifecycle.client.actions.model.ActionItemType.class, dev.incidentlifecycle.actions.actionitem.ActionItemType.class);
        same(softly, dev.incidentlifecycle.client.actions.model.Priority.class, dev.incidentlifecycle.actions.actionitem.Priority.class);
        softly.assertAll();
    }

    @Test
    void aCallIsAMethodNamedAfterItsOperationId() throws NoSuchMethodException {
        assertThat(dev.incidentlifecycle.client.incidents.api.IncidentsApi.class
                .getMethod("declareIncident", dev.incidentlifecycle.client.incidents.model.Declaration.class)
                .getReturnType()).isEqualTo(dev.incidentlifecycle.client.incidents.model.IncidentView.class);
        assertThat(dev.incidentlifecycle.client.reviews.api.ReviewsApi.class
                .getMethod("proposeActionItem", String.class, dev.incidentlifecycle.client.reviews.model.ActionItem.class, String.class)
                .getReturnType()).isEqualTo(dev.incidentlifecycle.client.reviews.model.ReviewView.class);
        assertThat(new dev.incidentlifecycle.client.reviews.model.ActionItem().getPriority())
                .as("the documented default").isEqualTo(dev.incidentlifecycle.client.reviews.model.ActionItem.PriorityEnum.P3);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyDocumentedExampleReadsIntoTheClientsModel(String service) throws Exception {
        OpenApiDocument document = OpenApiDocument.of(service);
        ObjectMapper client = dev.incidentlifecycle.client.incidents.ApiClient.createDefaultObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        int read = 0;
        for (Operation operation : document.operations()) {
            JsonNode schema = operation.node().path("requestBody").path("content").path("application/json").path("schema");
            String name = OpenApiDocument.schemaName(schema);
            if (!operation.secured() || name == null) {
                continue;
            }
            Class<?> model = Class.forName(MODELS.get(service) + name);
            for (JsonNode example : document.resolve(schema).path("examples")) {
                Object body = client.treeToValue(example, model);
                assertThat((JsonNode) client.valueToTree(body)).as("%s: %s round trip", operation, name).isEqualTo(example);
                read++;
            }
        }
        assertThat(read).isPositive();
    }

    private static void same(SoftAssertions softly, Class<? extends Enum<?>> client, Class<? extends Enum<?>> service) {
        softly.assertThat(names(client)).as("%s against %s", client.getName(), service.getName()).isEqualTo(names(service));
    }

    private static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
    }
}
