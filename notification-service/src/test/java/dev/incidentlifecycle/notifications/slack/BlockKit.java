package dev.incidentlifecycle.notifications.slack;

import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a message body against Slack's documented Block Kit reference (https://api.slack.com/reference/block-kit/blocks,
 * .../composition-objects, .../block-elements) for the block types it uses: at most 50 blocks; header (plain_text, 150),
 * section (text 3000, at most 10 fields of 2000), actions (at most 25 elements; button: plain_text 75, url 3000),
 * context (at most 10 elements), divider; text objects of type plain_text or mrkdwn.
 */
final class BlockKit {

    private static final Set<String> BLOCK_TYPES = Set.of("header", "section", "actions", "context", "divider");

    private BlockKit() {
    }

    @SuppressWarnings("unchecked")
    static void assertValidMessage(String body) {
        JsonPath message = new JsonPath(body);
        assertThat(message.getString("text")).as("fallback text").isNotBlank();
        List<Map<String, Object>> blocks = message.getList("blocks");
        assertThat(blocks).isNotEmpty().hasSizeLessThanOrEqualTo(50);
        for (Map<String, Object> block : blocks) {
            String type = (String) block.get("type");
            assertThat(BLOCK_TYPES).as("block type").contains(type);
            switch (type) {
                case "header" -> textObject((Map<String, Object>) block.get("text"), Set.of("plain_text"), 150);
                case "section" -> {
                    textObject((Map<String, Object>) block.get("text"), Set.of("plain_text", "mrkdwn"), 3000);
                    List<Map<String, Object>> fields = (List<Map<String, Object>>) block.getOrDefault("fields", List.of());
                    assertThat(fields).hasSizeLessThanOrEqualTo(10);
                    fields.forEach(field -> textObject(field, Set.of("plain_text", "mrkdwn"), 2000));
                }
                case "actions" -> {
                    List<Map<String, Object>> elements = (List<Map<String, Object>>) block.get("elements");
                    assertThat(elements).isNotEmpty().hasSizeLessThanOrEqualTo(25);
                    for (Map<String, Object> element : elements) {
                        assertThat(element.get("type")).isEqualTo("button");
                        textObject((Map<String, Object>) element.get("text"), Set.of("plain_text"), 75);
                        String url = (String) element.get("url");
                        assertThat(url).hasSizeLessThanOrEqualTo(3000).matches("https?://.+");
                    }
                }
                case "context" -> {
                    List<Map<String, Object>> elements = (List<Map<String, Object>>) block.get("elements");
                    assertThat(elements).isNotEmpty().hasSizeLessThanOrEqualTo(10);
                    elements.forEach(element -> textObject(element, Set.of("plain_text", "mrkdwn"), 3000));
                }
                default -> { }
            }
        }
    }

    private static void textObject(Map<String, Object> text, Set<String> types, int maxLength) {
        assertThat(text).isNotNull();
        assertThat(types).contains((String) text.get("type"));
        assertThat((String) text.get("text")).isNotEmpty().hasSizeLessThanOrEqualTo(maxLength);
    }
}
