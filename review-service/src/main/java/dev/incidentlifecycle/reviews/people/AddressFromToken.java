package dev.incidentlifecycle.reviews.people;

import io.smallrye.mutiny.Uni;
import jakarta.json.JsonString;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Learns people's e-mail addresses from their tokens: after every command that succeeds (a POST, PUT, PATCH or
 * DELETE answered 2xx, making a calendar feed included), the token's {@code email} claim, when it is an
 * {@link EmailAddress} and {@code email_verified} is not {@code false}, becomes the person's known address. Reads
 * record nothing, so a person's address is the one they last gave a command with.
 */
public class AddressFromToken {

    private static final Logger LOG = Logger.getLogger(AddressFromToken.class);
    private static final Set<String> COMMANDS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final KnownPeople people;
    private final Clock clock;

    AddressFromToken(KnownPeople people, Clock clock) {
        this.people = people;
        this.clock = clock;
    }

    @ServerResponseFilter
    public Uni<Void> learnAddress(ContainerRequestContext request, ContainerResponseContext response) {
        if (!COMMANDS.contains(request.getMethod())
                || response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL
                || !(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token)
                || token.getName() == null) {
            return Uni.createFrom().voidItem();
        }
        return emailOf(token)
                .map(email -> people.remember(token.getName(), email, clock.instant())
                        // The command has succeeded already: an address not learned this time is learned next time.
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf(failure, "could not remember the e-mail address of %s", token.getName());
                            return null;
                        }))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    /** The token's {@code email} claim, when it is an address its issuer has not said is unverified. */
    static Optional<EmailAddress> emailOf(JsonWebToken token) {
        Object claim = token.getClaim("email");
        if (claim == null || "false".equals(String.valueOf(token.<Object>getClaim("email_verified")))) {
            return Optional.empty();
        }
        return EmailAddress.parse(claim instanceof JsonString json ? json.getString() : claim.toString());
    }
}
