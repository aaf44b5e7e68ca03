package dev.incidentlifecycle.reviews.languagecheck;

/** Why a phrase works against learning, in broad strokes. */
public enum RuleCategory {
    /** Names a person's action as the failure ("human error", "failed to", "fault"). */
    BLAME,
    /** Judges a person's character or care ("careless", "sloppy", "incompetent"). */
    JUDGEMENT,
    /** Treats what is known now as if it had been known then ("obviously", "why didn't"). */
    HINDSIGHT,
    /** Describes what did not happen instead of what did ("should have", "could have", "if only"). */
    COUNTERFACTUAL,
    /** Makes the work people faced sound trivial ("simply had to", "all they had to do"). */
    MINIMISING,
    /** Looks for one cause where several conditions came together ("root cause"). */
    SINGLE_CAUSE,
    /** Names a person as the cause of the incident. */
    PERSON_AS_CAUSE
}
