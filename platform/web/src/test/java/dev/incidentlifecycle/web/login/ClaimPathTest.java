package dev.incidentlifecycle.web.login;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimPathTest {

    static JsonWebToken token(String claims) throws InvalidJwtException {
        return new DefaultJWTCallerPrincipal(JwtClaims.parse(claims));
    }

    static final String KEYCLOAK = """
            {"iss": "https://sso.example.com/realms/acme", "sub": "f1d0", "preferred_username": "priya",
             "realm_access": {"roles": ["responder", "default-roles-acme"]},
             "groups": ["payments"],
             "https://example.com/teams": ["search"]}
            """;

    @Test
    void a_nested_path_reads_keycloak_realm_roles() throws Exception {
        assertThat(ClaimPath.parse("realm_access.roles").valuesIn(token(KEYCLOAK))).containsExactlyInAnyOrder("responder", "default-roles-acme");
        assertThat(ClaimPath.parse("realm_access/roles").valuesIn(token(KEYCLOAK))).containsExactlyInAnyOrder("responder", "default-roles-acme");
    }

    @Test
    void a_top_level_claim_and_a_quoted_namespaced_one() throws Exception {
        assertThat(ClaimPath.parse("groups").valuesIn(token(KEYCLOAK))).containsExactly("payments");
        assertThat(ClaimPath.parse("\"https://example.com/teams\"").valuesIn(token(KEYCLOAK))).containsExactly("search");
    }

    @Test
    void a_missing_claim_or_one_that_holds_no_names_gives_none() throws Exception {
        assertThat(ClaimPath.parse("teams").valuesIn(token(KEYCLOAK))).isEmpty();
        assertThat(ClaimPath.parse("realm_access.roles.deeper").valuesIn(token(KEYCLOAK))).isEmpty();
        assertThat(ClaimPath.parse("realm_access").valuesIn(token(KEYCLOAK))).isEmpty();
    }

    @Test
    void a_single_string_is_one_name() throws Exception {
        assertThat(ClaimPath.parse("team").valuesIn(token("{\"sub\": \"a\", \"team\": \"payments\"}"))).containsExactly("payments");
    }

    @Test
    void it_is_written_the_way_quarkus_oidc_reads_role_claim_paths() {
        assertThat(ClaimPath.parse("realm_access.roles").oidcRoleClaimPath()).isEqualTo("realm_access/roles");
        assertThat(ClaimPath.parse("\"https://example.com/roles\"").oidcRoleClaimPath()).isEqualTo("\"https://example.com/roles\"");
    }

    @Test
    void empty_segments_and_open_quotes_are_refused_with_the_path_named() {
        assertThatThrownBy(() -> ClaimPath.parse("realm_access..roles")).hasMessageContaining("realm_access..roles");
        assertThatThrownBy(() -> ClaimPath.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClaimPath.parse("\"https://x")).hasMessageContaining("quote");
    }
}
