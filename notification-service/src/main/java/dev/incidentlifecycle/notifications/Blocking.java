package dev.incidentlifecycle.notifications;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.Callable;

/**
 * Blocking work (a DNS lookup) from reactive code: run on a worker thread, and its result handed back on the caller's
 * Vert.x context, where Hibernate Reactive sessions may be used.
 */
public final class Blocking {

    private Blocking() {
    }

    public static <T> Uni<T> run(Vertx vertx, Callable<T> work) {
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(work, false).toCompletionStage());
    }

    /** Emits {@code uni}'s outcome on {@code context}, whatever thread it came on. */
    public static <T> Uni<T> on(Context context, Uni<T> uni) {
        return uni.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
