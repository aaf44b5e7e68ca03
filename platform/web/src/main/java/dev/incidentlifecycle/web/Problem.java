package dev.incidentlifecycle.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem detail: every error any service answers has this shape, served as
 * {@code application/problem+json}, and never carries a stack trace.
 *
 * @param errors for validation failures, each offending field and what is wrong with it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }
}
