package dev.incidentlifecycle.reviews.insights;

import dev.incidentlifecycle.reviews.review.FactorCategory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewInsightsTest {

    private static final Period MARCH = new Period(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
    private static final Instant AS_OF = Instant.parse("2026-04-15T00:00:00Z");
    private static final UUID INC_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID INC_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID INC_C = UUID.fromString("00000000-0000-0000-0000-00000000000c");

    private static ReviewRecord review(UUID incident, String due, String published, ReviewRecord.Factor... factors) {
        return new ReviewRecord(UUID.randomUUID(), incident, Instant.parse(due),
                published == null ? null : Instant.parse(published), List.of(factors));
    }

    private static ReviewRecord.Factor factor(FactorCategory category, String description) {
        return new ReviewRecord.Factor(category, description);
    }

    @Test
    void counts_factors_by_category_over_the_published_reviews_of_the_period() {
        List<ReviewRecord> reviews = List.of(
                review(INC_A, "2026-03-05T17:00:00Z", "2026-03-04T10:00:00Z",
                        factor(FactorCategory.TOOLING, "Deploy tool hides the region"),
                        factor(FactorCategory.PROCESS, "No canary for config")),
                review(INC_B, "2026-03-12T17:00:00Z", "2026-03-13T10:00:00Z",
                        factor(FactorCategory.TOOLING, "Alert thresholds too high")),
                review(INC_C, "2026-02-20T17:00:00Z", "2026-02-19T10:00:00Z",
                        factor(FactorCategory.EXTERNAL, "Provider outage"))); // due outside the period

        ReviewInsights insights = ReviewInsights.over(MARCH, AS_OF, reviews);

        assertThat(insights.reviews()).isEqualTo(2);
        assertThat(insights.published()).isEqualTo(2);
        assertThat(insights.factorsByCategory()).containsEntry(FactorCategory.TOOLING, 2)
                .containsEntry(FactorCategory.PROCESS, 1)
                .containsEntry(FactorCategory.EXTERNAL, 0)
                .hasSize(FactorCategory.values().length);
    }

    @Test
    void finds_factors_recurring_across_incidents_after_normalising_descriptions() {
        List<ReviewRecord> reviews = List.of(
                review(INC_A, "2026-03-05T17:00:00Z", "2026-03-04T10:00:00Z",
                        factor(FactorCategory.TOOLING, "Deploy tool hides the region"),
                        factor(FactorCategory.PROCESS, "No canary for config")),
                review(INC_B, "2026-03-12T17:00:00Z", "2026-03-11T10:00:00Z",
                        factor(FactorCategory.PROCESS, "  deploy   TOOL hides the region "),
                        factor(FactorCategory.PROCESS, "no canary for config")),
                review(INC_C, "2026-03-19T17:00:00Z", "2026-03-18T10:00:00Z",
                        factor(FactorCategory.TOOLING, "Deploy tool hides\tthe region")),
                // the same incident twice does not make a factor recur
                review(INC_C, "2026-03-20T17:00:00Z", "2026-03-18T10:00:00Z",
                        factor(FactorCategory.TECHNICAL, "Disk filled up")),
                review(INC_C, "2026-03-21T17:00:00Z", "2026-03-18T10:00:00Z",
                        factor(FactorCategory.TECHNICAL, "disk filled up")));

        ReviewInsights insights = ReviewInsights.over(MARCH, AS_OF, reviews);

        assertThat(insights.recurringFactors()).hasSize(2);
        RecurringFactor first = insights.recurringFactors().get(0);
        assertThat(first.description()).isEqualTo("deploy tool hides the region");
        assertThat(first.incidentIds()).containsExactly(INC_A, INC_B, INC_C);
        assertThat(first.categories()).isEqualTo(Set.of(FactorCategory.TOOLING, FactorCategory.PROCESS));
        assertThat(insights.recurringFactors().get(1).description()).isEqualTo("no canary for config");
        assertThat(insights.recurringFactors().get(1).incidents()).isEqualTo(2);
    }

    @Test
    void share_published_on_time_counts_overdue_unpublished_reviews_as_late() {
        List<ReviewRecord> reviews = List.of(
                review(INC_A, "2026-03-05T17:00:00Z", "2026-03-05T17:00:00Z"), // exactly at due: on time
                review(INC_B, "2026-03-12T17:00:00Z", "2026-03-13T10:00:00Z"), // late
                review(INC_C, "2026-03-19T17:00:00Z", null), // unpublished, overdue as of April 15: late
                review(INC_C, "2026-03-31T17:00:00Z", "2026-03-30T09:00:00Z")); // on time

        ReviewInsights insights = ReviewInsights.over(MARCH, AS_OF, reviews);

        assertThat(insights.publishedOnTime()).isEqualTo(2);
        assertThat(insights.late()).isEqualTo(2);
        assertThat(insights.onTimeShare()).isEqualTo(0.5);
    }

    @Test
    void a_review_not_yet_due_is_not_counted() {
        ReviewInsights insights = ReviewInsights.over(MARCH, Instant.parse("2026-03-10T00:00:00Z"),
                List.of(review(INC_A, "2026-03-12T17:00:00Z", null)));

        assertThat(insights.reviews()).isEqualTo(1);
        assertThat(insights.late()).isZero();
        assertThat(insights.onTimeShare()).isNull();
    }

    @Test
    void normalises_descriptions() {
        assertThat(ReviewInsights.normalise("  Disk \n FILLED\t up ")).isEqualTo("disk filled up");
    }
}
