package dev.incidentlifecycle.reviews.languagecheck.api;

import dev.incidentlifecycle.reviews.languagecheck.LanguageCheck;
import dev.incidentlifecycle.reviews.review.readmodel.FindingView;
import dev.incidentlifecycle.web.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * The blameless language check on any text, for editors and tools that write about incidents: for the people who
 * write reviews (the roles that may edit a review document). It runs on a worker thread, on at most
 * {@link LanguageCheck#MAX_TEXT_LENGTH} characters (413 above).
 */
@Path("/language-check")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Language check", description = "Blame and hindsight language in free text")
public class LanguageCheckResource {

    private final LanguageCheck check;

    LanguageCheckResource(LanguageCheck check) {
        this.check = check;
    }

    /**
     * @param field  a name for the text, copied into each finding (default {@code text})
     * @param people names the check should recognise as people ("caused by Alice")
     */
    @Schema(name = "LanguageCheckRequest", examples = "{\"text\":\"The outage was caused by Alice, who should have checked the config.\",\"field\":\"summary\",\"people\":[\"Alice\"]}")
    public record Request(@NotNull String text, @Size(max = 200) String field,
                          @Size(max = MAX_PEOPLE) List<@NotNull @Size(max = 200) String> people) {
    }

    /** Each finding: the field, the phrase and where it is, why it works against learning, what to write instead. */
    @Schema(name = "LanguageCheckResult")
    public record Result(List<FindingView> findings) {
    }

    /** As many people as a review may have (participants and facilitator), with room to spare. */
    static final int MAX_PEOPLE = 100;

    @POST
    @Blocking
    @RolesAllowed({Roles.REVIEWER, Roles.RESPONDER, Roles.ADMIN})
    @APIResponse(responseCode = "413", description = "The text is longer than 20,000 characters")
    @Operation(operationId = "checkLanguage", summary = "Find blame and hindsight language in a text",
            description = "Findings give the phrase and its position (UTF-16 offsets), the rule, why it works against "
                    + "learning and a suggested reframing.")
    public Result check(@Valid @NotNull Request request) {
        if (request.text().length() > LanguageCheck.MAX_TEXT_LENGTH) {
            throw new WebApplicationException("text is " + request.text().length() + " characters long; the language "
                    + "check takes at most " + LanguageCheck.MAX_TEXT_LENGTH, 413);
        }
        String field = request.field() == null || request.field().isBlank() ? "text" : request.field();
        LanguageCheck knowing = request.people() == null ? check : check.forPeople(request.people());
        return new Result(knowing.check(field, request.text()).stream().map(f -> FindingView.of(f, null)).toList());
    }
}
