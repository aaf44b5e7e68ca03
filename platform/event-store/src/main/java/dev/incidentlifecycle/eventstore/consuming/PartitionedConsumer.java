package dev.incidentlifecycle.eventstore.consuming;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.eventstore.TraceParent;
import dev.incidentlifecycle.eventstore.UnitOfWork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one way a service consumes a topic: a Kafka consumer on its own thread that hands each poll's records to a
 * {@link BatchHandler}, one batch per partition, every partition's batch in its own transaction, all of them at
 * once. A partition is paused while its batch is in flight and the consumer goes on polling the others, so a slow
 * or retried partition never holds up the rest: each partition moves at its own pace, one batch at a time.
 * <ul>
 *   <li><b>Exactly-once effects.</b> The partition's next offset is stored in {@code consumer_position} in the
 *       batch's transaction and compared-and-set: the batch commits only if the stored position is still the one
 *       it started from. On assignment the consumer seeks to the stored position, so a redelivery after a crash,
 *       or after the partition moved to another instance, changes nothing, and an instance that lost its partition
 *       cannot commit a stale batch ({@link ConsumedPositions.Fenced}). CloudEvent ids also go through the inbox,
 *       for senders that send one event twice. Kafka's committed offsets follow the stored positions, for lag.</li>
 *   <li><b>Poison never stops anything.</b> A record that cannot be read is dead-lettered before its batch runs.
 *       A batch that fails the same way every time ({@link Failures.Kind#POISON} or {@link Failures.Kind#REFUSED})
 *       is run again one record at a time, so that only the record at fault is dead-lettered (or, when the domain
 *       refuses it, acknowledged and counted as {@code messages_refused}).</li>
 *   <li><b>Only what heals is retried</b> ({@link Failures.Kind#TRANSIENT}): the partition is paused and sought
 *       back to its stored position, and polled again after a back-off of 100 ms doubling to 5 s, while the other
 *       partitions go on; {@code messages_retried} counts the attempts.</li>
 * </ul>
 */
public final class PartitionedConsumer<T> {

    private static final Logger LOG = Logger.getLogger(PartitionedConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** The poll while batches are in flight: short, so that a finished batch's partition is polled again soon. */
    private static final Duration POLL_IN_FLIGHT = Duration.ofMillis(5);
    /** Longest wait for one poll's batches; a slower batch is treated as failed (its late commit is then fenced). */
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60);
    private static final long FIRST_BACK_OFF_MS = 100;
    private static final long MAX_BACK_OFF_MS = 5_000;

    private final BatchHandler<T> handler;
    private final Subscription subscription;
    private final Map<String, Object> kafka;
    private final EventStore store;
    private final Vertx vertx;
    private final MeterRegistry meters;
    private final io.opentelemetry.api.trace.Tracer tracer;
    private final DeadLetters deadLetters;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Throwable died;

    /** Next offset to handle per owned partition, as stored; null while the partition has no stored position yet. */
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    /** Owned partitions whose stored position is still to be read. */
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    /** Partitions waiting out a back-off, with when they may be polled again. */
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    private final Map<TopicPartition, Integer> failures = new HashMap<>();
    /** Offsets already dead-lettered whose position has not committed yet: a retry must not dead-letter them again. */
    private final Map<TopicPartition, Set<Long>> deadLettered = new HashMap<>();
    /**
     * The event-loop context each partition's transactions run on, taken from the event loops in turn: the
     * partitions' batches share the cores instead of queueing on the one loop that Vert.x gives this thread.
     */
    private final Map<Integer, Context> contexts = new HashMap<>();
    /** The batch of each partition that is being handled (the partition is paused meanwhile). */
    private final Map<TopicPartition, InFlight> inFlight = new LinkedHashMap<>();

    /** A partition's batch being handled: its records, and when it started. */
    private record InFlight(List<ConsumerRecord<String, byte[]>> records, CompletableFuture<Void> done, long startedAt) {
    }

    PartitionedConsumer(BatchHandler<T> handler, Map<String, Object> kafka, EventStore store, Vertx vertx, MeterRegistry meters,
                        io.opentelemetry.api.trace.Tracer tracer) {
        this.handler = handler;
        this.subscription = handler.subscription();
        this.kafka = kafka;
        this.store = store;
        this.vertx = vertx;
        this.meters = meters;
        this.tracer = tracer;
        this.deadLetters = new DeadLetters(kafka, subscription.group() + "-dead-letters-" + subscription.topic(), meters);
        this.thread = new Thread(this::run, "consumer-" + subscription.topic());
        this.thread.setDaemon(true);
    }

    public Subscription subscription() {
        return subscription;
    }

    void start() {
        thread.start();
    }

    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        // A batch still waiting for the database gives up now: its position did not move, so nothing is lost.
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetters.close();
    }

    /** Whether the loop is running (it stops only when the service stops, or on a bug it logs). */
    public boolean alive() {
        return thread.isAlive() && died == null;
    }

    /** Partitions owned now, and how many of them wait to retry. */
    public synchronized String describe() {
        return stored.size() + unpositioned.size() + " partitions, " + pausedUntil.size() + " retrying";
    }

    private void run() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, subscription.group());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, subscription.group() + "-" + subscription.topic());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        if (!subscription.gather().isZero()) {
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) subscription.gather().toMillis());
            config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Subscription.GATHERED_BYTES);
        }
        KafkaConsumer<String, byte[]> kafkaConsumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        // The client's own metrics (records-lag and the rest) on /q/metrics, as kafka_consumer_*.
        var clientMetrics = new io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics(kafkaConsumer);
        clientMetrics.bindTo(meters);
        try {
            consumer = kafkaConsumer;
            kafkaConsumer.subscribe(List.of(subscription.topic()), new Rebalance());
            while (running) {
                positionNewPartitions();
                resumeDue();
                finishBatches(false);
                ConsumerRecords<String, byte[]> records = kafkaConsumer.poll(inFlight.isEmpty() ? POLL : POLL_IN_FLIGHT);
                if (!records.isEmpty()) {
                    start(records);
                }
            }
        } catch (WakeupException | org.apache.kafka.common.errors.InterruptException stopping) {
            // stop() woke the poll up
        } catch (Throwable e) {
            if (!running) {
                return;
            }
            died = e;
            LOG.errorf(e, "the consumer of %s stopped", subscription.topic());
        } finally {
            // Leaving the group promptly; the stored positions are what the next owner starts from.
            clientMetrics.close();
            kafkaConsumer.close(Duration.ofSeconds(5));
        }
    }

    /** Starts a batch for each partition the poll returned records of, and pauses the partition until it is done. */
    private void start(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            if (inFlight.containsKey(partition)) {
                // Paused while its batch runs, so not expected here: read these again once the batch is done.
                consumer.seek(partition, records.records(partition).get(0).offset());
                continue;
            }
            if (!stored.containsKey(partition) || pausedUntil.containsKey(partition)) {
                continue; // not positioned yet, or revoked meanwhile: it will be sought and polled again
            }
            Long from = stored.get(partition);
            List<ConsumerRecord<String, byte[]>> batch = records.records(partition).stream()
                    .filter(r -> from == null || r.offset() >= from).toList();
            if (batch.isEmpty()) {
                continue;
            }
            CompletableFuture<Void> done;
            try {
                done = onVertx(partition, batchOf(partition, from, batch));
            } catch (Exception e) {
                done = CompletableFuture.failedFuture(e); // dead-lettering failed: the broker is not reachable
            }
            consumer.pause(List.of(partition));
            inFlight.put(partition, new InFlight(batch, done, System.nanoTime()));
        }
    }

    /**
     * Settles the batches that are done (or, with {@code waitForAll}, every batch in flight): a batch that committed
     * moves its partition on; one that failed is retried, run again one record at a time, or repositioned. A batch
     * slower than {@link #BATCH_TIMEOUT} counts as failed (a late commit of it is then fenced).
     */
    private void finishBatches(boolean waitForAll) {
        if (inFlight.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (var entry : List.copyOf(inFlight.entrySet())) {
            TopicPartition partition = entry.getKey();
            InFlight batch = entry.getValue();
            long left = batch.startedAt() + BATCH_TIMEOUT.toNanos() - System.nanoTime();
            if (!waitForAll && !batch.done().isDone() && left > 0) {
                continue;
            }
            inFlight.remove(partition);
            Throwable failure = null;
            try {
                batch.done().get(Math.max(0, left), TimeUnit.NANOSECONDS);
                committed(partition, batch.records().get(batch.records().size() - 1).offset() + 1);
                commits.put(partition, new OffsetAndMetadata(stored.get(partition)));
            } catch (Exception e) {
                failure = causeOf(e);
            }
            if (failure != null && failed(partition, batch.records(), failure)) {
                commits.put(partition, new OffsetAndMetadata(stored.get(partition)));
            }
            resumeAfterBatch(partition);
        }
        if (!commits.isEmpty()) {
            consumer.commitAsync(commits, (offsets, e) -> {
                if (e != null) {
                    LOG.debugf("committing offsets of %s to Kafka failed (the stored positions stand): %s", subscription.topic(), e);
                }
            });
        }
    }

    /** What a failed batch leads to; answers whether its position moved (the records got through one at a time). */
    private boolean failed(TopicPartition partition, List<ConsumerRecord<String, byte[]>> batch, Throwable failure) {
        handler.forget(partition.partition());
        if (failure instanceof ConsumedPositions.Fenced) {
            LOG.infof("%s", failure.getMessage());
            reposition(partition);
            return false;
        }
        Failures.Kind kind = Failures.classify(failure);
        if (kind == Failures.Kind.TRANSIENT) {
            retryLater(partition, batch.size(), failure);
            return false;
        }
        // Rare by design: a batch runs one record at a time only to find the record at fault.
        LOG.warnf("a batch of %d records of %s failed (%s: %s); handling them one at a time", batch.size(), partition, kind,
                failure.getMessage());
        return oneByOne(partition, batch);
    }

    /** A partition whose batch is settled is polled again, unless it waits out a back-off or its position. */
    private synchronized void resumeAfterBatch(TopicPartition partition) {
        if (stored.containsKey(partition) && !pausedUntil.containsKey(partition) && !unpositioned.contains(partition)) {
            consumer.resume(List.of(partition));
        }
    }

    /**
     * The batch's transaction, after dead-lettering the records it cannot read and passing over those that tell the
     * handler nothing (no inbox entry: passing one over twice is the same as once).
     */
    private Supplier<Uni<Void>> batchOf(TopicPartition partition, Long from, List<ConsumerRecord<String, byte[]>> records)
            throws Exception {
        List<BatchHandler.Read<T>> batch = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                IncomingMessage message = IncomingMessage.from(record);
                if (message.traceParent() != null) {
                    message = message.withTraceParent(TraceParent.continued(tracer, subscription.topic() + " process", record.headers()));
                }
                T value = handler.read(message);
                if (value != null) {
                    batch.add(new BatchHandler.Read<>(message, value));
                }
            } catch (RuntimeException e) {
                deadLetter(partition, record, e);
            }
        }
        long to = records.get(records.size() - 1).offset() + 1;
        return () -> store.transact(CommandContext.by(subscription.consumer()), work ->
                ConsumedPositions.advance(work, subscription, partition.partition(), from, to)
                        .flatMap(v -> firstSeen(work, batch))
                        .flatMap(fresh -> fresh.isEmpty() ? Uni.createFrom().voidItem()
                                : handler.handle(work, partition.partition(), fresh)));
    }

    /** The batch without the messages whose CloudEvent id this consumer handled before. */
    private Uni<List<BatchHandler.Read<T>>> firstSeen(UnitOfWork work, List<BatchHandler.Read<T>> batch) {
        List<String> cloudEventIds = batch.stream().map(BatchHandler.Read::message)
                .filter(m -> m.type() != null).map(IncomingMessage::id).distinct().toList();
        return ConsumedPositions.firstSeen(work, subscription.consumer(), cloudEventIds).map(fresh -> {
            List<BatchHandler.Read<T>> result = new ArrayList<>(batch.size());
            Set<String> taken = new HashSet<>();
            for (BatchHandler.Read<T> read : batch) {
                IncomingMessage message = read.message();
                if (message.type() == null || (fresh.contains(message.id()) && taken.add(message.id()))) {
                    result.add(read);
                }
            }
            return result;
        });
    }

    /**
     * Runs a batch that failed the same way every time again, one record per transaction: only the records at
     * fault are dead-lettered or refused. Answers whether it got through the whole batch.
     */
    private boolean oneByOne(TopicPartition partition, List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            Long from = stored.get(partition);
            try {
                onVertx(partition, batchOf(partition, from, List.of(record))).get(BATCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                committed(partition, record.offset() + 1);
                continue;
            } catch (Exception e) {
                handler.forget(partition.partition());
                Throwable failure = causeOf(e);
                if (failure instanceof ConsumedPositions.Fenced) {
                    reposition(partition);
                    return false;
                }
                Failures.Kind kind = Failures.classify(failure);
                if (kind == Failures.Kind.TRANSIENT) {
                    retryLater(partition, 1, failure);
                    return false;
                }
                try {
                    if (kind == Failures.Kind.REFUSED) {
                        LOG.infof("%s/%d/%d refused by the domain, acknowledged: %s", record.topic(), record.partition(),
                                record.offset(), failure.getMessage());
                        counter("messages_refused").increment();
                    } else {
                        deadLetter(partition, record, failure);
                    }
                    // Nothing of the record is kept: only the position moves past it.
                    onVertx(partition, () -> store.transact(CommandContext.by(subscription.consumer()), work ->
                            ConsumedPositions.advance(work, subscription, partition.partition(), from, record.offset() + 1)))
                            .get(BATCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    committed(partition, record.offset() + 1);
                } catch (Exception again) {
                    Throwable cause = causeOf(again);
                    if (cause instanceof ConsumedPositions.Fenced) {
                        reposition(partition);
                    } else {
                        retryLater(partition, 1, cause);
                    }
                    return false;
                }
            }
        }
        return true;
    }

    private void deadLetter(TopicPartition partition, ConsumerRecord<String, byte[]> record, Throwable failure) throws Exception {
        if (deadLettered.computeIfAbsent(partition, p -> new HashSet<>()).add(record.offset())) {
            try {
                deadLetters.send(subscription, record, Failures.reason(failure), failure);
            } catch (Exception e) {
                deadLettered.get(partition).remove(record.offset());
                throw e;
            }
        }
    }

    private synchronized void committed(TopicPartition partition, long next) {
        stored.put(partition, next);
        failures.remove(partition);
        Set<Long> done = deadLettered.get(partition);
        if (done != null) {
            done.removeIf(offset -> offset < next);
        }
        handler.committed(partition.partition());
    }

    private synchronized void retryLater(TopicPartition partition, int records, Throwable failure) {
        int attempt = failures.merge(partition, 1, Integer::sum);
        long backOff = Math.min(MAX_BACK_OFF_MS, FIRST_BACK_OFF_MS << Math.min(attempt - 1, 10));
        LOG.warnf("handling %s/%d from offset %s failed, retrying in %d ms: %s", subscription.topic(), partition.partition(),
                stored.get(partition), backOff, failure.toString());
        counter("messages_retried").increment(records);
        consumer.pause(List.of(partition));
        seekToStored(partition);
        pausedUntil.put(partition, System.currentTimeMillis() + backOff);
    }

    private synchronized void resumeDue() {
        long now = System.currentTimeMillis();
        List<TopicPartition> due = new ArrayList<>();
        pausedUntil.forEach((partition, until) -> {
            if (until <= now) {
                due.add(partition);
            }
        });
        due.forEach(pausedUntil::remove);
        due.removeIf(inFlight::containsKey);
        if (!due.isEmpty()) {
            consumer.resume(due);
        }
    }

    /** Another instance moved the stored position: read it again and go on from there. */
    private synchronized void reposition(TopicPartition partition) {
        stored.remove(partition);
        unpositioned.add(partition);
        consumer.pause(List.of(partition));
    }

    private void seekToStored(TopicPartition partition) {
        Long position = stored.get(partition);
        if (position != null) {
            consumer.seek(partition, position);
        } else {
            OffsetAndMetadata committed = consumer.committed(Set.of(partition)).get(partition);
            if (committed != null) {
                consumer.seek(partition, committed.offset());
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
    }

    /** Reads the stored positions of newly owned partitions (paused until then) and seeks there. */
    private synchronized void positionNewPartitions() {
        if (unpositioned.isEmpty()) {
            return;
        }
        List<TopicPartition> partitions = new ArrayList<>(unpositioned);
        Map<Integer, Long> positions;
        try {
            positions = onVertx(null, () -> store.transact(CommandContext.by(subscription.consumer()), work ->
                    ConsumedPositions.read(work.session(), subscription, ConsumedPositions.partitions(partitions))))
                    .get(BATCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debugf("reading the positions of %s failed, trying again: %s", subscription.topic(), e);
            return;
        }
        for (TopicPartition partition : partitions) {
            Long position = positions.get(partition.partition());
            stored.put(partition, position);
            unpositioned.remove(partition);
            seekToStored(partition);
            if (!pausedUntil.containsKey(partition) && !inFlight.containsKey(partition)) {
                consumer.resume(List.of(partition));
            }
        }
    }

    /** Runs work on a duplicate of the context of its partition, a new one for work of no partition. */
    private <R> CompletableFuture<R> onVertx(TopicPartition partition, Supplier<Uni<R>> work) {
        CompletableFuture<R> result = new CompletableFuture<>();
        var context = VertxContext.createNewDuplicatedContext(partition == null ? vertx.getOrCreateContext()
                : contexts.computeIfAbsent(partition.partition(), p -> ((VertxInternal) vertx).createEventLoopContext()));
        context.runOnContext(v -> {
            try {
                work.get().subscribe().with(result::complete, result::completeExceptionally);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** What failed a batch: the Uni's own failure, not the future's wrapper of it. */
    private static Throwable causeOf(Exception e) {
        return e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
    }

    private Counter counter(String name) {
        return Counter.builder(name).tag("topic", subscription.topic()).register(meters);
    }

    /**
     * Runs inside poll(), on this consumer's thread. Partitions that leave are settled first: their batches in flight
     * end (committed, or fenced by the stored position) before the next owner is told to start.
     */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            settle(partitions);
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            settle(partitions);
            drop(partitions);
        }

        private void settle(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                InFlight batch = inFlight.remove(partition);
                if (batch != null) {
                    try {
                        batch.done().get(Math.max(0, batch.startedAt() + BATCH_TIMEOUT.toNanos() - System.nanoTime()),
                                TimeUnit.NANOSECONDS);
                    } catch (Exception e) {
                        LOG.debugf("the batch of %s in flight when it left ended with %s; its next owner starts from the stored position",
                                partition, causeOf(e));
                    }
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            synchronized (PartitionedConsumer.this) {
                unpositioned.addAll(partitions);
                consumer.pause(partitions);
            }
        }

        private void drop(Collection<TopicPartition> partitions) {
            synchronized (PartitionedConsumer.this) {
                for (TopicPartition partition : partitions) {
                    stored.remove(partition);
                    unpositioned.remove(partition);
                    pausedUntil.remove(partition);
                    failures.remove(partition);
                    deadLettered.remove(partition);
                    handler.forget(partition.partition());
                }
            }
        }
    }
}
