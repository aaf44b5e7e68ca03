/**
 * What review-service knows of people beyond their username: the e-mail address their token's {@code email} claim
 * named when they last gave it a command ({@link dev.incidentlifecycle.reviews.people.KnownPeople}, learned by
 * {@link dev.incidentlifecycle.reviews.people.AddressFromToken}), by which the calendar invites them when the
 * facilitator directory has no address for them.
 */
package dev.incidentlifecycle.reviews.people;
