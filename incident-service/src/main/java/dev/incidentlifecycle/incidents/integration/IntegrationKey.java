package dev.incidentlifecycle.incidents.integration;

import dev.incidentlifecycle.web.IntegrationKeys;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * An integration's secret: {@code ik_} and 32 random bytes (base64url), shown once when created; only its SHA-256
 * digest is kept. With that much randomness a plain digest is safe: there is nothing to guess from it.
 */
record IntegrationKey(String value) {

    static final String PREFIX = "ik_";
    /** How much of a key listings show, to tell one key from another. */
    static final int SHOWN = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    static IntegrationKey generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new IntegrationKey(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    byte[] digest() {
        return digestOf(value);
    }

    String shownPrefix() {
        return value.substring(0, Math.min(value.length(), PREFIX.length() + SHOWN));
    }

    static byte[] digestOf(String presented) {
        return IntegrationKeys.digest(presented);
    }
}
