package dev.incidentlifecycle.actions.actionitem.api;

import dev.incidentlifecycle.actions.ReviewOutcomes;
import dev.incidentlifecycle.actions.ReviewOutcomes.Item;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent;
import dev.incidentlifecycle.actions.actionitem.store.ActionItemAggregate;
import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.incidentlifecycle.actions.Api.PROBLEM;
import static dev.incidentlifecycle.actions.Api.admin;
import static dev.incidentlifecycle.actions.Api.awaitItem;
import static dev.incidentlifecycle.actions.Api.eventTypes;
import static dev.incidentlifecycle.actions.Api.item;
import static dev.incidentlifecycle.actions.Api.memberOf;
import static dev.incidentlifecycle.actions.Api.reader;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "actions"))
class ActionItemResourceTest {

    @Inject
    EventStore store;

    @Inject
    ActionItemAggregate aggregate;

    static String team() {
        return "payments-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** One published review with the given items, waited for until the last one exists. */
    static ReviewOutcomes published(Item... items) {
        ReviewOutcomes review = ReviewOutcomes.review().with(items);
        review.publish();
        for (Item item : items) {
            awaitItem(item.id());
        }
        return review;
    }

    static List<String> idsOf(String query) {
        return given().auth().oauth2(reader()).get("/action-items?" + query).then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
    }

    @Test
    void a_team_member_works_an_item_to_done_with_its_history() {
        String team = team();
        Item item = Item.of("Alert on payment queue depth", "DETECT", team);
        published(item);
        String member = memberOf(team);

        given().auth().oauth2(member).header("If-Match", "\"1\"").post("/action-items/" + item.id() + "/start")
                .then().statusCode(200).header("ETag", "\"2\"").body("status", equalTo("IN_PROGRESS"), "version", equalTo(2));
        given().auth().oauth2(member).header("If-Match", "\"2\"").contentType(ContentType.JSON)
                .body("{\"url\": \"https://jira.example.com/browse/PAY-12\"}").post("/action-items/" + item.id() + "/tracker-link")
                .then().statusCode(200).body("trackerUrl", equalTo("https://jira.example.com/browse/PAY-12"));
        given().auth().oauth2(member).contentType(ContentType.JSON)
                .body("{\"team\": \"" + team + "\", \"owner\": \"bo\", \"reason\": \"Bo knows the queue\"}")
                .post("/action-items/" + item.id() + "/reassign")
                .then().statusCode(200).body("owner", equalTo("bo"), "ownerTeam", equalTo(team));
        String later = LocalDate.now().plusDays(90).toString();
        given().auth().oauth2(member).contentType(ContentType.JSON)
                .body("{\"dueDate\": \"" + later + "\", \"reason\": \"Waiting for the new queue\"}")
                .post("/action-items/" + item.id() + "/due-date")
                .then().statusCode(200).body("dueDate", equalTo(later), "dueDateFromSla", equalTo(false), "overdue", equalTo(false));
        given().auth().oauth2(member).contentType(ContentType.JSON)
                .body("{\"resolutionNote\": \"Alert at depth > 10k for 5 minutes\", \"link\": \"https://git.example.com/pr/7\"}")
                .post("/action-items/" + item.id() + "/complete")
                .then().statusCode(200).header("ETag", "\"6\"")
                .body("status", equalTo("DONE"), "resolutionNote", equalTo("Alert at depth > 10k for 5 minutes"),
                        "link", equalTo("https://git.example.com/pr/7"));
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"reason\": \"The alert never fired in the drill\"}")
                .post("/action-items/" + item.id() + "/reopen")
                .then().statusCode(200).body("status", equalTo("OPEN"), "resolutionNote", equalTo(null));
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"justification\": \"The queue is replaced next month\"}")
                .post("/action-items/" + item.id() + "/wont-do")
                .then().statusCode(200).body("status", equalTo("WONT_DO"), "justification", equalTo("The queue is replaced next month"));

