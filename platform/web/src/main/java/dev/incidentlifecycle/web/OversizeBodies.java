package dev.incidentlifecycle.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request whose {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} is answered 413 as
 * problem+json, naming the limit, before the body is read: the HTTP layer's own check, which runs next, answers with
 * no body. (A chunked body that grows past the limit is still cut off by that check.)
 */
@ApplicationScoped
class OversizeBodies {

    private final long limit;
    private final ObjectMapper json;

    OversizeBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper json) {
        this.limit = limit.asLongValue();
        this.json = json;
    }

    void refuseBeforeReading(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext request) {
        String length = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !isOver(length)) {
            request.next();
            return;
        }
        Problem problem = new Problem("about:blank", "Payload Too Large", 413,
                "the request body is " + length + " bytes; the limit is " + limit + " bytes", request.normalizedPath(), null);
        try {
            request.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            request.fail(413, e);
        }
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer refuses a malformed length itself
        }
    }
}
