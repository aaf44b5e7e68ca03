package dev.incidentlifecycle.web;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** A resource that follows the services' conventions, to test them in one place. */
@Path("/guarded")
public class GuardedResource {

    @Inject
    CurrentUser user;

    public record Note(@NotBlank @Size(max = 100) String text, @NotNull Integer priority, Instant at) {
    }

    @GET
    @Authenticated
    public String whoAmI() {
        return user.name() + " " + user.teams();
    }

    @POST
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    public Response write(@Valid @NotNull Note note) {
        return Response.status(201).entity(note).build();
    }

    /** Counts every note it takes: the effect that an idempotent retry must not repeat. */
    static final AtomicInteger NOTES_TAKEN = new AtomicInteger();

    public record Taken(int number, String text) {
    }

    @POST
    @Path("/notes")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    public Response take(@Valid @NotNull Note note) {
        int number = NOTES_TAKEN.incrementAndGet();
        return Response.created(URI.create("/guarded/notes/" + number)).tag(Integer.toString(number))
                .entity(new Taken(number, note.text())).build();
    }

    @GET
    @Path("/forgotten")
    public String forgotten() {
        return "an endpoint without a rule";
    }
}
