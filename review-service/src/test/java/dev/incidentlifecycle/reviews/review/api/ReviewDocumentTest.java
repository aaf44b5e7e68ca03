package dev.incidentlifecycle.reviews.review.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.reviews.config.PublicLinks;
import dev.incidentlifecycle.reviews.testing.ActionItemStory;
import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.Scenarios;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.reviews.testing.Api.asReader;
import static dev.incidentlifecycle.reviews.testing.Api.asResponder;
import static dev.incidentlifecycle.reviews.testing.Api.asReviewer;
import static dev.incidentlifecycle.testing.KafkaTopic.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A published review read as a document: Markdown and HTML with every section, the action items' live status, and
 * hostile text in every field people write shown as text, never run. Both are parsed by independent libraries
 * (commonmark-java, jsoup), as a reader's tools would.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class ReviewDocumentTest {

    /** Script, an event handler, a javascript: link and image, raw HTML, and Markdown structure. */
    static final String HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> "
            + "[click](javascript:alert(3)) ![x](http://evil.example/x.png) | cell | <a href=\"http://evil.example\">a</a>";
    static final String HOSTILE_BLOCK = "# Fake heading\n\n    indented code\n<div onclick=\"alert(4)\">x</div>\n" + HOSTILE;

    static final List<String> SECTIONS = List.of("Summary", "Impact", "Timeline", "Contributing factors",
            "What went well", "Where we got lucky", "Open questions", "Action items");

    @Inject
    PublicLinks links;

    @Test
    void a_published_review_reads_as_markdown_and_html_with_hostile_text_inert_and_its_event_links_to_it() throws IOException {
        Scenarios.Scheduled scheduled = Scenarios.scheduledReview("Checkout " + HOSTILE, "SEV2", Instant.now());
        String id = scheduled.reviewId();
        Api.command(asReviewer(), id, "POST", "/start", null).then().statusCode(200);
        Api.command(asResponder(), id, "PATCH", "/document", Map.of(
                "summary", "Connection pool exhausted.\n\n" + HOSTILE_BLOCK,
                "impact", "Card payments failed. " + HOSTILE_BLOCK,
                "whatWentWell", "Rollback was quick. " + HOSTILE_BLOCK,
                "whereWeGotLucky", "Low traffic. " + HOSTILE_BLOCK,
                "openQuestions", "Why no alert? " + HOSTILE_BLOCK)).then().statusCode(200);
        String entry = Api.review(id).getString("timeline[0].entryId");
        Api.command(asResponder(), id, "PUT", "/timeline/" + entry + "/note", Map.of("note", "Paged late. " + HOSTILE_BLOCK))
                .then().statusCode(200);
        Api.command(asResponder(), id, "POST", "/contributing-factors",
                Map.of("category", "technical", "description", "Pool size fixed. " + HOSTILE_BLOCK)).then().statusCode(201);
        Api.command(asResponder(), id, "POST", "/participants", Map.of("participant", "kim " + HOSTILE)).then().statusCode(200);
        UUID item = UUID.randomUUID();
        Api.command(asResponder(), id, "POST", "/action-items", Map.of("actionItemId", item.toString(),
                "title", "Size the pool from load " + HOSTILE, "type", "prevent", "ownerTeam", "payments " + HOSTILE,
                "owner", "lee " + HOSTILE)).then().statusCode(201);
        for (String finding : Api.review(id).getList("findings.id", String.class)) {
            Api.command(asReviewer(), id, "POST", "/findings/" + finding + "/dismiss", Map.of("reason", "test text"))
                    .then().statusCode(200);
        }
        Api.command(asReviewer(), id, "POST", "/publish", null).then().statusCode(200);
        RealInfrastructure.produce(ActionItemStory.completed(item, UUID.fromString(id), "lee", Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(Api.review(id).getString("actionItems[0].status")));
        String link = links.review(UUID.fromString(id)).toString();

        // HTML: a page that runs nothing, with every section and the item's live status.
        Response html = asReader().accept("text/html").get("/reviews/" + id);
        html.then().statusCode(200).header("ETag", Api.etag(id));
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.header("Content-Security-Policy")).contains("default-src 'none'");
        Document page = Jsoup.parse(html.asString());
        assertInert(page, link);
        assertThat(page.select("h2").eachText()).containsExactlyElementsOf(SECTIONS);
        assertThat(page.select("h1").eachText()).hasSize(1);
        assertThat(page.select("h1").text()).contains(scheduled.incident().number()).contains("<script>alert(1)</script>");
        assertThat(page.text()).contains("Connection pool exhausted.").contains("Paged late.").contains("Pool size fixed.")
                .contains("# Fake heading").contains("<div onclick=\"alert(4)\">x</div>");
        assertThat(page.select("tbody tr")).hasSize(1);
        assertThat(page.select("tbody td").eachText()).contains("PREVENT", "DONE", "lee " + HOSTILE, "payments " + HOSTILE);

        // Markdown: rendered by commonmark-java, the same: nothing but our own headings, table and link.
        Response markdown = asReader().accept("text/markdown").get("/reviews/" + id);
        markdown.then().statusCode(200);
        assertThat(markdown.contentType()).startsWith("text/markdown");
        var extensions = List.of(TablesExtension.create());
        String rendered = HtmlRenderer.builder().extensions(extensions).build()
                .render(Parser.builder().extensions(extensions).build().parse(markdown.asString()));
        Document fromMarkdown = Jsoup.parse(rendered);
        assertInert(fromMarkdown, link);
        assertThat(fromMarkdown.select("h1")).hasSize(1);
        assertThat(fromMarkdown.select("h2").eachText()).containsExactlyElementsOf(SECTIONS);
        assertThat(fromMarkdown.select("pre, code")).as("no code block from indented text").isEmpty();
        assertThat(fromMarkdown.select("tbody tr")).hasSize(1);
        assertThat(fromMarkdown.select("tbody td").eachText()).contains("PREVENT", "DONE", "lee " + HOSTILE);
        assertThat(fromMarkdown.text()).contains("Connection pool exhausted.").contains(HOSTILE).contains("# Fake heading");

        // JSON stays the default.
        assertThat(asReader().get("/reviews/" + id).contentType()).startsWith("application/json");

        // review.published carries the absolute link.
        assertThat(link).startsWith("http").endsWith("/reviews/" + id);
        try (KafkaTopic topic = KafkaTopic.readFromStart("review-events")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.poll().withKey(id).stream()
                    .anyMatch(r -> "review.published".equals(header(r, "ce_type"))));
            ConsumerRecord<String, byte[]> published = topic.withKey(id).stream()
                    .filter(r -> "review.published".equals(header(r, "ce_type"))).findFirst().orElseThrow();
            JsonNode payload = EventJson.mapper().readTree(published.value());
            assertThat(payload.path("link").asText()).isEqualTo(link);
        }
    }

    /** No script, no element with an event handler, no image, no link but the review's own, no form or frame. */
    private static void assertInert(Document document, String ownLink) {
        assertThat(document.select("script, img, iframe, object, embed, form, div[onclick]")).isEmpty();
        for (Element element : document.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                assertThat(attribute.getKey()).as("attribute of <%s>", element.tagName()).doesNotStartWith("on");
            }
        }
        assertThat(document.select("a[href]").eachAttr("href")).containsOnly(ownLink);
    }
}
