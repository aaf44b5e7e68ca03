package dev.incidentlifecycle.reviews.languagecheck.api;

import dev.incidentlifecycle.reviews.languagecheck.LanguageCheck;
import dev.incidentlifecycle.reviews.review.readmodel.FindingView;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The blameless language check on any text, for editors and tools that write about incidents. */
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
    public record Request(@NotNull @Size(max = 100_000) String text, @Size(max = 200) String field,
                          @Size(max = 200) List<@NotNull @Size(max = 200) String> people) {
    }

    /** Each finding: the field, the phrase and where it is, why it works against learning, what to write instead. */
    @Schema(name = "LanguageCheckResult")
    public record Result(List<FindingView> findings) {
    }

    @POST
    @Authenticated
    @Operation(operationId = "checkLanguage", summary = "Find blame and hindsight language in a text",
            description = "Findings give the phrase and its position (UTF-16 offsets), the rule, why it works against "
                    + "learning and a suggested reframing.")
    public Result check(@Valid @NotNull Request request) {
        String field = request.field() == null || request.field().isBlank() ? "text" : request.field();
        LanguageCheck knowing = request.people() == null ? check : check.forPeople(request.people());
        return new Result(knowing.check(field, request.text()).stream().map(f -> FindingView.of(f, null)).toList());
    }
}
