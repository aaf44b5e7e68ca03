package dev.incidentlifecycle.web.login;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * An OpenID Connect provider whose access tokens the services accept beside the launcher's own signing key:
 * {@code OIDC_ISSUER}, {@code OIDC_AUDIENCE}, {@code OIDC_ROLES_CLAIM}, {@code OIDC_TEAMS_CLAIM} and
 * {@code OIDC_ROLE_MAPPING}.
 */
@ConfigMapping(prefix = "oidc")
public interface OidcIssuer {

    /** The issuer URL; its {@code /.well-known/openid-configuration} names the keys. None: no provider. */
    Optional<String> issuer();

    /** The audience every accepted token must name in {@code aud}; required with an issuer. */
    Optional<String> audience();

    /** Where the roles (responder, reviewer, admin) are in the provider's tokens. */
    @WithDefault("realm_access.roles")
    String rolesClaim();

    /** Where the team names are in the provider's tokens. */
    @WithDefault("groups")
    String teamsClaim();

    /**
     * How the provider's role names become this system's roles, as {@code provider-role=role} pairs separated by
     * commas, e.g. {@code sre-oncall=responder,incident-reviewers=reviewer,platform-leads=admin}. With a mapping, a
     * provider token has only the roles it maps to (a provider group that happens to be called {@code admin}
     * gives nothing unless mapped); without one, the provider's role names are used as they are.
     */
    Optional<List<String>> roleMapping();
}
