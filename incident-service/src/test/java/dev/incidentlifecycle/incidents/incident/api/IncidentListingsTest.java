package dev.incidentlifecycle.incidents.incident.api;

import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.web.ArrayOrPage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.incidentlifecycle.incidents.Http.PROBLEM;
import static dev.incidentlifecycle.incidents.Http.alertRecord;
import static dev.incidentlifecycle.incidents.Http.asReader;
import static dev.incidentlifecycle.incidents.Http.command;
import static dev.incidentlifecycle.incidents.Http.declare;
import static dev.incidentlifecycle.incidents.Http.incidentsOfService;
import static dev.incidentlifecycle.incidents.Http.trigger;
import static dev.incidentlifecycle.incidents.Http.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The incident's own listings (alerts, timeline, events): the array they always answered, bounded, with a link to
 * what follows it; one page of the same entries in the same order when page or size is given.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class IncidentListingsTest {

    static JsonPath page(String path, int page, int size) {
        return asReader().queryParam("page", page).queryParam("size", size).get(path)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void a_page_of_the_events_is_its_slice_of_the_history_with_the_streams_length() {
        String id = declare("Cache misses", "SEV3", unique("cache")).getString("id");
        for (int i = 1; i <= 4; i++) {
            command(id, "notes", Map.of("text", "note " + i), null).then().statusCode(200);
        }

        JsonPath second = page("/incidents/" + id + "/events", 1, 2);
        assertThat(second.getList("items.streamVersion", Integer.class)).containsExactly(3, 4);
        assertThat(second.getList("items.payload.text", String.class)).containsExactly("note 2", "note 3");
        assertThat(second.getLong("total")).isEqualTo(5);
        assertThat(second.getInt("page")).isEqualTo(1);
        assertThat(second.getInt("size")).isEqualTo(2);
        assertThat(page("/incidents/" + id + "/events", 2, 2).getList("items.streamVersion", Integer.class)).containsExactly(5);
        assertThat(page("/incidents/" + id + "/events", 3, 2).getList("items")).isEmpty();
        // size alone asks for the first page.
        asReader().queryParam("size", 3).get("/incidents/" + id + "/events").then().statusCode(200)
                .body("items.streamVersion", equalTo(List.of(1, 2, 3)), "total", equalTo(5), "page", equalTo(0));
        // Neither: the whole (short) array, as before, and no link.
        asReader().get("/incidents/" + id + "/events").then().statusCode(200).header("Link", nullValue())
                .body("streamVersion", equalTo(List.of(1, 2, 3, 4, 5)));
    }

    @Test
    void pages_of_the_timeline_follow_its_order_of_occurrence() {
        String id = declare("Elevated 5xx", "SEV2", unique("api")).getString("id");
        Instant noticed = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        command(id, "notes", Map.of("text", "first 5xx seen", "occurredAt", noticed.toString()), null).then().statusCode(200);
        command(id, "acknowledge", null, null).then().statusCode(200);
        command(id, "notes", Map.of("text", "rolled back"), null).then().statusCode(200);

        List<String> whole = asReader().get("/incidents/" + id + "/timeline").then().statusCode(200).header("Link", nullValue())
                .extract().jsonPath().getList("sentence");
        assertThat(whole).hasSize(4).first().isEqualTo("riley noted: first 5xx seen");
        List<String> paged = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            JsonPath onePage = page("/incidents/" + id + "/timeline", p, 2);
            assertThat(onePage.getLong("total")).isEqualTo(4);
            paged.addAll(onePage.getList("items.sentence"));
        }
        assertThat(paged).isEqualTo(whole);
        JsonPath first = page("/incidents/" + id + "/timeline", 0, 1);
        assertThat(first.getString("items[0].type")).isEqualTo("incident.note-added");
        assertThat(first.getBoolean("items[0].backDated")).isTrue();
        assertThat(first.getLong("items[0].sequence")).isEqualTo(2);
    }

    /**
     * More alerts than the array form holds, from the alerts topic as a storm would bring them: one incident of the
     * service with them all attached, so its alerts, events and timeline are each longer than the array.
     */
    @Test
    void lists_longer_than_the_array_answer_its_first_entries_and_link_the_page_after_them() {
        String service = unique("crowded");
        int alerts = ArrayOrPage.ARRAY_LIMIT + 5;
        RealInfrastructure.produce(IntStream.range(0, alerts).mapToObj(i -> service + "-key-" + i)
                .map(key -> alertRecord(key, trigger(key, "critical", service, "Crowded " + key)))
                .toArray(ProducerRecord[]::new));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<Map<String, Object>> incidents = incidentsOfService(service);
            return incidents.size() == 1 && ((Number) incidents.get(0).get("alertCount")).intValue() == alerts;
        });
        Map<String, Object> incident = incidentsOfService(service).get(0);
        String id = (String) incident.get("id");
        long events = ((Number) incident.get("version")).longValue();
        assertThat(events).isGreaterThan(ArrayOrPage.ARRAY_LIMIT);

        List<String> alertIds = everyEntryOf("/incidents/" + id + "/alerts", alerts, "alertId");
        assertThat(alertIds).doesNotHaveDuplicates();
        assertThat(everyEntryOf("/incidents/" + id + "/events", events, "eventId")).doesNotHaveDuplicates();
        assertThat(everyEntryOf("/incidents/" + id + "/timeline", events, "sequence")).doesNotHaveDuplicates();
    }

    /**
     * Reads the array form and every page of size 200: the array is the first pages' entries, its link names the page
     * after them, and the pages hold every entry once.
     */
    private static List<String> everyEntryOf(String path, long total, String key) {
        Response array = asReader().get(path);
        array.then().statusCode(200)
                .header("Link", equalTo("<" + path + "?page=5&size=200>; rel=\"next\""));
        List<String> first = array.jsonPath().<Object>getList(key).stream().map(String::valueOf).toList();
        assertThat(first).hasSize(ArrayOrPage.ARRAY_LIMIT);

        List<String> paged = new ArrayList<>();
        for (int p = 0; p * 200L < total; p++) {
            JsonPath onePage = page(path, p, 200);
            assertThat(onePage.getLong("total")).as("%s total", path).isEqualTo(total);
            paged.addAll(onePage.<Object>getList("items." + key).stream().map(String::valueOf).toList());
        }
        assertThat(paged).as("%s: the pages hold every entry", path).hasSize((int) total);
        assertThat(paged.subList(0, ArrayOrPage.ARRAY_LIMIT)).as("%s: the array is the first pages", path).isEqualTo(first);
        // The link's page (5) starts right after the array.
        assertThat(page(path, 5, 200).<Object>getList("items." + key).stream().map(String::valueOf).toList())
                .isEqualTo(paged.subList(ArrayOrPage.ARRAY_LIMIT, Math.min(paged.size(), ArrayOrPage.ARRAY_LIMIT + 200)));
        return paged;
    }

    @ParameterizedTest
    @ValueSource(strings = {"alerts", "timeline", "events"})
    void a_page_or_size_out_of_bounds_is_a_400_naming_it(String listing) {
        String path = "/incidents/" + declare("Bounds", "SEV4", unique("bounds")).getString("id") + "/" + listing;
        asReader().queryParam("page", -1).get(path).then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400), "errors[0].field", equalTo("page"));
        // An offset past what an int holds is refused, not wrapped around.
        asReader().queryParam("page", Integer.MAX_VALUE).queryParam("size", 200).get(path).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("page"));
        asReader().queryParam("size", 0).get(path).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("size"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alerts", "timeline", "events"})
    void an_unknown_incident_has_no_listing_in_either_form(String listing) {
        asReader().get("/incidents/INC-999999999/" + listing).then().statusCode(404).contentType(PROBLEM);
        asReader().queryParam("page", 0).get("/incidents/5d0c3a4e-0000-4000-8000-000000000000/" + listing)
                .then().statusCode(404).contentType(PROBLEM);
    }
}
