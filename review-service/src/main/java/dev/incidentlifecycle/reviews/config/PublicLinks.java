package dev.incidentlifecycle.reviews.config;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.UUID;

/**
 * The absolute links this service hands out, under {@code reviews.public-base-url}: a link in a chat message, a
 * calendar event or another service's event must work wherever it is opened, so none is relative.
 */
@ApplicationScoped
public class PublicLinks {

    private final String base;

    PublicLinks(ReviewSettings settings) {
        String configured = settings.publicBaseUrl().toString();
        if (!settings.publicBaseUrl().isAbsolute()) {
            throw new IllegalArgumentException("reviews.public-base-url must be an absolute URL, not " + configured);
        }
        this.base = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    /** The review: JSON for clients, its document for {@code Accept: text/html} or {@code text/markdown}. */
    public URI review(UUID reviewId) {
        return URI.create(base + "/reviews/" + reviewId);
    }

    /** Any path of this service ({@code /calendar/feeds/...}). */
    public URI path(String path) {
        return URI.create(base + (path.startsWith("/") ? path : "/" + path));
    }
}
