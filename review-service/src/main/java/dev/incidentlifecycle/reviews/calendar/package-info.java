/**
 * The RFC 5545 feeds of review meetings: everyone's ({@code GET /reviews/calendar.ics}, bearer token) and a person's
 * own ({@code GET /calendar/feeds/{secret}.ics}, the secret in the URL): both
 * {@link dev.incidentlifecycle.reviews.calendar.ReviewCalendar#render} over
 * {@link dev.incidentlifecycle.reviews.calendar.ReviewMeeting}s the adapter builds from its read model.
 */
package dev.incidentlifecycle.reviews.calendar;
