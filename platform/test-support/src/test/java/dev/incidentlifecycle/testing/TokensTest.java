package dev.incidentlifecycle.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import dev.incidentlifecycle.infra.SigningKeys;

class TokensTest {

    private final JwtConsumer services = new JwtConsumerBuilder()
            .setVerificationKey(Tokens.keys().publicKey())
            .setExpectedIssuer(SigningKeys.ISSUER)
            .setExpectedAudience(SigningKeys.AUDIENCE)
            .setRequireExpirationTime()
            .setRequireIssuedAt()
            .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
            .build();

    @Test
    void a_token_carries_the_user_their_roles_and_teams_signed_rs256_by_the_trusted_key() throws Exception {
        String token = Tokens.forUser("alice").roles("responder", "reviewer").teams("payments", "checkout").sign();

        JwtClaims claims = services.processToClaims(token);

        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getClaimValue("upn")).isEqualTo("alice");
        assertThat(claims.getStringListClaimValue("groups")).containsExactlyInAnyOrder("responder", "reviewer");
        assertThat(claims.getStringListClaimValue("teams")).containsExactly("payments", "checkout");
        assertThat(claims.getExpirationTime().getValue()).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(claims.getAudience()).containsExactly(SigningKeys.AUDIENCE);
    }

    @Test
    void extra_claims_are_carried_too() throws Exception {
        String token = Tokens.forUser("bob").claim("email", "bob@example.org").sign();

        assertThat(services.processToClaims(token).getClaimValue("email")).isEqualTo("bob@example.org");
    }

    @Test
    void an_expired_token_and_one_signed_by_another_key_are_refused() {
        assertThat(refused(Tokens.expired())).isTrue();
        assertThat(refused(Tokens.signedByAnotherKey())).isTrue();
        assertThat(refused(Tokens.forUser("carol").roles("admin").sign())).isFalse();
    }

    private boolean refused(String token) {
        try {
            services.processToClaims(token);
            return false;
        } catch (InvalidJwtException e) {
            return true;
        }
    }
}
