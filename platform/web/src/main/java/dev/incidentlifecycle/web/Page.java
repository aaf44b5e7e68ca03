package dev.incidentlifecycle.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing, the same shape in every service: {@code {"items":[...],"total":N,"page":P,"size":S}}.
 * Pages count from 0.
 */
public record Page<T>(List<T> items, long total, int page, int size) {

    public <R> Page<R> map(Function<T, R> mapping) {
        return new Page<>(items.stream().map(mapping).toList(), total, page, size);
    }
}
