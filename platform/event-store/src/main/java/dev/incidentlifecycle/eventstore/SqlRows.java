package dev.incidentlifecycle.eventstore;

import java.util.List;

/**
 * Builds the numbered placeholders of a multi-row statement, so that a batch of rows is one round trip:
 * {@code values(2, "cast(? as uuid)", "?")} gives {@code (cast(?1 as uuid), ?2), (cast(?3 as uuid), ?4)}.
 */
public final class SqlRows {

    /** Rows per statement: PostgreSQL takes at most 65,535 parameters, and shorter statements parse faster. */
    public static final int MAX_ROWS = 500;

    private SqlRows() {
    }

    public static String values(int rows, String... columns) {
        return values(rows, 1, columns);
    }

    /** As {@link #values(int, String...)}, numbering from {@code first}. */
    public static String values(int rows, int first, String... columns) {
        StringBuilder sql = new StringBuilder(rows * columns.length * 12);
        int parameter = first;
        for (int row = 0; row < rows; row++) {
            sql.append(row == 0 ? "(" : ", (");
            for (int column = 0; column < columns.length; column++) {
                if (column > 0) {
                    sql.append(", ");
                }
                String template = columns[column];
                int at = template.indexOf('?');
                sql.append(template, 0, at + 1).append(parameter++).append(template, at + 1, template.length());
            }
            sql.append(')');
        }
        return sql.toString();
    }

    /** {@code ?first, ?first+1, ...}: an IN list of {@code count} parameters. */
    public static String list(int count, int first, String cast) {
        StringBuilder sql = new StringBuilder(count * 8);
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ", ").append(cast.replace("?", "?" + (first + i)));
        }
        return sql.toString();
    }

    /** {@code list} cut into pieces of at most {@link #MAX_ROWS}; none for an empty list. */
    public static <T> List<List<T>> chunks(List<T> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        if (list.size() <= MAX_ROWS) {
            return List.of(list);
        }
        List<List<T>> chunks = new java.util.ArrayList<>();
        for (int from = 0; from < list.size(); from += MAX_ROWS) {
            chunks.add(list.subList(from, Math.min(list.size(), from + MAX_ROWS)));
        }
        return chunks;
    }
}
