package dev.incidentlifecycle.reviews.languagecheck;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static dev.incidentlifecycle.reviews.languagecheck.RuleCategory.BLAME;
import static dev.incidentlifecycle.reviews.languagecheck.RuleCategory.COUNTERFACTUAL;
import static dev.incidentlifecycle.reviews.languagecheck.RuleCategory.HINDSIGHT;
import static dev.incidentlifecycle.reviews.languagecheck.RuleCategory.JUDGEMENT;
import static dev.incidentlifecycle.reviews.languagecheck.RuleCategory.MINIMISING;
import static dev.incidentlifecycle.reviews.languagecheck.RuleCategory.PERSON_AS_CAUSE;
import static dev.incidentlifecycle.reviews.languagecheck.RuleCategory.SINGLE_CAUSE;

/**
 * The rule set of the blameless language check: configurable as a plain list of {@link LanguageRule}s.
 * {@link #defaults()} documents the default rules; start from it and add or drop rules by id.
 *
 * <p>Decisions in the defaults that keep neutral sentences about systems unflagged:
 * <ul>
 *   <li>"failed" on its own is never flagged ("the deploy failed"); "failed to" is flagged only after a
 *       reference to a person ({@code {someone}}: he, she, they, someone, the engineer, the on-call, the
 *       team, a known name, ...), so "the health check failed to detect it" passes and "the engineer
 *       failed to check" does not;</li>
 *   <li>"fault" is flagged as someone's fault ("his fault", "Alice's fault", "at fault", "the fault of"),
 *       not as a technical fault ("a network fault", "fault tolerance", "page fault");</li>
 *   <li>"should have" / "could have" followed by a determiner are statements of what is needed
 *       ("every alert should have an owner"), not counterfactuals; "could have been worse" is where we
 *       got lucky, not hindsight;</li>
 *   <li>"blame" after "without" or "no" ("a review without blame") passes; "blameless" never matches;</li>
 *   <li>a known person named as the cause: "caused by Alice", "because (of) Bob", "due to Carol",
 *       "Alice's mistake", "Alice broke / forgot / missed ...", except "because Bob noticed / spotted /
 *       fixed ..." which credits a person rather than blames them ("Alice's fault" is the fault rule's).</li>
 * </ul>
 */
public record LanguageRules(List<LanguageRule> rules) {

    private static final String DETERMINER = "(?:a|an|the|some|any|more|less|fewer|no|its|their|our|one|two|three"
            + "|clear|enough|access|exactly|at\\s++least|to)\\b";

