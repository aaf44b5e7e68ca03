package dev.incidentlifecycle.actions.actionitem;

/**
 * A contributing factor's category and tag that an earlier and a later review both named: the condition the
 * earlier review's fix was meant to end.
 *
 * @param category TECHNICAL, PROCESS, ... as review-service names them (kept as text: review-service owns the list)
 * @param tag      the free tag, lower case
 */
public record SharedFactor(String category, String tag) {
}
