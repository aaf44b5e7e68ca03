package dev.incidentlifecycle.systemtest;

import dev.incidentlifecycle.infra.DevToken;
import dev.incidentlifecycle.infra.SigningKeys;

import java.time.Duration;
import java.time.Instant;

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
        String payload = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"mallory\",\"upn\":\"mallory\""
                + ",\"groups\":[\"responder\",\"reviewer\",\"admin\"],\"teams\":[\"payments\"]"
                + ",\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":" + issuedAt.plus(valid).getEpochSecond()
                + ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"}";
        return DevToken.signClaims(keys, payload);
    }
}
