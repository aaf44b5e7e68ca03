package dev.incidentlifecycle.web;

/** The roles a token gives (local tokens: {@code groups} claim; a provider's: {@code OIDC_ROLES_CLAIM}). Reads need only a valid token. */
public final class Roles {

    /** Runs incidents: declares, acknowledges, mitigates, resolves. */
    public static final String RESPONDER = "responder";
    /** Facilitates and writes blameless reviews. */
    public static final String REVIEWER = "reviewer";
    /** May do everything, including on another team's action items and rebuilding read models. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
