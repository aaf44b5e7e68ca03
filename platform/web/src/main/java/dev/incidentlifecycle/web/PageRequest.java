package dev.incidentlifecycle.web;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;

/** Which page a listing asks for. Sizes are capped so no request can ask for the whole table. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    /** From the {@code page} and {@code size} query parameters, either of which may be absent. */
    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw new InvalidCommand("page", "page must be 0 or more");
        }
        if (s < 1) {
            throw new InvalidCommand("size", "size must be at least 1");
        }
        return new PageRequest(p, Math.min(s, MAX_SIZE));
    }

    public int offset() {
        return page * size;
    }
}
