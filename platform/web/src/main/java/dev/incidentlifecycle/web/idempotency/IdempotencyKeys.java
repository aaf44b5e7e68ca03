package dev.incidentlifecycle.web.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentlifecycle.web.Problem;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * {@code Idempotency-Key} on every authenticated POST (draft-ietf-httpapi-idempotency-key-header): the first request
 * with a key is handled and its answer kept (not a 5xx: that frees the key for a retry); the same key with the same
 * method, path and body answers that again, marked {@code Idempotent-Replayed: true}, with no second effect; the same
 * key with another request is a 422; while the first is still being handled, a 409. Keys belong to the token's
 * subject (another user's key is another key), are 1–255 visible ASCII characters, and are kept
 * {@code idempotency.retention} (24 h). An answer marked {@code Cache-Control: no-store} (one that shows a secret once)
 * is replayed without its body.
 */
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final int MAX_LENGTH = 255;

    private static final String CLAIMED = IdempotencyKeys.class.getName() + ".claimed";

    private final IdempotencyStore store;
    private final CurrentIdentityAssociation identities;
    private final ObjectMapper json;

    IdempotencyKeys(IdempotencyStore store, CurrentIdentityAssociation identities, ObjectMapper json) {
        this.store = store;
        this.identities = identities;
        this.json = json;
    }

    private record Claimed(String owner, String key) {
    }

    @ServerRequestFilter(readBody = true)
    public Uni<Response> replayOrClaim(ContainerRequestContext request) {
        String key = request.getHeaderString(HEADER);
        if (key == null || !HttpMethod.POST.equals(request.getMethod())) {
            return Uni.createFrom().nullItem();
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Uni.createFrom().item(problem(request, 400, "Invalid Idempotency-Key",
                    "Idempotency-Key must be 1 to " + MAX_LENGTH + " visible ASCII characters"));
        }
        byte[] body = body(request);
        return identities.getDeferredIdentity().flatMap(identity -> {
            if (identity.isAnonymous()) {
                // Ingestion endpoints authenticate by their own keys and deduplicate by dedup_key: nothing to scope by.
                return Uni.createFrom().nullItem();
            }
            String owner = owner(identity);
            byte[] fingerprint = fingerprint(request, body);
            return store.claim(owner, key, fingerprint).map(claim -> {
                if (claim instanceof IdempotencyStore.Claim.Claimed) {
                    request.setProperty(CLAIMED, new Claimed(owner, key));
                    return null;
                }
                if (claim instanceof IdempotencyStore.Claim.Answered answered) {
                    return answered.answer().replay();
                }
                if (claim instanceof IdempotencyStore.Claim.OtherRequest) {
                    return problem(request, 422, "Idempotency-Key reused",
                            "this Idempotency-Key was already used with another request; use a new key for a new request");
                }
                return problem(request, 409, "Request in progress",
                        "the first request with this Idempotency-Key is still being handled; retry later");
            });
        });
    }

    @ServerResponseFilter
    public Uni<Void> remember(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIMED) instanceof Claimed claimed)) {
            return Uni.createFrom().voidItem();
        }
        if (response.getStatus() >= 500) {
            return store.release(claimed.owner(), claimed.key());
        }
        if (secret(response)) {
            // An answer that shows a secret once (Cache-Control: no-store) is not kept: a replay answers its status and
            // Location without the body, so the secret never sits in idempotency_key nor is shown a second time.
            return store.remember(claimed.owner(), claimed.key(), new StoredAnswer(response.getStatus(), null,
                    response.getHeaderString(HttpHeaders.LOCATION), response.getHeaderString(HttpHeaders.ETAG), null));
        }
        Object entity = response.getEntity();
        // No type set yet means the one the resource produces: JSON for what Jackson writes.
        String type = response.getMediaType() != null ? response.getMediaType().toString()
                : entity instanceof String ? "text/plain" : "application/json";
        return store.remember(claimed.owner(), claimed.key(), new StoredAnswer(response.getStatus(), type,
                response.getHeaderString(HttpHeaders.LOCATION), response.getHeaderString(HttpHeaders.ETAG),
                entity(entity)));
    }

    private static boolean secret(ContainerResponseContext response) {
        String cacheControl = response.getHeaderString(HttpHeaders.CACHE_CONTROL);
        return cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-store");
    }

    private static String owner(SecurityIdentity identity) {
        return identity.getPrincipal().getName();
    }

    private String entity(Object entity) {
        if (entity == null || entity instanceof String) {
            return (String) entity;
        }
        try {
            return json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot keep the answer of an idempotent request", e);
        }
    }

    /** The body, already read in full (readBody), put back for the resource to read. */
    private static byte[] body(ContainerRequestContext request) {
        try {
            byte[] body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] fingerprint(ContainerRequestContext request, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath() + "?"
                    + request.getUriInfo().getRequestUri().getRawQuery() + "\n").getBytes(StandardCharsets.UTF_8));
            return sha256.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response problem(ContainerRequestContext request, int status, String title, String detail) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, request.getUriInfo().getPath(), null)).build();
    }
}
