package dev.incidentlifecycle.notifications.subscription.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentlifecycle.notifications.subscription.SubscriptionFormat;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A subscription's stream records each notice as told, and each notice is what its published JSON Schema says. */
class SubscriptionNoticesTest {

    static final SubscriptionEvent DISABLED = new SubscriptionEvent.DisabledAutomatically(UUID.randomUUID(), SubscriptionFormat.SLACK,
            null, "every delivery failed for PT24H (last: HTTP 503)", Instant.parse("2026-12-01T09:14:58Z"),
            Instant.parse("2026-12-02T09:15:03Z"));

    @Test
    void a_notice_is_appended_as_told() {
        SubscriptionNotices notices = new SubscriptionNotices();
        SubscriptionNotices.Told told = notices.fold(notices.decide(new SubscriptionNotices.Notify(DISABLED), notices.initialState()));

        assertThat(notices.decide(new SubscriptionNotices.Notify(DISABLED), notices.initialState())).containsExactly(DISABLED);
        assertThat(told.notices()).isEqualTo(1);
    }

    @Test
    void every_notice_type_has_a_schema_its_json_keeps() throws Exception {
        assertThat(SubscriptionNotices.CODEC.types()).containsExactly("webhook.subscription-disabled");
        String json = SubscriptionNotices.CODEC.encode(DISABLED);

        assertThat(NoticeSchemas.violations("webhook.subscription-disabled", new ObjectMapper().readTree(json))).isEmpty();
        assertThat(json).contains("\"format\":\"slack\"").contains("\"description\":null");
    }
}