        assertThat(eventTypes(item.id())).containsExactly("action-item.created", "action-item.started",
                "action-item.tracker-linked", "action-item.reassigned", "action-item.due-date-changed",
                "action-item.completed", "action-item.reopened", "action-item.wont-do");
        JsonPath history = given().auth().oauth2(reader()).get("/action-items/" + item.id() + "/events").then().statusCode(200)
                .extract().jsonPath();
        assertThat(history.getString("[1].actor")).isEqualTo("ana-" + team);
        assertThat(history.getString("[4].payload.reason")).isEqualTo("Waiting for the new queue");
        assertThat(history.getString("[1].recordedAt")).isNotBlank();
        assertThat(history.getString("[1].correlationId")).isNotBlank();
    }

    @Test
    void the_history_answers_one_page_of_its_events_when_page_or_size_is_given() {
        String team = team();
        Item item = Item.of("Page on queue depth", "DETECT", team);
        published(item);
        String member = memberOf(team);
        given().auth().oauth2(member).post("/action-items/" + item.id() + "/start").then().statusCode(200);
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"url\": \"https://jira.example.com/browse/PAY-13\"}")
                .post("/action-items/" + item.id() + "/tracker-link").then().statusCode(200);
        String path = "/action-items/" + item.id() + "/events";

        given().auth().oauth2(reader()).queryParam("page", 1).queryParam("size", 2).get(path).then().statusCode(200)
                .body("items.type", contains("action-item.tracker-linked"), "items[0].streamVersion", equalTo(3),
                        "total", equalTo(3), "page", equalTo(1), "size", equalTo(2));
        given().auth().oauth2(reader()).queryParam("size", 2).get(path).then().statusCode(200)
                .body("items.type", contains("action-item.created", "action-item.started"), "total", equalTo(3));
        // Neither page nor size: the array, as it always was (a short one whole, without a link).
        given().auth().oauth2(reader()).get(path).then().statusCode(200).header("Link", org.hamcrest.Matchers.nullValue())
                .body("streamVersion", contains(1, 2, 3));

        given().auth().oauth2(reader()).queryParam("page", -1).get(path).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("page"));
        given().auth().oauth2(reader()).queryParam("page", Integer.MAX_VALUE).queryParam("size", 200).get(path)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("page"));
        given().auth().oauth2(reader()).queryParam("size", 0).get(path).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("size"));
        given().auth().oauth2(reader()).queryParam("page", 0).get("/action-items/" + UUID.randomUUID() + "/events")
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(reader()).get("/action-items/" + UUID.randomUUID() + "/events")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void a_history_longer_than_the_array_answers_its_first_events_and_links_the_page_after_them() throws Throwable {
        String team = team();
        Item item = Item.of("Page on queue depth", "DETECT", team);
        UUID reviewId = published(item).reviewId();
        // Tracker links an item collects as its ticket moves between trackers, appended as its commands would: a
        // hundred a transaction (one transaction of a thousand stalled until the database's idle timeout).
        String aggregateId = ActionItemAggregate.aggregateId(item.id());
        for (int batch = 0; batch < 10; batch++) {
            int first = batch * 100;
            List<ActionItemEvent> links = IntStream.range(first, first + 100).<ActionItemEvent>mapToObj(i -> new ActionItemEvent.TrackerLinked(
                    item.id(), reviewId, "https://jira.example.com/browse/PAY-" + i, "ana", Instant.now())).toList();
            VertxContextSupport.subscribeAndAwait(() -> store.transact(CommandContext.by("ana"), work ->
                    work.load(aggregate.type(), aggregateId).flatMap(loaded -> work.append(aggregate.type(), loaded, links))));
        }
        String path = "/action-items/" + item.id() + "/events";

        Response array = given().auth().oauth2(reader()).get(path);
        array.then().statusCode(200).header("Link", equalTo("<" + path + "?page=5&size=200>; rel=\"next\""));
        assertThat(array.jsonPath().getList("streamVersion", Integer.class))
                .isEqualTo(IntStream.rangeClosed(1, 1_000).boxed().toList());
        given().auth().oauth2(reader()).queryParam("page", 5).queryParam("size", 200).get(path).then().statusCode(200)
                .body("items.streamVersion", contains(1_001), "items[0].payload.url", equalTo("https://jira.example.com/browse/PAY-999"),
                        "total", equalTo(1_001));
    }

    @Test
    void a_member_of_another_team_gets_403_and_nothing_changes() {
        String team = team();
        Item item = Item.of("Alert on payment queue depth", "DETECT", team);
        published(item);

        given().auth().oauth2(memberOf("search")).post("/action-items/" + item.id() + "/start")
                .then().statusCode(403).contentType(PROBLEM)
                .body("status", equalTo(403), "detail", containsString("not a member of " + team));
        given().auth().oauth2(memberOf("search")).contentType(ContentType.JSON).body("{\"resolutionNote\": \"done by us\"}")
                .post("/action-items/" + item.id() + "/complete").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(Tokens.forUser("rita").roles("responder", "reviewer").sign())
                .post("/action-items/" + item.id() + "/start").then().statusCode(403).contentType(PROBLEM);

        JsonPath after = item(item.id());
        assertThat(after.getString("status")).isEqualTo("OPEN");
        assertThat(after.getLong("version")).isEqualTo(1);
        assertThat(eventTypes(item.id())).containsExactly("action-item.created");
    }

    @Test
    void an_admin_may_change_any_team_s_item_and_a_reassigned_item_belongs_to_its_new_team() {
        String team = team();
        String other = team();
        Item item = Item.of("Alert on payment queue depth", "DETECT", team);
        published(item);

        given().auth().oauth2(admin()).post("/action-items/" + item.id() + "/start")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        given().auth().oauth2(memberOf(team)).contentType(ContentType.JSON).body("{\"team\": \"" + other + "\"}")
                .post("/action-items/" + item.id() + "/reassign")
                .then().statusCode(200).body("ownerTeam", equalTo(other), "owner", equalTo(null));
        // The old team no longer owns it; the new one does.
        given().auth().oauth2(memberOf(team)).contentType(ContentType.JSON).body("{\"resolutionNote\": \"done\"}")
                .post("/action-items/" + item.id() + "/complete").then().statusCode(403);
        given().auth().oauth2(memberOf(other)).contentType(ContentType.JSON).body("{\"resolutionNote\": \"done\"}")
                .post("/action-items/" + item.id() + "/complete").then().statusCode(200).body("status", equalTo("DONE"));
    }

    @Test
    void illegal_transitions_are_409_and_stale_versions_412() {
        String team = team();
        Item item = Item.of("Alert on payment queue depth", "DETECT", team);
        published(item);
        String member = memberOf(team);

        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"reason\": \"again\"}")
                .post("/action-items/" + item.id() + "/reopen")
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("only DONE or WONT_DO"));
        given().auth().oauth2(member).post("/action-items/" + item.id() + "/start").then().statusCode(200);
        given().auth().oauth2(member).post("/action-items/" + item.id() + "/start")
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("already in progress"));

        given().auth().oauth2(member).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body("{\"resolutionNote\": \"done\"}").post("/action-items/" + item.id() + "/complete")
                .then().statusCode(412).contentType(PROBLEM).body("detail", containsString("version 2"));
        assertThat(item(item.id()).getString("status")).isEqualTo("IN_PROGRESS");
    }

    @Test
    void invalid_bodies_are_400_naming_the_field_and_unknown_items_404() {
        String team = team();
        Item item = Item.of("Alert on payment queue depth", "DETECT", team);
        published(item);
        String member = memberOf(team);

        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"resolutionNote\": \" \"}")
                .post("/action-items/" + item.id() + "/complete")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("resolutionNote"));
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"url\": \"ftp://tracker\"}")
                .post("/action-items/" + item.id() + "/tracker-link")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("url"));
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"dueDate\": \"soon\", \"reason\": \"x\"}")
                .post("/action-items/" + item.id() + "/due-date")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("dueDate"));
        given().auth().oauth2(member).header("If-Match", "yesterday").post("/action-items/" + item.id() + "/start")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(member).post("/action-items/" + UUID.randomUUID() + "/start")
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(reader()).get("/action-items/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(reader()).get("/action-items/not-an-id/events").then().statusCode(404).contentType(PROBLEM);
        given().get("/action-items/" + item.id()).then().statusCode(401).contentType(PROBLEM);
        assertThat(eventTypes(item.id())).containsExactly("action-item.created");
    }

    @Test
    void a_read_answers_the_item_with_its_etag() {
        String team = team();
        Item item = Item.of("Alert on payment queue depth", "DETECT", team).ownedBy("ana");
        ReviewOutcomes review = published(item);

        given().auth().oauth2(reader()).get("/action-items/" + item.id()).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("id", equalTo(item.idText()), "reviewId", equalTo(review.reviewId().toString()),
                        "incidentId", equalTo(review.incidentId().toString()), "title", equalTo("Alert on payment queue depth"),
                        "type", equalTo("DETECT"), "ownerTeam", equalTo(team), "owner", equalTo("ana"), "priority", equalTo("P2"),
                        "status", equalTo("OPEN"), "dueDate", equalTo("2026-04-01"), "version", equalTo(1));
    }

    @Test
    void owner_me_lists_the_caller_s_own_items_across_teams() {
        String person = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        Item mine = Item.of("mine", "DETECT", team()).ownedBy(person).due(LocalDate.parse("2031-02-01"));
        Item alsoMine = Item.of("also mine", "PREVENT", team()).ownedBy(person.toUpperCase()).due(LocalDate.parse("2031-01-01"));
        Item theirs = Item.of("theirs", "DETECT", team()).ownedBy("someone-else");
        published(mine, alsoMine, theirs);
        String token = Tokens.forUser(person).sign();

        given().auth().oauth2(token).get("/action-items?owner=me").then().statusCode(200)
                .body("total", equalTo(2), "items.id", contains(alsoMine.idText(), mine.idText()));
        assertThat(idsOf("owner=" + person)).containsExactly(alsoMine.idText(), mine.idText());
        assertThat(idsOf("owner=" + person + "&type=PREVENT")).containsExactly(alsoMine.idText());
        given().auth().oauth2(reader()).get("/action-items?owner=" + "x".repeat(501)).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("owner"));
    }

    @Test
    void the_team_list_filters_pages_and_keeps_a_stable_order() {
        String team = team();
        LocalDate base = LocalDate.parse("2031-01-10");
        Item a = Item.of("a", "DETECT", team).due(base.plusDays(3));
        Item b = Item.of("b", "PREVENT", team).due(base.plusDays(1));
        Item c = Item.of("c", "PROCESS", team).due(base.plusDays(2));
        Item d = Item.of("d", "LEARN", team).due(base.plusDays(1));
        Item e = Item.of("e", "DETECT", team).due(base.plusDays(5));
        Item overdue = Item.of("overdue", "MITIGATE", team).due(LocalDate.parse("2026-01-01"));
        ReviewOutcomes first = published(a, b, c);
        ReviewOutcomes second = published(d, e, overdue);
        Item elsewhere = Item.of("elsewhere", "DETECT", team());
        published(elsewhere);
        given().auth().oauth2(memberOf(team)).post("/action-items/" + c.id() + "/start").then().statusCode(200);
        given().auth().oauth2(memberOf(team)).contentType(ContentType.JSON).body("{\"resolutionNote\": \"done\"}")
                .post("/action-items/" + e.id() + "/complete").then().statusCode(200);

        // Due date first, then id: b and d share a date.
        String bd = b.idText().compareTo(d.idText()) < 0 ? b.idText() : d.idText();
        String db = bd.equals(b.idText()) ? d.idText() : b.idText();
        assertThat(idsOf("team=" + team)).containsExactly(overdue.idText(), bd, db, c.idText(), a.idText(), e.idText());
        given().auth().oauth2(reader()).get("/action-items?team=" + team + "&page=1&size=4").then().statusCode(200)
                .body("total", equalTo(6), "page", equalTo(1), "size", equalTo(4), "items.size()", equalTo(2));
        assertThat(idsOf("team=" + team + "&page=1&size=4")).containsExactly(a.idText(), e.idText());

        assertThat(idsOf("team=" + team + "&status=IN_PROGRESS")).containsExactly(c.idText());
        assertThat(idsOf("team=" + team + "&status=DONE,IN_PROGRESS")).containsExactly(c.idText(), e.idText());
        assertThat(idsOf("team=" + team + "&status=OPEN&status=DONE")).containsExactly(overdue.idText(), bd, db, a.idText(), e.idText());
        assertThat(idsOf("team=" + team + "&overdue=true")).containsExactly(overdue.idText());
        assertThat(idsOf("team=" + team + "&overdue=false")).hasSize(5).doesNotContain(overdue.idText());
        assertThat(idsOf("team=" + team + "&type=DETECT")).containsExactly(a.idText(), e.idText());
        assertThat(idsOf("team=" + team + "&review=" + first.reviewId())).containsExactly(b.idText(), c.idText(), a.idText());
        assertThat(idsOf("incident=" + second.incidentId())).containsExactly(overdue.idText(), d.idText(), e.idText());
        assertThat(idsOf("team=" + team + "&dueBefore=" + base.plusDays(2))).containsExactly(overdue.idText(), bd, db);
        given().auth().oauth2(reader()).get("/action-items?team=" + team + "&overdue=true").then()
                .body("items[0].overdue", equalTo(true));

        given().auth().oauth2(reader()).get("/action-items?size=100000").then().statusCode(200).body("size", equalTo(200));
        given().auth().oauth2(reader()).get("/action-items?status=LATE").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("status"));
        given().auth().oauth2(reader()).get("/action-items?dueBefore=tomorrow").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(reader()).get("/action-items?page=-1").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(reader()).get("/action-items?overdue=maybe").then().statusCode(400).contentType(PROBLEM);
    }
}
