package dev.incidentlifecycle.actions.actionitem;

import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Created;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One SEV1 review outcome of the payments service and the items it gives, shared by the tests. */
final class Fixtures {

    static final UUID ITEM = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final UUID OTHER_ITEM = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
    static final UUID REVIEW = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    static final UUID INCIDENT = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    static final ReviewOrigin ORIGIN = new ReviewOrigin(REVIEW, INCIDENT, "INC-42", Severity.SEV1, "payments-api");

    /** Published on 2 March 2026; a SEV1 DETECT item is due 30 days later by the default SLA. */
    static final Instant PUBLISHED = Instant.parse("2026-03-02T10:00:00Z");
    static final LocalDate SLA_DUE = LocalDate.parse("2026-04-01");
    static final Instant LATER = Instant.parse("2026-03-05T09:00:00Z");

    static final String FACILITATOR = "fatima";
    static final String MEMBER = "ana";

    static final ReviewedItem REVIEWED = new ReviewedItem(ITEM, "Alert on payment queue depth", ActionItemType.DETECT,
            "payments", "ana", Priority.P2, null);

    static final Created CREATED = new Created(ITEM, REVIEW, INCIDENT, "INC-42", Severity.SEV1, "payments-api",
            "Alert on payment queue depth", ActionItemType.DETECT, "payments", "ana", Priority.P2, SLA_DUE, true,
            FACILITATOR, PUBLISHED, ActionItemOrigin.REVIEW);

    static final ActionItemEvent.Started STARTED = new ActionItemEvent.Started(ITEM, REVIEW, MEMBER, LATER);

    static final ActionItemEvent.Completed COMPLETED = new ActionItemEvent.Completed(ITEM, REVIEW,
            "Alert added at depth > 10k for 5 min", null, MEMBER, LATER.plusSeconds(3600));

    static final ActionItemEvent.ClosedAsWontDo WONT_DO = new ActionItemEvent.ClosedAsWontDo(ITEM, REVIEW,
            "The queue is being replaced next month", MEMBER, LATER.plusSeconds(3600));

    private Fixtures() {
    }
}
