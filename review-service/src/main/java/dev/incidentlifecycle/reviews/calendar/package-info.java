/**
 * The RFC 5545 feed of review meetings ({@code GET /reviews/calendar.ics}):
 * {@link dev.incidentlifecycle.reviews.calendar.ReviewCalendar#render} over
 * {@link dev.incidentlifecycle.reviews.calendar.ReviewMeeting}s the adapter builds from its read model.
 */
package dev.incidentlifecycle.reviews.calendar;
