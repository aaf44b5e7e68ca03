package dev.incidentlifecycle.reviews.languagecheck;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * One rule of the blameless language check.
 *
 * <p>{@code pattern} is a Java regular expression, matched case-insensitively and as whole words (the
 * check wraps it in {@code \b(?:...)\b}). Two placeholders stand for people:
 * <ul>
 *   <li>{@code {person}}: the names of the people known to the check (participants, say); a rule that
 *       uses it is skipped while no names are known;</li>
 *   <li>{@code {someone}}: any reference to a person: pronouns (he, she, they, someone, ...), roles
 *       (the engineer, the on-call, the team, ...) and the known names.</li>
 * </ul>
 * Write plain phrases with {@link #phrases}: they are quoted, spaces match any whitespace, and an
 * apostrophe matches both {@code '} and {@code ’}.
 *
 * @param id        stable identifier, part of every finding's id
 * @param why       why this language works against learning, shown with each finding
 * @param reframing what to write instead
 */
public record LanguageRule(String id, RuleCategory category, String pattern, String why, String reframing) {

    static final String PERSON = "{person}";
    static final String SOMEONE = "{someone}";

    public LanguageRule {
        requireText(id, "id");
        Objects.requireNonNull(category, "category");
        requireText(pattern, "pattern");
        requireText(why, "why");
        requireText(reframing, "reframing");
        try {
            Pattern.compile(pattern.replace(PERSON, "alice").replace(SOMEONE, "alice"));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("language rule " + id + " has an invalid pattern: " + e.getMessage(), e);
        }
    }

    /** A rule matching any of these phrases. */
    public static LanguageRule phrases(String id, RuleCategory category, String why, String reframing,
                                       String... phrases) {
        if (phrases.length == 0) {
            throw new IllegalArgumentException("language rule " + id + " needs at least one phrase");
        }
        String alternatives = Arrays.stream(phrases)
                .map(String::strip)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(LanguageRule::phrasePattern)
                .collect(Collectors.joining("|"));
        return new LanguageRule(id, category, alternatives, why, reframing);
    }

    boolean usesPerson() {
        return pattern.contains(PERSON);
    }

    /** True when the pattern depends on the names the check knows ({@code {person}} or {@code {someone}}). */
    boolean usesPeople() {
        return pattern.contains(PERSON) || pattern.contains(SOMEONE);
    }

    /** Quotes a literal phrase: whitespace matches any whitespace, an apostrophe either apostrophe. */
    static String phrasePattern(String phrase) {
        return Arrays.stream(phrase.strip().split("\\s+"))
                .map(word -> Arrays.stream(word.split("['’]", -1))
                        .map(part -> part.isEmpty() ? "" : Pattern.quote(part))
                        .collect(Collectors.joining("['’]")))
                .collect(Collectors.joining("\\s++"));
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a language rule needs a " + name);
        }
    }
}
