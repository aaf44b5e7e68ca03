package dev.incidentlifecycle.notifications;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.Map;

/** The service's settings ({@code notification.*} in application.properties, each with an environment variable). */
@ConfigMapping(prefix = "notification")
public interface NotificationSettings {

    Delivery delivery();

    /** How long a rotated-out secret keeps signing beside the new one, unless the rotation says otherwise. */
    Duration secretOverlap();

    Targets targets();

    /** Public base URL per service ({@code incident-service}, {@code review-service}, {@code actions-service}), for links. */
    Map<String, String> links();

    interface Delivery {
        /** How often the worker looks for due deliveries. */
        Duration pollInterval();

        /** How long one attempt may take, connecting included. */
        Duration timeout();

        Duration initialBackoff();

        Duration maxBackoff();

        /** Retries stop this long after the first attempt: at least 24 hours in production. */
        Duration retryWindow();

        /** A subscription whose attempts have all failed for this long is disabled. */
        Duration disableAfter();

        /** At most this many deliveries are claimed and sent at once by one instance. */
        int batchSize();
    }

    interface Targets {
        /** Whether targets on loopback addresses (127.0.0.0/8, ::1) are allowed: the launcher and tests allow them. */
        boolean allowLoopback();

        /** Whether targets on private, link-local or other non-public addresses are allowed. */
        boolean allowPrivate();
    }
}
