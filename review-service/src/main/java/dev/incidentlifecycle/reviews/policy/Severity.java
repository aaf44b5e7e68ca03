package dev.incidentlifecycle.reviews.policy;

/**
 * How bad an incident is, as incident-service states it: SEV1 the worst. The review policy keys on it.
 * (Domain code is not shared between services, so review-service has its own copy of the scale.)
 */
public enum Severity {
    SEV1, SEV2, SEV3, SEV4
}
