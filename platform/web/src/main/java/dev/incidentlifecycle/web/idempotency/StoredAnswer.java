package dev.incidentlifecycle.web.idempotency;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The first answer given to a key: what a replay answers again. */
record StoredAnswer(int status, String contentType, String location, String etag, String body) {

    /** The replay, marked so that a client can tell it from a first answer. */
    Response replay() {
        Response.ResponseBuilder response = Response.status(status).header(IdempotencyKeys.REPLAYED, "true");
        if (body != null) {
            response.entity(body).type(contentType);
        }
        if (location != null) {
            response.header(HttpHeaders.LOCATION, location);
        }
        if (etag != null) {
            response.header(HttpHeaders.ETAG, etag);
        }
        return response.build();
    }
}
