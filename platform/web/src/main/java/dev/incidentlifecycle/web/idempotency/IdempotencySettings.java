package dev.incidentlifecycle.web.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long answers to {@code Idempotency-Key}s are kept, and when a request that never finished is given up. */
@ConfigMapping(prefix = "idempotency")
public interface IdempotencySettings {

    /** How long a key's answer is replayed (at least 24 h, as the draft asks of servers that document none). */
    @WithDefault("PT24H")
    Duration retention();

    /** A key whose request has not answered after this long (its instance crashed) may be used again. */
    @WithDefault("PT1M")
    Duration abandonedAfter();
}
