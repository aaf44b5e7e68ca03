package dev.incidentlifecycle.reviews.calendar.feed;

import dev.incidentlifecycle.web.IntegrationKeys;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A feed's secret: {@code cf_} and 32 random bytes (base64url), shown once in the feed URL; only its SHA-256 digest
 * is kept. With that much randomness a plain digest is safe: there is nothing to guess from it.
 */
record FeedToken(String value) {

    static final String PREFIX = "cf_";
    /** How much of a secret listings show, to tell one feed from another. */
    static final int SHOWN = 6;

    private static final SecureRandom RANDOM = new SecureRandom();

    static FeedToken generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new FeedToken(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    byte[] digest() {
        return digestOf(value);
    }

    String shownPrefix() {
        return value.substring(0, PREFIX.length() + SHOWN);
    }

    static byte[] digestOf(String presented) {
        return IntegrationKeys.digest(presented);
    }
}
