package dev.incidentlifecycle.reviews.review;

import dev.incidentlifecycle.reviews.policy.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a review concluded, as {@code review.published} and {@code review.amended} carry it: the part of
 * the review other services and people subscribe to.
 *
 * @param publishedAt when the review was first published (an amendment keeps it)
 */
public record ReviewOutcome(
        UUID reviewId,
        UUID incidentId,
        String incidentNumber,
        Severity severity,
        String service,
        String title,
        String summary,
        String impact,
        String whatWentWell,
        String whereWeGotLucky,
        String openQuestions,
        List<ContributingFactor> contributingFactors,
        List<ActionItem> actionItems,
        String facilitator,
        List<String> participants,
        Instant dueAt,
        Instant publishedAt) {

    public ReviewOutcome {
        contributingFactors = List.copyOf(contributingFactors);
        actionItems = List.copyOf(actionItems);
        participants = List.copyOf(participants);
    }

    /** True when it was published by the due instant. */
    public boolean publishedOnTime() {
        return dueAt == null || !publishedAt.isAfter(dueAt);
    }

    /** What differs in this outcome from {@code previous}, in a stable order. */
    public List<OutcomeChange> changesFrom(ReviewOutcome previous) {
        List<OutcomeChange> changes = new ArrayList<>();
        textChange(changes, DocumentField.SUMMARY, previous.summary, summary);
        textChange(changes, DocumentField.IMPACT, previous.impact, impact);
        textChange(changes, DocumentField.WHAT_WENT_WELL, previous.whatWentWell, whatWentWell);
        textChange(changes, DocumentField.WHERE_WE_GOT_LUCKY, previous.whereWeGotLucky, whereWeGotLucky);
        textChange(changes, DocumentField.OPEN_QUESTIONS, previous.openQuestions, openQuestions);

        Map<UUID, ContributingFactor> before = byId(previous.contributingFactors, ContributingFactor::factorId);
        Map<UUID, ContributingFactor> after = byId(contributingFactors, ContributingFactor::factorId);
        after.keySet().stream().filter(id -> !before.containsKey(id))
                .forEach(id -> changes.add(new OutcomeChange(OutcomeChange.Kind.CONTRIBUTING_FACTOR_ADDED, id.toString())));
        before.keySet().stream().filter(id -> !after.containsKey(id))
                .forEach(id -> changes.add(new OutcomeChange(OutcomeChange.Kind.CONTRIBUTING_FACTOR_REMOVED, id.toString())));

        Map<UUID, ActionItem> itemsBefore = byId(previous.actionItems, ActionItem::actionItemId);
        Map<UUID, ActionItem> itemsAfter = byId(actionItems, ActionItem::actionItemId);
        itemsAfter.forEach((id, item) -> {
            ActionItem old = itemsBefore.get(id);
            if (old == null) {
                changes.add(new OutcomeChange(OutcomeChange.Kind.ACTION_ITEM_ADDED, id.toString()));
            } else if (!old.equals(item)) {
                changes.add(new OutcomeChange(OutcomeChange.Kind.ACTION_ITEM_CHANGED, id.toString()));
            }
        });
        itemsBefore.keySet().stream().filter(id -> !itemsAfter.containsKey(id))
                .forEach(id -> changes.add(new OutcomeChange(OutcomeChange.Kind.ACTION_ITEM_REMOVED, id.toString())));

        participants.stream().filter(person -> !previous.participants.contains(person))
                .forEach(person -> changes.add(new OutcomeChange(OutcomeChange.Kind.PARTICIPANT_ADDED, person)));
        return List.copyOf(changes);
    }

    private static void textChange(List<OutcomeChange> changes, DocumentField field, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(new OutcomeChange(OutcomeChange.Kind.DOCUMENT_CHANGED, field.fieldName()));
        }
    }

    private static <T> Map<UUID, T> byId(List<T> values, Function<T, UUID> id) {
        return values.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }
}
