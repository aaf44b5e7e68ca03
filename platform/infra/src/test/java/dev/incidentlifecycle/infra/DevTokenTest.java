package dev.incidentlifecycle.infra;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DevTokenTest {

    @Test
    void a_dev_token_is_an_rs256_jwt_with_the_claims_the_services_read_and_verifies_with_the_public_key() throws Exception {
        SigningKeys keys = SigningKeys.generate();
        Instant now = Instant.parse("2026-11-29T10:00:00Z");

        String token = DevToken.sign(keys, "alex \"the\" responder", List.of("responder", "admin"), List.of("payments"), Duration.ofHours(2), now);

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(header).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        assertThat(payload)
                .contains("\"iss\":\"https://incident-lifecycle.local\"")
                .contains("\"sub\":\"alex \\\"the\\\" responder\"")
                .contains("\"groups\":[\"responder\",\"admin\"]")
                .contains("\"teams\":[\"payments\"]")
                .contains("\"exp\":" + now.plus(Duration.ofHours(2)).getEpochSecond());
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(keys.publicKey());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }
}
