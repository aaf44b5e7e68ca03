/**
 * Who facilitates a review and when it meets: {@link dev.incidentlifecycle.reviews.schedule.ReviewPlanner}
 * combines the fair {@link dev.incidentlifecycle.reviews.schedule.FacilitatorRotation} (never the
 * incident's commander or responders; a service's teams first) with the
 * {@link dev.incidentlifecycle.reviews.schedule.MeetingSlotFinder} (inside each facilitator's own working hours from
 * the {@link dev.incidentlifecycle.reviews.schedule.FacilitatorDirectory}, before the due instant, never
 * double-booked). Pure functions of the rotation state and the existing bookings the adapter passes in.
 */
package dev.incidentlifecycle.reviews.schedule;
