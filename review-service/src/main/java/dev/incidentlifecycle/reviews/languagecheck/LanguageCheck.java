package dev.incidentlifecycle.reviews.languagecheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The blameless language check: finds blame and hindsight language in free text.
 * <pre>
 *   LanguageCheck check = new LanguageCheck(LanguageRules.defaults()).forPeople(List.of("Alice", "bob@example.com"));
 *   List&lt;LanguageFinding&gt; findings = check.check("summary", text);
 * </pre>
 * Matching is case-insensitive and on whole words. Findings are ordered by position, then rule id.
 * Immutable and thread-safe; {@link #forPeople} returns a new check.
 *
 * <p>Known people: the names a {@code {person}} rule looks for. For each person given, the check knows
 * the identifier as given, the local part of an e-mail address ({@code bob} for {@code bob@example.com}),
 * and the first part of a name with spaces, dots, underscores or dashes ({@code Alice} for
 * {@code Alice Smith}, {@code bob} for {@code bob.jones}), when at least two letters long.
 *
 * <p>Cost: each rule is compiled once. Rules that look for people ({@code {person}}, {@code {someone}}) are compiled
 * once per set of known names and kept (the {@value #CACHED_NAME_SETS} sets used last), so the check a review's
 * participants need is not rebuilt on every event. The patterns use possessive quantifiers for whitespace and
 * words and bounded repetition, so no text can make them backtrack catastrophically: time grows linearly with the
 * text, which is at most {@value #MAX_TEXT_LENGTH} characters.
 */
public final class LanguageCheck {

    private static final String PRONOUNS = "i|we|you|he|she|they|someone|somebody|nobody|no\\s++one|everyone|anyone";
    private static final String ROLES = "(?:the|an?|our|their|his|her|that|this|one\\s++of\\s++the)\\s++(?:[\\w-]++\\s++)?"
            + "(?:on[-\\s]?call(?:\\s++(?:engineers?|persons?|responders?|developers?))?|engineers?|developers?|devs?"
            + "|operators?|sres?|admins?|administrators?|reviewers?|commanders?|responders?|persons?|people|humans?"
            + "|interns?|contractors?|team(?:\\s++members?)?|staff|authors?|deployers?|managers?)";

    /** The longest text the check takes: the longest text of a review, and the bound of {@code POST /language-check}. */
    public static final int MAX_TEXT_LENGTH = 20_000;
    static final int CACHED_NAME_SETS = 256;

    private record CompiledRule(LanguageRule rule, Pattern pattern) {
    }

    /** The compiled rules of one rule set, shared by every check made from it with {@link #forPeople}. */
    private static final class Compiled {
        final List<CompiledRule> withoutPeople;
        final Map<Set<String>, List<CompiledRule>> byNames = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Set<String>, List<CompiledRule>> eldest) {
                return size() > CACHED_NAME_SETS;
            }
        };

        Compiled(LanguageRules rules) {
            this.withoutPeople = compile(rules.rules().stream().filter(rule -> !rule.usesPeople()).toList(), Set.of());
        }

        synchronized List<CompiledRule> forNames(List<LanguageRule> rules, Set<String> names) {
            return byNames.computeIfAbsent(names, key -> compile(
                    rules.stream().filter(LanguageRule::usesPeople).toList(), key));
        }
    }

    private final LanguageRules rules;
    private final Set<String> people;
    private final Compiled shared;
    private final List<CompiledRule> compiled;

    public LanguageCheck(LanguageRules rules) {
        this(Objects.requireNonNull(rules, "rules"), Set.of(), new Compiled(rules));
    }

    private LanguageCheck(LanguageRules rules, Set<String> people, Compiled shared) {
        this.rules = rules;
        this.people = people;
        this.shared = shared;
        List<CompiledRule> all = new ArrayList<>(shared.withoutPeople);
        all.addAll(shared.forNames(rules.rules(), people));
        this.compiled = List.copyOf(all);
    }

    public static LanguageCheck withDefaultRules() {
        return new LanguageCheck(LanguageRules.defaults());
    }

    /** The same rules, knowing these people's names (replaces the names known before). */
    public LanguageCheck forPeople(Collection<String> people) {
        return new LanguageCheck(rules, namesOf(people), shared);
    }

    public LanguageRules rules() {
        return rules;
    }

    /** The names the {@code {person}} rules look for, lower case. */
    public Set<String> knownNames() {
        return people;
    }

    /**
     * @param field a name for the text (it is copied into each finding and its id), e.g. {@code summary}
     * @param text  any free text of at most {@link #MAX_TEXT_LENGTH} characters; null or blank has no findings
     */
    public List<LanguageFinding> check(String field, String text) {
        Objects.requireNonNull(field, "field");
        if (text == null || text.isBlank()) {
            return List.of();
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("the language check takes at most " + MAX_TEXT_LENGTH
                    + " characters; this text has " + text.length());
        }
        List<LanguageFinding> findings = new ArrayList<>();
        for (CompiledRule rule : compiled) {
            Matcher matcher = rule.pattern().matcher(text);
            while (matcher.find()) {
                findings.add(LanguageFinding.of(field, matcher.group(), matcher.start(), matcher.end(), rule.rule()));
            }
        }
        findings.sort(Comparator.comparingInt(LanguageFinding::start).thenComparing(LanguageFinding::ruleId));
        return List.copyOf(findings);
    }

    private static List<CompiledRule> compile(List<LanguageRule> rules, Set<String> people) {
        String names = people.stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(LanguageRule::phrasePattern)
                .collect(Collectors.joining("|"));
        String person = "(?:" + names + ")";
        String someone = "(?:" + PRONOUNS + "|" + ROLES + (names.isEmpty() ? "" : "|" + names) + ")";
        List<CompiledRule> compiled = new ArrayList<>();
        for (LanguageRule rule : rules) {
            if (rule.usesPerson() && names.isEmpty()) {
                continue;
            }
            String regex = rule.pattern()
                    .replace(LanguageRule.PERSON, person)
                    .replace(LanguageRule.SOMEONE, someone);
            compiled.add(new CompiledRule(rule,
                    Pattern.compile("\\b(?:" + regex + ")\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
        }
        return List.copyOf(compiled);
    }

    private static Set<String> namesOf(Collection<String> people) {
        Set<String> names = new LinkedHashSet<>();
        for (String person : people) {
            if (person == null || person.isBlank()) {
                continue;
            }
            String name = person.strip().toLowerCase(Locale.ROOT);
            int at = name.indexOf('@');
            if (at > 0) {
                name = name.substring(0, at);
            }
            addName(names, name);
            String first = Arrays.stream(name.split("[\\s._-]+")).findFirst().orElse("");
            addName(names, first);
        }
        return Set.copyOf(names);
    }

    private static void addName(Set<String> names, String name) {
        if (name.codePoints().filter(Character::isLetter).count() >= 2) {
            names.add(name);
        }
    }
}
