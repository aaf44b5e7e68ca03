package dev.incidentlifecycle.eventstore.consuming;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.eventstore.TraceParent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Function;

/**
 * The one way every service handles a Kafka record:
 * <ul>
 *   <li>a record that can never be handled ({@link PoisonMessage}, a command the domain finds invalid, or a
 *       failure the record causes every time, such as an arithmetic overflow) fails, so the channel's {@code dead-letter-queue} failure strategy moves it to {@code <topic>.dlq}
 *       with the reason in its headers, and the partition goes on;</li>
 *   <li>a valid message the domain refuses in its current state ({@link RuleViolation}, say closing an
 *       incident that was reopened) is acknowledged and counted: it is not an error of the message;</li>
 *   <li>anything else (the database is down, a timeout) is retried with back-off until it succeeds: it is
 *       never dead-lettered and never skipped, and the partition waits, keeping per-key order.</li>
 * </ul>
 * Exactly-once effects come from the handler running in {@code EventStore.transact} with an inbox entry.
 */
@ApplicationScoped
public class ReliableConsumer {

    private static final Logger LOG = Logger.getLogger(ReliableConsumer.class);

    private final MeterRegistry meters;

    ReliableConsumer(MeterRegistry meters) {
        this.meters = meters;
    }

    public Uni<Void> handle(ConsumerRecord<String, byte[]> record, Function<IncomingMessage, Uni<Void>> handler) {
        return Uni.createFrom().deferred(() -> {
                    // The store takes the trace context when the handler issues its command.
                    try (Scope scope = traceOf(record).makeCurrent()) {
                        return handler.apply(IncomingMessage.from(record));
                    }
                })
                .onFailure(failure -> !isPoison(failure) && !(failure instanceof RuleViolation))
                .invoke(failure -> {
                    LOG.warnf("handling %s/%d/%d failed, retrying: %s", record.topic(), record.partition(),
                            record.offset(), failure.toString());
                    counter("messages_retried", record.topic()).increment();
                })
                .onFailure(failure -> !isPoison(failure) && !(failure instanceof RuleViolation))
                .retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .onFailure(RuleViolation.class).recoverWithUni(refused -> {
                    LOG.infof("%s/%d/%d refused by the domain, acknowledged: %s", record.topic(), record.partition(),
                            record.offset(), refused.getMessage());
                    counter("messages_refused", record.topic()).increment();
                    return Uni.createFrom().voidItem();
                })
                .onFailure(failure -> !(failure instanceof PoisonMessage || failure instanceof InvalidCommand))
                .transform(failure -> new PoisonMessage("cannot be handled: " + failure, failure))
                .onFailure().invoke(poison -> {
                    LOG.warnf("dead-lettering %s/%d/%d: %s", record.topic(), record.partition(), record.offset(), poison.getMessage());
                    counter("messages_dead_lettered", record.topic()).increment();
                });
    }

    /**
     * The connector's consumer span when it made one (a child of the record's traceparent); otherwise the
     * record's own trace context, so the events the handler appends stay in the sender's trace.
     */
    private static Context traceOf(ConsumerRecord<String, byte[]> record) {
        Context current = Context.current();
        if (Span.fromContext(current).getSpanContext().isValid()) {
            return current;
        }
        return TraceParent.extract(current, record.headers());
    }

    /**
     * Failures that the same record will cause every time: retrying cannot help, and waiting would stop the
     * partition for good. An unavailable database or a timeout never shows up as one of these.
     */
    private static boolean isPoison(Throwable failure) {
        return failure instanceof PoisonMessage || failure instanceof InvalidCommand
                || failure instanceof NullPointerException || failure instanceof ClassCastException
                || failure instanceof IllegalArgumentException || failure instanceof ArithmeticException
                || failure instanceof IndexOutOfBoundsException || failure instanceof java.time.DateTimeException;
    }

    private Counter counter(String name, String topic) {
        return Counter.builder(name).tag("topic", topic).register(meters);
    }
}
