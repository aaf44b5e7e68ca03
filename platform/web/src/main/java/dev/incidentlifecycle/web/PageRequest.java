package dev.incidentlifecycle.web;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.Map;

/** Which page a listing asks for. Sizes are capped so no request can ask for the whole table. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    /** The last page anyone may ask for: its offset still fits an int (and no listing is that long). */
    public static final int MAX_PAGE = 1_000_000;

    /** From the {@code page} and {@code size} query parameters, either of which may be absent. */
    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0 || p > MAX_PAGE) {
            throw new InvalidCommand("page", "page must be from 0 to " + MAX_PAGE);
        }
        if (s < 1) {
            throw new InvalidCommand("size", "size must be at least 1");
        }
        return new PageRequest(p, Math.min(s, MAX_SIZE));
    }

    public int offset() {
        return page * size;
    }

    /**
     * Reads this page of a filtered listing: counts every match, then reads the page's rows in a stable
     * order (the order must end with a unique column, or pages may overlap).
     *
     * @param from       the HQL from-and-where clause, e.g. {@code from AlertRow r where r.service = :service}
     * @param orderBy    the HQL order, e.g. {@code r.triggeredAt desc, r.alertId desc}
     * @param parameters the values of the clause's named parameters
     */
    public <R> Uni<Page<R>> read(Mutiny.Session session, Class<R> rowType, String from, String orderBy,
                                 Map<String, Object> parameters) {
        Mutiny.SelectionQuery<Long> counting = session.createSelectionQuery("select count(*) " + from, Long.class);
        Mutiny.SelectionQuery<R> listing = session.createSelectionQuery(from + " order by " + orderBy, rowType)
                .setFirstResult(offset())
                .setMaxResults(size);
        parameters.forEach((name, value) -> {
            counting.setParameter(name, value);
            listing.setParameter(name, value);
        });
        return counting.getSingleResult().flatMap(total -> total == 0
                ? Uni.createFrom().item(new Page<R>(List.of(), 0, page, size))
                : listing.getResultList().map(rows -> new Page<>(rows, total, page, size)));
    }
}
