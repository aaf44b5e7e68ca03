package dev.incidentlifecycle.reviews.search.readmodel;

import dev.incidentlifecycle.eventstore.Timestamps;
import dev.incidentlifecycle.reviews.policy.Severity;
import dev.incidentlifecycle.reviews.search.SearchFilter;
import dev.incidentlifecycle.reviews.search.SearchHit;
import dev.incidentlifecycle.reviews.search.SearchKind;
import dev.incidentlifecycle.reviews.search.Snippet;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Full-text search in PostgreSQL over the {@code incident} and {@code review} tables. Each kind's document is the
 * weighted tsvector of V8's {@code incident_search_document} / {@code review_search_document}, matched through their
 * GIN indexes; hits of both kinds are ranked together by {@code ts_rank}, best first, and only the page's hits get a
 * {@code ts_headline} snippet.
 */
@ApplicationScoped
public class SearchQueries {

    /** The text search configuration of queries and documents (V8 builds the documents with it too). */
    static final String CONFIGURATION = "english";
    /** ts_headline's options: two short fragments per hit, the matches between the {@link Snippet} markers. */
    static final String HEADLINE_OPTIONS = "StartSel=" + Snippet.START + ", StopSel=" + Snippet.STOP
            + ", MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=\" … \"";
    private static final String MARKERS = "chr(" + (int) Snippet.START + ") || chr(" + (int) Snippet.STOP + ")";

    private static final String ORDER = "rank desc, occurred_at desc nulls last, kind, id";

    private final Mutiny.SessionFactory sessions;

    SearchQueries(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<Page<SearchHit>> search(SearchFilter filter, PageRequest page) {
        Parameters parameters = new Parameters();
        String hits = hits(filter, parameters);
        String sql = hits + """
                , ranked as (
                    select h.*, count(*) over () as total from hits h order by %s limit %s offset %s
                )
                select p.kind, p.id, p.incident_id, p.total, p.rank, p.occurred_at,
                       coalesce(r.incident_number, i.incident_number), coalesce(r.title, i.title),
                       coalesce(r.service, i.service), coalesce(r.severity, i.severity), coalesce(r.status, i.status),
                       ts_headline('%s', translate(case when p.kind = 'INCIDENT'
                                   then concat_ws(E'\\n', i.title, i.summary, i.service, i.notes)
                                   else concat_ws(E'\\n', r.summary, r.factor_text, r.action_item_text, r.other_text) end,
                                   %s, ''), query.q, %s)
                from ranked p cross join query
                left join incident i on p.kind = 'INCIDENT' and i.id = p.id
                left join review r on p.kind = 'REVIEW' and r.id = p.id
                order by p.%s"""
                .formatted(ORDER, parameters.add(page.size(), "integer"), parameters.add(page.offset(), "integer"),
                        CONFIGURATION, MARKERS, parameters.add(HEADLINE_OPTIONS, "text"), ORDER.replace(", ", ", p."));
        return sessions.withSession(session -> parameters.bind(session.createNativeQuery(sql, Object[].class))
                .getResultList()
                .flatMap(rows -> {
                    if (!rows.isEmpty() || page.offset() == 0) {
                        long total = rows.isEmpty() ? 0 : ((Number) rows.get(0)[3]).longValue();
                        return Uni.createFrom().item(new Page<>(rows.stream().map(SearchQueries::hit).toList(), total,
                                page.page(), page.size()));
                    }
                    // Past the last page: the count alone.
                    Parameters counting = new Parameters();
                    String count = hits(filter, counting) + " select count(*) from hits";
                    return counting.bind(session.createNativeQuery(count, Long.class)).getSingleResult()
                            .map(total -> new Page<SearchHit>(List.of(), total, page.page(), page.size()));
                }));
    }

    /** {@code with query as (...), hits as (...)}: every match of the filter, with its rank. */
    private static String hits(SearchFilter filter, Parameters parameters) {
        StringBuilder sql = new StringBuilder("with query as (select websearch_to_tsquery('" + CONFIGURATION + "', "
                + parameters.add(filter.query(), "text") + ") as q), hits as (");
        List<String> parts = new ArrayList<>();
        if (filter.includes(SearchKind.INCIDENT)) {
            String document = "incident_search_document(i.title, i.summary, i.service, i.notes)";
            parts.add("select 'INCIDENT' as kind, i.id, i.id as incident_id, i.declared_at as occurred_at, "
                    + "ts_rank(" + document + ", query.q) as rank from incident i cross join query where " + document
                    + " @@ query.q" + filters(filter, "i", parameters));
        }
        if (filter.includes(SearchKind.REVIEW)) {
            String document = "review_search_document(r.summary, r.factor_text, r.action_item_text, r.other_text)";
            parts.add("select 'REVIEW' as kind, r.id, r.incident_id, i.declared_at as occurred_at, "
                    + "ts_rank(" + document + ", query.q) as rank from review r left join incident i on i.id = r.incident_id "
                    + "cross join query where " + document + " @@ query.q" + filters(filter, "r", parameters));
        }
        return sql.append(String.join(" union all ", parts)).append(")").toString();
    }

    /** Service and severity of the hit's own row ({@code alias}); the period on the incident's declaration. */
    private static String filters(SearchFilter filter, String alias, Parameters parameters) {
        StringBuilder sql = new StringBuilder();
        if (filter.service() != null) {
            sql.append(" and lower(").append(alias).append(".service) = lower(").append(parameters.add(filter.service(), "text")).append(")");
        }
        if (!filter.severities().isEmpty()) {
            String names = filter.severities().stream().map(Severity::name).sorted().collect(Collectors.joining(","));
            sql.append(" and ").append(alias).append(".severity = any(string_to_array(").append(parameters.add(names, "text"))
                    .append(", ','))");
        }
        if (filter.from() != null) {
            sql.append(" and i.declared_at >= ").append(parameters.add(utc(filter.from()), "timestamptz"));
        }
        if (filter.to() != null) {
            sql.append(" and i.declared_at < ").append(parameters.add(utc(filter.to()), "timestamptz"));
        }
        return sql.toString();
    }

    private static SearchHit hit(Object[] row) {
        return new SearchHit(SearchKind.valueOf((String) row[0]), (UUID) row[1], (UUID) row[2], (String) row[6],
                (String) row[7], (String) row[8], (String) row[9], (String) row[10], instant(row[5]),
                ((Number) row[4]).doubleValue(), Snippet.of((String) row[11]));
    }

    private static Instant instant(Object value) {
        return value == null ? null : Timestamps.toInstant(value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Positional parameters, numbered in the order the statement names them. */
    private static final class Parameters {
        private final List<Object> values = new ArrayList<>();

        String add(Object value, String type) {
            values.add(value);
            return "cast(?" + values.size() + " as " + type + ")";
        }

        <Q extends Mutiny.AbstractQuery> Q bind(Q query) {
            for (int i = 0; i < values.size(); i++) {
                query.setParameter(i + 1, values.get(i));
            }
            return query;
        }
    }
}
