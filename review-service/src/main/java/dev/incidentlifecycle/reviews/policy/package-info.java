/**
 * Which incidents get a review and when it is due: {@link dev.incidentlifecycle.reviews.policy.ReviewPolicy}
 * (per severity, documented defaults) over a {@link dev.incidentlifecycle.reviews.policy.BusinessCalendar}
 * (zone, holidays, business hours). Adapters call
 * {@code policy.termsFor(severity, resolvedAt, calendar)} on every resolution and severity change.
 */
package dev.incidentlifecycle.reviews.policy;
