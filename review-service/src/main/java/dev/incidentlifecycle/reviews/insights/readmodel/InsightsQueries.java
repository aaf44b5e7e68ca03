package dev.incidentlifecycle.reviews.insights.readmodel;

import dev.incidentlifecycle.reviews.insights.Period;
import dev.incidentlifecycle.reviews.insights.RecurringFactor;
import dev.incidentlifecycle.reviews.insights.ReviewInsights;
import dev.incidentlifecycle.reviews.insights.TaggedFactors;
import dev.incidentlifecycle.reviews.review.FactorCategory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@link ReviewInsights} computed by PostgreSQL from the {@code review} and {@code review_factor} tables: three
 * aggregate statements over the reviews due in the period, whose answers are a few rows whatever the number of
 * reviews (at most {@link ReviewInsights#MAX_RECURRING_FACTORS} recurring factors).
 */
@ApplicationScoped
public class InsightsQueries {

    /** The reviews insights look at: due in [?1, ?2), meant to be published. */
    private static final String IN_PERIOD = "r.due_at >= cast(?1 as timestamptz) and r.due_at < cast(?2 as timestamptz) "
            + "and r.status not in ('CANCELLED', 'DECLINED')";

    private static final String COUNTS = "select count(*), "
            + "count(*) filter (where r.published_at is not null), "
            + "count(*) filter (where r.published_at <= r.due_at), "
            + "count(*) filter (where r.published_at > r.due_at or (r.published_at is null and r.due_at < cast(?3 as timestamptz))) "
            + "from review r where " + IN_PERIOD;

    private static final String BY_CATEGORY = "select f.category, count(*) from review_factor f join review r on r.id = f.review_id "
            + "where " + IN_PERIOD + " and r.published_at is not null group by f.category";

    private static final String RECURRING = """
            with factor as (
                select f.normalised, f.category, f.incident_id
                from review_factor f join review r on r.id = f.review_id
                where %s and r.published_at is not null and f.normalised <> ''
            ), recurring as (
                select normalised, count(distinct incident_id) as incidents, string_agg(distinct category, ',') as categories
                from factor group by normalised having count(distinct incident_id) >= 2
            )
            select rf.normalised, rf.incidents, rf.categories, count(*) over (),
                   (select string_agg(cast(ids.incident_id as text), ',' order by ids.incident_id)
                    from (select distinct x.incident_id from factor x where x.normalised = rf.normalised
                          order by x.incident_id limit ?3) ids)
            from recurring rf
            order by rf.incidents desc, rf.normalised collate "C"
            limit ?4""".formatted(IN_PERIOD);

    private static final String BY_TAG = "select f.category, t.tag, count(*), count(distinct f.incident_id), count(*) over () "
            + "from review_factor f join review_factor_tag t on t.review_id = f.review_id and t.factor_id = f.factor_id "
            + "join review r on r.id = f.review_id where " + IN_PERIOD + " and r.published_at is not null "
            + "group by f.category, t.tag order by count(*) desc, f.category, t.tag collate \"C\" limit ?3";

    private static final String BY_MONTH = "select to_char(r.due_at at time zone 'UTC', 'YYYY-MM') as month, f.category, "
            + "t.tag, count(*), count(*) over () "
            + "from review_factor f join review r on r.id = f.review_id "
            + "left join review_factor_tag t on t.review_id = f.review_id and t.factor_id = f.factor_id "
            + "where " + IN_PERIOD + " and r.published_at is not null "
            + "group by 1, f.category, t.tag order by 1, f.category, t.tag collate \"C\" nulls first limit ?3";

    private final Mutiny.SessionFactory sessions;

    InsightsQueries(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** The insights of the reviews due in {@code period}, judging lateness as of {@code now}. */
    public Uni<ReviewInsights> over(Period period, Instant now) {
        OffsetDateTime from = period.from().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = period.to().atOffset(ZoneOffset.UTC);
        return sessions.withSession(session -> session.createNativeQuery(COUNTS, Object[].class)
                .setParameter(1, from).setParameter(2, to).setParameter(3, now.atOffset(ZoneOffset.UTC))
                .getSingleResult()
                .flatMap(counts -> session.createNativeQuery(BY_CATEGORY, Object[].class)
                        .setParameter(1, from).setParameter(2, to)
                        .getResultList()
                        .flatMap(categories -> session.createNativeQuery(RECURRING, Object[].class)
                                .setParameter(1, from).setParameter(2, to)
                                .setParameter(3, RecurringFactor.MAX_INCIDENT_IDS)
                                .setParameter(4, ReviewInsights.MAX_RECURRING_FACTORS)
                                .getResultList()
                                .flatMap(recurring -> session.createNativeQuery(BY_TAG, Object[].class)
                                        .setParameter(1, from).setParameter(2, to).setParameter(3, ReviewInsights.MAX_TAGS)
                                        .getResultList()
                                        .flatMap(tags -> session.createNativeQuery(BY_MONTH, Object[].class)
                                                .setParameter(1, from).setParameter(2, to)
                                                .setParameter(3, ReviewInsights.MAX_MONTHLY)
                                                .getResultList()
                                                .map(months -> insights(period, counts, categories, recurring)
                                                        .withTags(tagged(tags, false), total(tags, 4),
                                                                tagged(months, true), total(months, 4))))))));
    }

    private static List<TaggedFactors> tagged(List<Object[]> rows, boolean monthly) {
        return rows.stream().map(row -> monthly
                ? new TaggedFactors((String) row[0], FactorCategory.valueOf((String) row[1]), (String) row[2], number(row[3]), 0)
                : new TaggedFactors(null, FactorCategory.valueOf((String) row[0]), (String) row[1], number(row[2]), number(row[3])))
                .toList();
    }

    private static int total(List<Object[]> rows, int column) {
        return rows.isEmpty() ? 0 : number(rows.get(0)[column]);
    }

    private static ReviewInsights insights(Period period, Object[] counts, List<Object[]> categories, List<Object[]> recurring) {
        Map<FactorCategory, Integer> byCategory = new EnumMap<>(FactorCategory.class);
        for (FactorCategory category : FactorCategory.values()) {
            byCategory.put(category, 0);
        }
        for (Object[] row : categories) {
            byCategory.put(FactorCategory.valueOf((String) row[0]), number(row[1]));
        }
        List<RecurringFactor> factors = new ArrayList<>(recurring.size());
        int total = 0;
        for (Object[] row : recurring) {
            List<FactorCategory> named = Arrays.stream(((String) row[2]).split(",")).map(FactorCategory::valueOf).toList();
            List<UUID> incidentIds = Arrays.stream(((String) row[4]).split(",")).map(UUID::fromString).toList();
            factors.add(new RecurringFactor((String) row[0], Set.copyOf(named), number(row[1]), incidentIds));
            total = number(row[3]);
        }
        int onTime = number(counts[2]);
        int late = number(counts[3]);
        Double share = onTime + late == 0 ? null : (double) onTime / (onTime + late);
        return new ReviewInsights(period, number(counts[0]), number(counts[1]), byCategory, factors, total, onTime, late,
                share, List.of(), 0, List.of(), 0);
    }

    private static int number(Object value) {
        return ((Number) value).intValue();
    }
}
