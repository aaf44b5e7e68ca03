package dev.incidentlifecycle.web.login;

import dev.incidentlifecycle.web.Roles;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Translates an OpenID Connect provider's role names into this system's roles ({@code OIDC_ROLE_MAPPING}), so that
 * a provider whose groups are called {@code sre-oncall} or {@code platform-leads} needs no renaming. With a mapping
 * a provider token has exactly the roles it maps to; tokens of the local key are never translated.
 */
@ApplicationScoped
public class ProviderRoles implements SecurityIdentityAugmentor {

    private static final Set<String> ROLES = Set.of(Roles.RESPONDER, Roles.REVIEWER, Roles.ADMIN);

    private final Optional<Map<String, Set<String>>> mapping;

    ProviderRoles(OidcIssuer oidc) {
        this.mapping = oidc.roleMapping().map(ProviderRoles::parse);
    }

    /** {@code provider-role=role} pairs; several provider roles may give one role, and one may give several. */
    static Map<String, Set<String>> parse(List<String> pairs) {
        Map<String, Set<String>> mapping = new HashMap<>();
        for (String pair : pairs) {
            String[] parts = pair.strip().split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || !ROLES.contains(parts[1].strip())) {
                throw new IllegalStateException("OIDC_ROLE_MAPPING: '" + pair + "' is not provider-role=role with role one of "
                        + ROLES.stream().sorted().toList());
            }
            mapping.computeIfAbsent(parts[0].strip(), role -> new TreeSet<>()).add(parts[1].strip());
        }
        return Map.copyOf(mapping);
    }

    /** The roles a provider token with {@code providerRoles} has here. */
    Set<String> rolesOf(Set<String> providerRoles) {
        return mapping.map(known -> providerRoles.stream()
                        .flatMap(role -> known.getOrDefault(role, Set.of()).stream())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(providerRoles);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (mapping.isEmpty() || identity.isAnonymous()
                || !TokenIssuers.PROVIDER.equals(identity.getAttribute(TokenIssuers.TENANT_ATTRIBUTE))) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(rolesOf(identity.getRoles()))
                .addPermissionChecker(identity::checkPermission)
                .build());
    }
}
