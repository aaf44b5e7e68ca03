package dev.incidentlifecycle.reviews.review;

/** The kind of condition a contributing factor is. There is deliberately no "root cause". */
public enum FactorCategory {
    TECHNICAL, PROCESS, ORGANIZATIONAL, COMMUNICATION, TOOLING, EXTERNAL
}
