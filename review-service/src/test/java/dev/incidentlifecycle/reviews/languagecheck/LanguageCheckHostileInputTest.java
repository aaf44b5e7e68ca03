package dev.incidentlifecycle.reviews.languagecheck;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Texts built to make regular expressions work hard: they are checked (no stack overflow, no runaway
 * backtracking) with the same findings as ordinary prose, and a text longer than the bound is refused. How long
 * they take is printed by {@code LanguageCheckBenchmark}, never asserted here.
 */
class LanguageCheckHostileInputTest {

    static List<String> fiftyPeople() {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            people.add("person" + i + " surname" + i);
        }
        people.add("Alice Smith");
        return people;
    }

    private final LanguageCheck check = LanguageCheck.withDefaultRules().forPeople(fiftyPeople());

    @Test
    void thousands_of_repeated_adverbs_after_a_pronoun_are_checked_without_overflowing_the_stack() {
        // Once a StackOverflowError: "(?:had\s+)*" recursed once per repetition.
        String crafted = ("he " + "had ".repeat(5_000)).substring(0, 19_960) + " failed to";
        assertThat(crafted.length()).isLessThanOrEqualTo(LanguageCheck.MAX_TEXT_LENGTH);

        assertThat(check.check("summary", crafted)).isEmpty();
        assertThat(check.check("summary", crafted + " and he had simply failed to").stream()
                .filter(f -> f.start() > 19_960))
                .extracting(LanguageFinding::ruleId).containsExactly("failed-to");
    }

    @Test
    void long_runs_of_whitespace_letters_and_near_misses_are_checked_with_the_findings_of_the_prose_in_them() {
        String spaces = "caused by" + " ".repeat(19_000) + "Alice's mistake";
        assertThat(check.check("impact", spaces)).extracting(LanguageFinding::ruleId).containsExactly("person-as-cause");

        String word = "a".repeat(19_980) + "'s fault";
        assertThat(check.check("impact", word)).extracting(LanguageFinding::ruleId).containsExactly("fault");

        String nearMisses = "the on call the engineer one of the person0 surname ".repeat(380);
        assertThat(nearMisses.length()).isLessThanOrEqualTo(LanguageCheck.MAX_TEXT_LENGTH);
        assertThat(check.check("impact", nearMisses)).isEmpty();

        String causes = "caused by ".repeat(1_999) + "Alice";
        assertThat(check.check("impact", causes)).extracting(LanguageFinding::phrase)
                .containsExactly("caused by Alice");
    }

    @Test
    void a_text_longer_than_the_bound_is_refused() {
        assertThatThrownBy(() -> check.check("summary", "x".repeat(LanguageCheck.MAX_TEXT_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(LanguageCheck.MAX_TEXT_LENGTH));
    }

    @Test
    void the_same_people_get_the_same_compiled_check_and_other_people_their_own() {
        LanguageCheck base = LanguageCheck.withDefaultRules();
        LanguageCheck once = base.forPeople(List.of("Alice", "Bob"));
        LanguageCheck again = base.forPeople(List.of("Bob", "Alice"));
        assertThat(again.knownNames()).isEqualTo(once.knownNames());
        assertThat(again.check("summary", "Caused by Bob.")).isEqualTo(once.check("summary", "Caused by Bob."));
        assertThat(base.forPeople(List.of("Carol")).check("summary", "Caused by Bob.")).isEmpty();
    }
}