    public LanguageRules {
        rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
        Set<String> ids = new HashSet<>();
        for (LanguageRule rule : rules) {
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("language rule id used twice: " + rule.id());
            }
        }
    }

    /** A copy with {@code rule} added, or replacing the rule with the same id. */
    public LanguageRules with(LanguageRule rule) {
        List<LanguageRule> next = new ArrayList<>(without(rule.id()).rules);
        next.add(rule);
        return new LanguageRules(next);
    }

    public LanguageRules without(String ruleId) {
        return new LanguageRules(rules.stream().filter(rule -> !rule.id().equals(ruleId)).toList());
    }

    public static LanguageRules defaults() {
        return new LanguageRules(List.of(
                LanguageRule.phrases("human-error", BLAME,
                        "\"Human error\" ends the inquiry where it should begin: people act on what they see and"
                                + " know at the time, and the interesting question is what made the action make sense.",
                        "Describe what the person saw, knew and was trying to do, and the conditions (tooling,"
                                + " time pressure, missing signals) that shaped the action.",
                        "human error", "human errors", "operator error", "user error", "pilot error", "human mistake"),
                new LanguageRule("should-have", COUNTERFACTUAL,
                        "should(?:['’]ve|\\s++have(?!\\s++" + DETERMINER + "))|ought\\s++to\\s++have",
                        "\"Should have\" describes a world that did not happen and judges people by what is known"
                                + " only now; it hides why the actual choice looked right at the time.",
                        "Describe what was done and why it made sense then; name what would make the better"
                                + " option easier next time."),
                new LanguageRule("shouldnt-have", COUNTERFACTUAL,
                        "should(?:\\s++not|n['’]t)(?:\\s++have|['’]ve)",
                        "\"Shouldn't have\" judges a past action with hindsight instead of explaining it.",
                        "Describe the action, what the person expected it to do, and what in the system made"
                                + " the outcome different."),
                new LanguageRule("could-have", COUNTERFACTUAL,
                        "could(?:['’]ve|\\s++have)(?!\\s++" + DETERMINER + ")(?!\\s++been\\s++(?:(?:much|far|a\\s++lot|even"
                                + "|significantly|considerably|so\\s++much)\\s++)?(?:worse|longer|larger|bigger|more\\s++"
                                + "(?:severe|serious|widespread)))",
                        "\"Could have\" points at an imagined alternative rather than at what happened and why.",
                        "Describe what happened, then list the conditions that would make a different path likely"
                                + " next time."),
                new LanguageRule("failed-to", BLAME,
                        "{someone}\\s++(?:(?:had|has|have|just|simply|also|then|again|completely|clearly|repeatedly"
                                + "|totally)\\s++){0,4}failed\\s++to",
                        "Saying a person \"failed to\" do something frames the incident as their shortfall and"
                                + " stops the look at what made the step hard to do.",
                        "Say what the person did and what made the expected step hard to see or do (\"the runbook"
                                + " step was not reached because ...\")."),
                LanguageRule.phrases("careless", JUDGEMENT,
                        "Calling an action careless judges character, not conditions; people get defensive and"
                                + " stop sharing the details that help us learn.",
                        "Describe the action and the conditions around it: workload, signals, defaults, time of day.",
                        "careless", "carelessly", "carelessness"),
                LanguageRule.phrases("negligent", JUDGEMENT,
                        "\"Negligent\" is a legal and moral verdict; it invites punishment instead of learning.",
                        "Describe what was known and expected at the time, and what made the gap possible.",
                        "negligent", "negligence", "negligently"),
                new LanguageRule("fault", BLAME,
                        "(?:(?:my|his|her|their|your|our|whose|someone['’]s|somebody['’]s|\\w++['’]s)\\s++fault|at\\s++fault)"
                                + "(?![-\\s]*(?:toleran|injection|domain|isolation|detection|lines?\\b|codes?\\b|handl))"
                                + "|the\\s++fault\\s++of|fault\\s++(?:lies|lay|was|is)\\s++with",
                        "Assigning fault to a person makes the review a trial; people stop telling the whole story.",
                        "Describe the contributing factors: what in the system, process and context came together."),
                new LanguageRule("blame", BLAME,
                        "(?<!without\\s)(?<!\\bno\\s)blam(?:e|ed|es|ing|eworthy)",
                        "Looking for someone to blame is the opposite of a blameless review: it ends inquiry and"
                                + " discourages people from reporting what they know.",
                        "Ask how the incident came about and what made each decision reasonable at the time."),
                new LanguageRule("why-didnt", HINDSIGHT,
                        "why\\s++(?:didn['’]t|did\\s++not|did\\s++(?:nobody|no\\s*one|none\\s++of))",
                        "\"Why didn't ...\" asks people to justify what did not happen; it pushes toward excuses"
                                + " and hides what they actually saw.",
                        "Ask \"how\": \"How did the alert look at that moment, and what else was going on?\""),
                new LanguageRule("obviously", HINDSIGHT,
                        "(?<!not\\s)obviously|(?:was|were|is|seemed)\\s++obvious",
                        "What is obvious now was not obvious then; calling it obvious hides the uncertainty people"
                                + " actually worked in.",
                        "Describe what the people involved could see at the time, and what only became clear later."),
                new LanguageRule("simply-had-to", MINIMISING,
                        "(?:simply|just)\\s++(?:had|has|have|needed|need|needs)\\s++to|all\\s++\\w++\\s++(?:had|needed)\\s++to\\s++do",
                        "\"Simply had to\" makes the work sound trivial and implies the person could not do even"
                                + " that; it hides what made the step hard in the moment.",
                        "Describe the step and what made it hard to take under the conditions at the time."),
                new LanguageRule("forgot-to", BLAME,
                        "forg(?:ot|otten|et|ets|etting)\\s++(?:to|about)",
                        "\"Forgot to\" puts the gap in a person's memory instead of in a process that relied on it.",
                        "Describe the step that was missed and what would make it hard to miss (a checklist,"
                                + " automation, a prompt)."),
                new LanguageRule("didnt-bother", JUDGEMENT,
                        "(?:didn['’]t|did\\s++not|never)\\s++bother(?:ed)?|(?:couldn['’]t|could\\s++not)\\s++be\\s++bothered",
                        "\"Didn't bother\" ascribes indifference; it judges motive instead of describing conditions.",
                        "Describe what the person prioritised and why that looked right with what they knew."),
                LanguageRule.phrases("sloppy", JUDGEMENT,
                        "\"Sloppy\" judges the person; it tells nothing about what made the work error-prone.",
                        "Describe what in the work made mistakes likely and what would catch them earlier.",
                        "sloppy", "sloppily", "sloppiness"),
                LanguageRule.phrases("incompetent", JUDGEMENT,
                        "\"Incompetent\" attacks a person; it closes the conversation the review exists to have.",
                        "Describe the knowledge or support the situation called for and whether it was available.",
                        "incompetent", "incompetence", "incompetently"),
                LanguageRule.phrases("reckless", JUDGEMENT,
                        "\"Reckless\" judges intent after the fact.",
                        "Describe the risk as it looked at the time and what signals were available.",
                        "reckless", "recklessly", "recklessness"),
                LanguageRule.phrases("mistake-by", BLAME,
                        "Pinning a mistake on a person turns a systemic question into a personal one.",
                        "Describe the action and the conditions that made it likely; say what would make it safe.",
                        "mistake by", "mistakes by", "mistake made by", "mistakes made by", "made a mistake",
                        "made the mistake", "made mistakes"),
                new LanguageRule("root-cause", SINGLE_CAUSE,
                        "root[-\\s]?caus(?:e|es|ed|ing)",
                        "Complex systems fail through several conditions coming together; a single \"root cause\""
                                + " stops the search too early and often ends at a person.",
                        "List contributing factors (technical, process, organizational, communication, tooling,"
                                + " external) and how they combined."),
                LanguageRule.phrases("if-only", COUNTERFACTUAL,
                        "\"If only\" dwells on an imagined past instead of the conditions that produced the real one.",
                        "Describe what happened and what would make the safer path the easy one.",
                        "if only"),
                new LanguageRule("neglected-to", BLAME,
                        "neglect(?:ed|s)?\\s++to",
                        "\"Neglected to\" implies a duty knowingly ignored; it judges instead of explaining.",
                        "Describe the step that did not happen and what made it easy to skip."),
                new LanguageRule("person-as-cause", PERSON_AS_CAUSE,
                        "(?:(?:caused|triggered|started)\\s++by|because(?:\\s++of)?|due\\s++to|blame\\s++(?:on|lies\\s++with))"
                                + "\\s++{person}(?!\\s++(?:noticed|spotted|caught|saw|found|fixed|restored|recovered|helped"
                                + "|paged|escalated|asked|raised)\\b)"
                                + "|{person}['’]s\\s++(?:mistake|error(?!\\s++(?:budgets?|rates?|logs?|messages?|codes?))|screw[-\\s]?up"
                                + "|blunder|negligence|carelessness)"
                                + "|{person}\\s++(?:(?:had|has|just|accidentally|then|also)\\s++)?(?:broke|breaks|caused"
                                + "|causes|messed\\s++up|screwed\\s++up|took\\s++down|brought\\s++down|blew\\s++up|forgot"
                                + "|ignored|neglected|missed|overlooked|botched|skipped)",
                        "Naming a person as the cause makes the review about them: people stop sharing what they"
                                + " saw, and the conditions that would trip up anyone stay in place.",
                        "Describe the action and its context without making the person the cause: what did they"
                                + " see, what did the system do, what made the outcome possible?")));
    }
}
