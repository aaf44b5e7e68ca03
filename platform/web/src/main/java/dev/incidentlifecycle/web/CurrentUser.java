package dev.incidentlifecycle.web;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.web.login.TokenIssuers;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;
import java.util.UUID;

/**
 * The person behind the request, from their bearer token: subject, roles and the teams they belong to. Tokens
 * of the local key carry them in {@code groups} and {@code teams}; an OpenID Connect provider's where
 * {@code OIDC_ROLES_CLAIM} and {@code OIDC_TEAMS_CLAIM} say ({@link TokenIssuers}).
 */
@RequestScoped
public class CurrentUser {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private final TokenIssuers issuers;
    private final HttpServerRequest request;

    CurrentUser(JsonWebToken token, SecurityIdentity identity, TokenIssuers issuers, HttpServerRequest request) {
        this.token = token;
        this.identity = identity;
        this.issuers = issuers;
        this.request = request;
    }

    public String name() {
        return token.getName();
    }

    /** The roles the token's issuer gave: the same that {@code @RolesAllowed} checks. */
    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean isAdmin() {
        return roles().contains(Roles.ADMIN);
    }

    public Set<String> teams() {
        if (identity.isAnonymous()) {
            return Set.of();
        }
        return issuers.teamsClaim(identity.getAttribute(TokenIssuers.TENANT_ATTRIBUTE)).valuesIn(token);
    }

    public boolean memberOf(String team) {
        return teams().contains(team);
    }

    /**
     * The context of a command this person gives now: they are its actor; the request's correlation id
     * (or a new one) ties its events together.
     */
    public CommandContext command() {
        String requestId = UUID.randomUUID().toString();
        String correlation = request == null ? null : request.getHeader(CORRELATION_HEADER);
        return CommandContext.by(name()).correlatedWith(correlation == null || correlation.isBlank() ? requestId : correlation, requestId);
    }
}
