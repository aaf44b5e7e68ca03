package dev.incidentlifecycle.incidents.alert;

import java.util.List;

/**
 * The outcome of checking an inbound body: either the value it stands for, or every reason it was
 * refused (worded for the sender; HTTP adapters answer 400 with them, Kafka consumers dead-letter the
 * record with them).
 */
public sealed interface Validated<T> {

    record Valid<T>(T value) implements Validated<T> {
    }

    /**
     * @param tooLarge whether a size bound ({@link AlertLimits}) was exceeded, which some adapters answer
     *                 with 413 rather than 400
     */
    record Invalid<T>(List<String> errors, boolean tooLarge) implements Validated<T> {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid body has at least one error");
            }
        }

        public Invalid(List<String> errors) {
            this(errors, false);
        }
    }
}
