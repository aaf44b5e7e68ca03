package dev.incidentlifecycle.actions.actionitem;

/** The fields of an action item that an amendment of its review can change. */
public enum AmendedField {
    TITLE, TYPE, OWNER_TEAM, OWNER, PRIORITY, DUE_DATE
}
