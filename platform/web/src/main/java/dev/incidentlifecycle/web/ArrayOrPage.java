package dev.incidentlifecycle.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;

/**
 * How a listing that answered its whole array before listings were paged is asked for. With {@code page} or
 * {@code size} it answers a {@link Page}, as every listing does. With neither it answers the array it always did, so
 * that existing clients keep working, but no longer the whole of it: at most {@link #ARRAY_LIMIT} entries, and when
 * there are more, an RFC 8288 {@code Link: </incidents/{id}/events?page=5&size=200>; rel="next"} header names the
 * page that follows them. Either way the database reads only the entries answered.
 *
 * <p>Operations that answer this way are documented by {@link ArrayOrPageDocumentation}.
 */
public record ArrayOrPage(PageRequest request, boolean paged) {

    /** The most entries the array form answers: five pages of the largest size, so that the next page follows it exactly. */
    public static final int ARRAY_LIMIT = 5 * PageRequest.MAX_SIZE;
    /** The page the {@code rel="next"} link names, with size {@link PageRequest#MAX_SIZE}: the first entry after the array's. */
    static final int NEXT_PAGE = ARRAY_LIMIT / PageRequest.MAX_SIZE;

    /** From the {@code page} and {@code size} query parameters: both absent is the array form. */
    public static ArrayOrPage of(Integer page, Integer size) {
        if (page == null && size == null) {
            return new ArrayOrPage(new PageRequest(0, ARRAY_LIMIT), false);
        }
        return new ArrayOrPage(PageRequest.of(page, size), true);
    }

    /**
     * The answer of what was read for {@link #request()}: the page itself, or (the array form) its items, with a link
     * to the paged form's next entries when the listing has more than it holds.
     */
    public Response answer(Page<?> read, UriInfo uri) {
        if (paged) {
            return Response.ok(read).build();
        }
        Response.ResponseBuilder array = Response.ok(read.items());
        if (read.total() > read.items().size()) {
            array.link(next(uri), "next");
        }
        return array.build();
    }

    /** The request's own path and parameters, with the next page's: relative, so it holds behind any proxy. */
    private static URI next(UriInfo uri) {
        URI absolute = uri.getRequestUriBuilder().replaceQueryParam("page", NEXT_PAGE)
                .replaceQueryParam("size", PageRequest.MAX_SIZE).build();
        return URI.create(absolute.getRawPath() + "?" + absolute.getRawQuery());
    }
}
