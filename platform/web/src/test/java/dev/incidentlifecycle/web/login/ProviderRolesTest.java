package dev.incidentlifecycle.web.login;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderRolesTest {

    static ProviderRoles mapping(String... pairs) {
        OidcIssuer oidc = TokenIssuersTest.provider("https://sso.example.com/realms/acme", "incident-lifecycle");
        return new ProviderRoles(new OidcIssuer() {
            public Optional<String> issuer() {
                return oidc.issuer();
            }

            public Optional<String> audience() {
                return oidc.audience();
            }

            public String rolesClaim() {
                return oidc.rolesClaim();
            }

            public String teamsClaim() {
                return oidc.teamsClaim();
            }

            public Optional<List<String>> roleMapping() {
                return pairs.length == 0 ? Optional.empty() : Optional.of(List.of(pairs));
            }
        });
    }

    @Test
    void mapped_provider_roles_become_the_systems_roles_and_nothing_else_counts() {
        ProviderRoles roles = mapping("sre-oncall=responder", "platform-leads=admin", "platform-leads=reviewer");

        assertThat(roles.rolesOf(Set.of("sre-oncall", "offline_access"))).containsExactly("responder");
        assertThat(roles.rolesOf(Set.of("platform-leads"))).containsExactlyInAnyOrder("admin", "reviewer");
        assertThat(roles.rolesOf(Set.of("admin"))).as("an unmapped provider role called admin").isEmpty();
    }

    @Test
    void without_a_mapping_the_providers_role_names_are_used_as_they_are() {
        assertThat(mapping().rolesOf(Set.of("responder", "offline_access"))).containsExactlyInAnyOrder("responder", "offline_access");
    }

    @Test
    void a_mapping_to_an_unknown_role_or_without_an_equals_sign_stops_the_start() {
        assertThatThrownBy(() -> mapping("sre-oncall=superuser")).hasMessageContaining("OIDC_ROLE_MAPPING").hasMessageContaining("superuser");
        assertThatThrownBy(() -> mapping("sre-oncall")).hasMessageContaining("OIDC_ROLE_MAPPING");
        assertThat(ProviderRoles.parse(List.of(" sre = responder "))).isEqualTo(Map.of("sre", Set.of("responder")));
    }
}
