package dev.incidentlifecycle.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Refuses a request whose {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} with a 413
 * problem naming the limit, before any of the body is read. It runs just before Quarkus's own check of the same
 * limit, which answers 413 with no body at all; that one still answers two kinds of request:
 * <ul>
 *   <li>one that says {@code Expect: 100-continue}: it gets the empty 413 instead of the go-ahead and never sends the
 *       body. An answer with a body hangs Java's own {@code HttpClient} (17) on such a request, even past its
 *       time-out, so these clients get the answer every HTTP/1.1 client understands;</li>
 *   <li>a body sent in chunks, without a length: cut off when it passes the limit.</li>
 * </ul>
 */
@ApplicationScoped
public class BodySizeLimit {

    private final Optional<MemorySize> limit;
    private final ObjectMapper json;

    BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit, ObjectMapper json) {
        this.limit = limit;
        this.json = json;
    }

    void install(@Observes Router router) {
        limit.ifPresent(max -> router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(context -> refuseOver(max.asLongValue(), context)));
    }

    private void refuseOver(long max, RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.strip());
        } catch (NumberFormatException malformed) {
            length = -1; // Vert.x's HTTP decoder refuses it
        }
        if (length <= max || context.request().headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            context.next();
            return;
        }
        Problem problem = new Problem("about:blank", "Content Too Large", 413, String.format(
                "the request body is %,d bytes; the limit is %s (%,d bytes)", length, readable(max), max),
                context.request().path(), null);
        try {
            if (context.request().version() != HttpVersion.HTTP_2) {
                // Vert.x would keep the connection open for the body that is not read: close it once the answer is out.
                context.response().endHandler(done -> context.request().connection().close());
            }
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }

    /** 1 MiB, 4 KiB, or bytes. */
    static String readable(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return bytes / (1 << 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
