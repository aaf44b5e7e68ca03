package dev.incidentlifecycle.eventstore;

import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Rows handed to PostgreSQL as one text array per column, for a statement that unnests them and casts each column
 * to its type ({@link #unnest}): the statement's text and its parameters are the same whatever the number of rows,
 * so a batch of any size is one short statement and one round trip. A multi-row {@code VALUES} list
 * ({@link SqlRows}) is a new statement of thousands of parameters for every size, and parsing and binding those
 * cost more than the database's work (measured in the alert pipeline's profile).
 */
public final class SqlColumns {

    private final String[][] columns;
    private int row = -1;
    private int column;

    public SqlColumns(int columns, int rows) {
        this.columns = new String[columns][rows];
    }

    /** Starts the next row. */
    public SqlColumns row() {
        row++;
        column = 0;
        return this;
    }

    /** The next column of the current row: null, a time (to the microsecond, as PostgreSQL keeps it), or its text. */
    public SqlColumns add(Object value) {
        String text;
        if (value == null) {
            text = null;
        } else if (value instanceof Instant instant) {
            text = instant.truncatedTo(ChronoUnit.MICROS).toString();
        } else if (value instanceof OffsetDateTime time) {
            text = time.toInstant().truncatedTo(ChronoUnit.MICROS).toString();
        } else {
            text = value.toString();
        }
        columns[column++][row] = text;
        return this;
    }

    /** Binds the columns to parameters {@code ?1 ... ?n} of {@code query}. */
    public <Q extends Mutiny.AbstractQuery> Q bind(Q query) {
        for (int c = 0; c < columns.length; c++) {
            query.setParameter(c + 1, columns[c]);
        }
        return query;
    }

    /**
     * {@code unnest(cast(?1 as text[]), ...) with ordinality as alias(names..., position)}: the rows, in the order they
     * were added ({@code order by alias.position}), every column text to be cast to its type.
     */
    public static String unnest(String alias, String... names) {
        StringBuilder sql = new StringBuilder("unnest(");
        for (int i = 0; i < names.length; i++) {
            sql.append(i == 0 ? "" : ", ").append("cast(?").append(i + 1).append(" as text[])");
        }
        return sql.append(") with ordinality as ").append(alias).append('(').append(String.join(", ", names))
                .append(", position)").toString();
    }
}
