package dev.incidentlifecycle.web;

import dev.incidentlifecycle.eventstore.CommandContext;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;
import java.util.UUID;

/**
 * The person behind the request, from their bearer token: subject, roles ({@code groups} claim) and the
 * teams they belong to ({@code teams} claim).
 */
@RequestScoped
public class CurrentUser {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private final JsonWebToken token;
    private final HttpServerRequest request;

    CurrentUser(JsonWebToken token, HttpServerRequest request) {
        this.token = token;
        this.request = request;
    }

    public String name() {
        return token.getName();
    }

    public Set<String> roles() {
        return token.getGroups();
    }

    public boolean isAdmin() {
        return roles().contains(Roles.ADMIN);
    }

    public Set<String> teams() {
        Object claim = token.getClaim("teams");
        if (claim instanceof jakarta.json.JsonArray array) {
            return array.getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
        if (claim instanceof java.util.Collection<?> values) {
            return values.stream().map(String::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
        return claim == null ? Set.of() : Set.of(String.valueOf(claim));
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
