package dev.incidentlifecycle.reviews.languagecheck;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long the language check takes on a 20,000-character text (the longest it takes), knowing 50 people: typical
 * review prose and texts crafted against regular expressions. Prints figures; asserts nothing about time.
 * <pre>./mvnw -B verify -Pbenchmark -pl review-service -am -Dtest=LanguageCheckBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("benchmark")
class LanguageCheckBenchmark {

    static final int LENGTH = LanguageCheck.MAX_TEXT_LENGTH;
    static final int WARM_UP = 20;
    static final int RUNS = 50;

    static String fill(String unit) {
        return unit.repeat(LENGTH / unit.length() + 1).substring(0, LENGTH);
    }

    static Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("typical prose", fill("At 14:02 a configuration change raised the connection pool past the database"
                + " limit. The on-call engineer saw the latency alert, paged the database team and rolled back by 14:40;"
                + " the canary had not covered pool sizes. Human error was not the story: the schema allowed it. "));
        texts.put("pronoun + 5,000 adverbs", ("he " + "had ".repeat(LENGTH / 4)).substring(0, LENGTH - 10) + " failed to");
        texts.put("one 20,000-letter word", "a".repeat(LENGTH - 8) + "'s fault");
        texts.put("20,000 spaces in a phrase", "caused by" + " ".repeat(LENGTH - 24) + "Alice's mistake");
        texts.put("role near misses", fill("the on call the engineer one of the person0 surname "));
        texts.put("cause without a person", fill("caused by "));
        return texts;
    }

    @Test
    void prints_the_time_of_one_check_of_a_20000_character_text() {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            people.add("person" + i + " surname" + i);
        }
        people.add("Alice Smith");
        LanguageCheck base = LanguageCheck.withDefaultRules();

        long compileStart = System.nanoTime();
        LanguageCheck check = base.forPeople(people);
        double firstCompileMs = (System.nanoTime() - compileStart) / 1e6;
        long cachedStart = System.nanoTime();
        base.forPeople(people);
        double cachedMs = (System.nanoTime() - cachedStart) / 1e6;
        System.out.printf("language check: rules for 51 people compiled in %.2f ms the first time, %.3f ms when cached%n",
                firstCompileMs, cachedMs);

        for (Map.Entry<String, String> text : texts().entrySet()) {
            int findings = 0;
            for (int i = 0; i < WARM_UP; i++) {
                findings = check.check("summary", text.getValue()).size();
            }
            long[] nanos = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                check.check("summary", text.getValue());
                nanos[i] = System.nanoTime() - start;
            }
            java.util.Arrays.sort(nanos);
            System.out.printf("language check of %,d characters, %-26s median %7.2f ms, max %7.2f ms, %d finding(s)%n",
                    text.getValue().length(), text.getKey() + ":", nanos[RUNS / 2] / 1e6, nanos[RUNS - 1] / 1e6, findings);
        }
    }
}
