package dev.incidentlifecycle.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A thin JSON-over-HTTP client for the services' APIs, as any team's tool would use them. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1 and timeouts: a connection to a killed service must fail, not hang the test.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** An answer; a body that is not JSON is kept as text. */
    record Reply(int status, JsonNode body, String etag, String contentType) {
        /** A command succeeded: 200, or 201 for one that created something. */
        Reply ok() {
            if (status < 200 || status > 299) {
                throw new AssertionError("expected success but got HTTP " + status + ": " + body);
            }
            return this;
        }

        /** The status and, for an RFC 9457 body, {@code problem+json}: what the fault matrix compares. */
        String outcome() {
            return contentType != null && contentType.startsWith("application/problem+json") ? status + " problem+json" : Integer.toString(status);
        }

        Reply expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }

    private Api() {
    }

    /** A GET with {@code token} as bearer token, or with no Authorization header when it is null. */
    static Reply get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    static Reply post(String url, String token, Object body) {
        return send("POST", url, token, body);
    }

    static Reply send(String method, String url, String token, Object body) {
        return send(method, url, token, body, false);
    }

    /**
     * A POST that sends its headers first ({@code Expect: 100-continue}): a server that refuses the body by its
     * Content-Length answers before the body is sent, so the answer is read instead of a connection it closed.
     */
    static Reply postExpectingContinue(String url, String token, Object body) {
        return send("POST", url, token, body, true);
    }

    private static Reply send(String method, String url, String token, Object body, boolean expectContinue) {
        try {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .expectContinue(expectContinue)
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return send(request);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            JsonNode body = response.body().isBlank() ? JSON.nullNode()
                    : contentType == null || contentType.contains("json") ? JSON.readTree(response.body()) : JSON.getNodeFactory().textNode(response.body());
            return new Reply(response.statusCode(), body, response.headers().firstValue("ETag").orElse(null), contentType);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
