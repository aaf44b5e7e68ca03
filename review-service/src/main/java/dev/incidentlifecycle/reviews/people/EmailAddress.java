package dev.incidentlifecycle.reviews.people;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An e-mail address people are invited at: one {@code @}, no spaces or control characters, at most
 * {@value #MAX_LOCAL_PART} characters before the {@code @}, {@value #MAX_DOMAIN} after it and {@value #MAX_LENGTH} in
 * all (RFC 5321's limits). No more is checked: only the person's mail server knows whether it delivers.
 */
public record EmailAddress(String value) {

    public static final int MAX_LENGTH = 254;
    public static final int MAX_LOCAL_PART = 64;
    public static final int MAX_DOMAIN = 253;

    private static final Pattern SHAPE = Pattern.compile(
            "[^@\\s\\p{Cc}]{1," + MAX_LOCAL_PART + "}@[^@\\s\\p{Cc}]{1," + MAX_DOMAIN + "}");

    public EmailAddress {
        if (value == null || value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not an e-mail address: " + value);
        }
    }

    /** The address, stripped, if the text is one; else empty. */
    public static Optional<EmailAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String stripped = text.strip();
        return stripped.length() <= MAX_LENGTH && SHAPE.matcher(stripped).matches()
                ? Optional.of(new EmailAddress(stripped)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
