package dev.incidentlifecycle.reviews.review.api;

import dev.incidentlifecycle.reviews.review.OutcomeTooLarge;
import dev.incidentlifecycle.web.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * An edit that would make the review's outcome too large for {@code review.published} is 413 Content Too Large, not
 * the 400 of other invalid commands: the request is well-formed, the review as a whole would be too big.
 */
public class OutcomeTooLargeResponse {

    @ServerExceptionMapper
    public Response outcomeTooLarge(OutcomeTooLarge e, UriInfo uri) {
        return Response.status(413).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Content too large", 413, e.getMessage(),
                        uri == null ? null : uri.getPath(), null))
                .build();
    }
}
