package dev.incidentlifecycle.systemtest;

import dev.incidentlifecycle.infra.SigningKeys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Tokens an attacker or a misconfigured client would present: signed with the wrong key, for another audience or
 * issuer, or expired. Each differs from a token the services accept ({@code DevToken}) in that one respect.
 */
final class ForgedTokens {

    private final SigningKeys trusted;

    ForgedTokens(SigningKeys trusted) {
        this.trusted = trusted;
    }

    String signedByAnotherKey() {
        return sign(SigningKeys.generate(), SigningKeys.ISSUER, SigningKeys.AUDIENCE, Instant.now(), Duration.ofHours(1));
    }

    String forAudience(String audience) {
        return sign(trusted, SigningKeys.ISSUER, audience, Instant.now(), Duration.ofHours(1));
    }

    String fromIssuer(String issuer) {
        return sign(trusted, issuer, SigningKeys.AUDIENCE, Instant.now(), Duration.ofHours(1));
    }

    String expired() {
        return sign(trusted, SigningKeys.ISSUER, SigningKeys.AUDIENCE, Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
    }

    /** An admin's token in every other respect: whatever it is refused for is the one forged claim. */
    private static String sign(SigningKeys keys, String issuer, String audience, Instant issuedAt, Duration valid) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"mallory\",\"upn\":\"mallory\""
                + ",\"groups\":[\"responder\",\"reviewer\",\"admin\"],\"teams\":[\"payments\"]"
                + ",\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":" + issuedAt.plus(valid).getEpochSecond()
                + ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "." + base64Url(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
