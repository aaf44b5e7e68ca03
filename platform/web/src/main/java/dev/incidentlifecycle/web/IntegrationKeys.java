package dev.incidentlifecycle.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;

/**
 * Checks a presented secret (an integration key, a webhook bearer token) against the configured ones
 * in constant time: comparing digests with {@link MessageDigest#isEqual} leaks neither where a guess
 * went wrong nor the keys' lengths.
 */
public final class IntegrationKeys {

    private IntegrationKeys() {
    }

    public static boolean matches(String presented, Collection<String> configured) {
        if (presented == null) {
            return false;
        }
        byte[] given = digest(presented);
        boolean match = false;
        for (String key : configured) {
            // No early exit: every key is compared whatever the outcome.
            match |= !key.isEmpty() && MessageDigest.isEqual(given, digest(key));
        }
        return match;
    }

    /** The SHA-256 of a secret: what is compared here, and what is stored of a generated 32-byte key. */
    public static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
