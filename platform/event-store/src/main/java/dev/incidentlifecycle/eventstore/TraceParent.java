package dev.incidentlifecycle.eventstore;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C {@code traceparent} that ties one alert's path through every service into one trace: stored with
 * each appended event, published by the relay as a record header (the name the CloudEvents
 * distributed-tracing extension uses), and read back by consumers.
 */
public final class TraceParent {

    /** The Kafka header, and CloudEvents extension, that carries it. */
    public static final String HEADER = "traceparent";

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private TraceParent() {
    }

    /** The current span's traceparent, or null outside any valid span. */
    public static String current() {
        return of(Context.current());
    }

    static String of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    /**
     * The traceparent of a consumer span this service starts for a record that carries one: the record's trace goes
     * on, through this service's own span. Null when the record carries no trace context.
     */
    public static String continued(io.opentelemetry.api.trace.Tracer tracer, String spanName, Headers headers) {
        Context parent = extract(Context.root(), headers);
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return null;
        }
        Span span = tracer.spanBuilder(spanName).setParent(parent)
                .setSpanKind(io.opentelemetry.api.trace.SpanKind.CONSUMER).startSpan();
        try {
            return of(parent.with(span));
        } finally {
            span.end();
        }
    }

    /** The trace context a record carries, on top of {@code base}; {@code base} itself when it carries none. */
    public static Context extract(Context base, Headers headers) {
        return W3CTraceContextPropagator.getInstance().extract(base, headers, KAFKA_HEADERS);
    }
}
