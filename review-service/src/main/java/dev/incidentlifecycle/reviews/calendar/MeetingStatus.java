package dev.incidentlifecycle.reviews.calendar;

/** The iCalendar STATUS of a review meeting. */
public enum MeetingStatus {
    /** Scheduled or in review. */
    CONFIRMED,
    /** On hold while the incident is reopened: the slot may move. */
    TENTATIVE,
    /** Cancelled or declined: calendar apps remove the meeting. */
    CANCELLED
}
