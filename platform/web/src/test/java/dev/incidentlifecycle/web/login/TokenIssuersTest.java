package dev.incidentlifecycle.web.login;

import dev.incidentlifecycle.infra.SigningKeys;
import io.quarkus.oidc.OidcTenantConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenIssuersTest {

    static final String KEY = SigningKeys.generate().publicKeyBase64();

    static OidcIssuer provider(String issuer, String audience) {
        return new OidcIssuer() {
            public Optional<String> issuer() {
                return Optional.ofNullable(issuer);
            }

            public Optional<String> audience() {
                return Optional.ofNullable(audience);
            }

            public String rolesClaim() {
                return "realm_access.roles";
            }

            public String teamsClaim() {
                return "groups";
            }

            public Optional<List<String>> roleMapping() {
                return Optional.empty();
            }
        };
    }

    static final LocalTokens TOKENS = new LocalTokens() {
        public String audience() {
            return "incident-lifecycle";
        }

        public Duration maxAge() {
            return Duration.ofHours(24);
        }
    };

    static Config config(String... keysAndValues) {
        Map<String, String> values = new HashMap<>(Map.of("mp.jwt.verify.issuer", "https://incident-lifecycle.local"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new SmallRyeConfigBuilder().withDefaultValues(values).build();
    }

    @Test
    void the_local_key_comes_from_the_launchers_pem_file(@TempDir Path keys) throws Exception {
        Path pem = Files.writeString(keys.resolve("signing-key.pub.pem"), "-----BEGIN PUBLIC KEY-----\n" + KEY + "\n-----END PUBLIC KEY-----\n");

        OidcTenantConfig local = new TokenIssuers(provider(null, null), TOKENS, config("mp.jwt.verify.publickey.location", pem.toString())).localTenant();

        assertThat(local.tenantEnabled()).isTrue();
        assertThat(local.publicKey()).get().asString().contains(KEY);
        assertThat(local.token().issuer()).contains("https://incident-lifecycle.local");
        assertThat(local.roles().roleClaimPath()).contains(List.of("groups"));
        assertThat(local.token().audience()).contains(List.of("incident-lifecycle"));
        assertThat(local.token().age()).contains(Duration.ofHours(24));
        assertThat(local.token().issuedAtRequired()).isTrue();
    }

    @Test
    void a_jwks_url_as_the_key_location_is_fetched_without_discovery() {
        OidcTenantConfig local = new TokenIssuers(provider(null, null), TOKENS, config("mp.jwt.verify.publickey.location", "https://keys.example.com/jwks.json")).localTenant();

        assertThat(local.discoveryEnabled()).contains(false);
        assertThat(local.jwksPath()).contains("https://keys.example.com/jwks.json");
    }

    @Test
    void without_any_key_nor_provider_the_start_fails_naming_what_to_set(@TempDir Path keys) {
        assertThatThrownBy(() -> new TokenIssuers(provider(null, null), TOKENS, config("mp.jwt.verify.publickey.location", keys.resolve("missing.pem").toString())))
                .hasMessageContaining("MP_JWT_VERIFY_PUBLICKEY_LOCATION").hasMessageContaining("OIDC_ISSUER");
    }

    @Test
    void with_a_provider_a_missing_local_key_only_disables_local_tokens(@TempDir Path keys) {
        TokenIssuers issuers = new TokenIssuers(provider("https://sso.example.com/realms/acme/", "incident-lifecycle"), TOKENS, config("mp.jwt.verify.publickey.location", keys.resolve("missing.pem").toString()));

        assertThat(issuers.localTenant().tenantEnabled()).isFalse();
        OidcTenantConfig provider = issuers.providerTenant().orElseThrow();
        assertThat(provider.authServerUrl()).contains("https://sso.example.com/realms/acme");
        assertThat(provider.token().audience()).contains(List.of("incident-lifecycle"));
        assertThat(provider.token().age()).contains(Duration.ofHours(24));
        assertThat(provider.roles().roleClaimPath()).contains(List.of("realm_access/roles"));
        assertThat(issuers.teamsClaim(TokenIssuers.PROVIDER)).isEqualTo(ClaimPath.parse("groups"));
        assertThat(issuers.teamsClaim(TokenIssuers.LOCAL)).isEqualTo(ClaimPath.parse("teams"));
    }

    @Test
    void a_provider_without_an_audience_is_refused_at_start() {
        assertThatThrownBy(() -> new TokenIssuers(provider("https://sso.example.com/realms/acme", null), TOKENS, config("mp.jwt.verify.publickey", KEY)))
                .hasMessageContaining("OIDC_AUDIENCE");
    }
}
