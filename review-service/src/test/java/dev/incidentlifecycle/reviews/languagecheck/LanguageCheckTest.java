package dev.incidentlifecycle.reviews.languagecheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class LanguageCheckTest {

    private static final List<String> PEOPLE = List.of("Alice", "Bob Jones", "carol@example.com", "dave.smith");

    private final LanguageCheck check = LanguageCheck.withDefaultRules().forPeople(PEOPLE);

    /** Blame and hindsight language, and the rule each sentence must trip. */
    static Stream<Arguments> blaming() {
        return Stream.of(
                arguments("This was a human error during the deploy.", "human-error"),
                arguments("Operator error took the primary offline.", "human-error"),
                arguments("The engineer should have checked the dashboard first.", "should-have"),
                arguments("The developer should've known about the quota.", "should-have"),
                arguments("We shouldn't have deployed on a Friday.", "shouldnt-have"),
                arguments("This should not have happened if people paid attention.", "shouldnt-have"),
                arguments("She could have caught this in code review.", "could-have"),
                arguments("We could have prevented this with a simple check.", "could-have"),
                arguments("He failed to follow the runbook.", "failed-to"),
                arguments("The team failed to notice the alert.", "failed-to"),
                arguments("The on-call engineer simply failed to escalate.", "failed-to"),
                arguments("Bob failed to roll back in time.", "failed-to"),
                arguments("A careless change to the firewall rules took down the site.", "careless"),
                arguments("He was careless with the production credentials.", "careless"),
                arguments("Leaving the credentials in the repository was negligent.", "negligent"),
                arguments("It was the on-call engineer's fault.", "fault"),
                arguments("Nobody wants to admit whose fault it was.", "fault"),
                arguments("We need to find out who is to blame.", "blame"),
                arguments("Blaming the vendor will not fix our alerting.", "blame"),
                arguments("Why didn't anyone look at the error budget?", "why-didnt"),
                arguments("Why did nobody page the database team?", "why-didnt"),
                arguments("Obviously the migration needed a dry run first.", "obviously"),
                arguments("In hindsight it was obvious that the cache was stale.", "obviously"),
                arguments("The operator simply had to restart the service.", "simply-had-to"),
                arguments("They just had to read the alert description.", "simply-had-to"),
                arguments("All they had to do was roll back.", "simply-had-to"),
                arguments("Somebody forgot to renew the certificate.", "forgot-to"),
                arguments("The reviewer didn't bother to run the tests.", "didnt-bother"),
                arguments("That was a sloppy rollout plan.", "sloppy"),
                arguments("The deploy was done by an incompetent contractor.", "incompetent"),
                arguments("It was a mistake by the release manager.", "mistake-by"),
                arguments("The root cause was a bad config push.", "root-cause"),
                arguments("Our root-cause analysis points to the cache.", "root-cause"),
                arguments("If only we had added a rate limit.", "if-only"),
                arguments("Someone neglected to update the DNS record.", "neglected-to"),
                arguments("The outage was caused by Alice.", "person-as-cause"),
                arguments("Alice broke the build pipeline on Monday.", "person-as-cause"),
                arguments("The queue backed up because Bob deleted the topic.", "person-as-cause"),
                arguments("It was Carol's mistake to skip the canary.", "person-as-cause"),
                arguments("The outage happened due to Dave.", "person-as-cause"),
                arguments("Bob Jones missed the page at 03:12.", "person-as-cause"),
                arguments("A reckless schema change locked the orders table.", "reckless"));
    }

    /** Neutral sentences about systems and conditions, and about people acting. */
    static Stream<String> neutral() {
        return Stream.of(
                "The deploy failed and the rollback completed in four minutes.",
                "The disk filled up on the primary database host.",
                "The health check failed to detect the stuck worker.",
                "Kafka failed to elect a new leader for partition 7.",
                "The failover script failed to acquire the lock within 30 seconds.",
                "The cron job failed at 03:00 and left the queue half processed.",
                "The load balancer kept routing traffic to the draining node.",
                "Connection pool exhaustion caused requests to queue.",
                "The alert fired twelve minutes after error rates rose.",
                "The runbook did not mention the new failover procedure.",
                "The certificate expired at 02:00 UTC on Saturday.",
                "Retries amplified the load on the payments API.",
                "The on-call engineer paged the database team at 14:05.",
                "Alice restarted the consumer group and lag dropped.",
                "Because Bob noticed the latency graph, the incident was opened early.",
                "The configuration change was deployed to all regions at once.",
                "The dashboard showed healthy hosts while requests were timing out.",
                "It was not obvious from the logs which node held the lock.",
                "This is a blameless review: we look at conditions, not culprits.",
                "We discuss what happened without blame.",
                "We got lucky: the outage could have been much worse during peak traffic.",
                "Contributing factors include a missing rate limit and an unclear escalation path.",
                "The canary analysis passed because the error budget metric was misconfigured.",
                "A network fault in zone b isolated three brokers.",
                "The cluster's fault tolerance relies on three replicas.",
                "Memory usage grew until the kernel killed the process.",
                "Lazy loading of the config delayed startup by 40 seconds.",
                "The migration took longer than the maintenance window allowed.",
                "How did the alert routing behave when the primary was down?",
                "We just deployed the fix and error rates returned to normal.",
                "The responders had to work from an outdated architecture diagram.",
                "Every alert should have an owner and a runbook.",
                "The system should recover automatically once the disk has space.",
                "Because the queue was full, new orders were rejected.",
                "Error rates by region are shown in the attached graph.",
                "Dave's dashboard showed the replication lag first.",
                "Alice's error budget report showed the burn rate.");
    }

    @ParameterizedTest(name = "flags \"{0}\"")
    @MethodSource("blaming")
    void flags_blame_and_hindsight_language(String sentence, String ruleId) {
        List<LanguageFinding> findings = check.check("summary", sentence);

        assertThat(findings).extracting(LanguageFinding::ruleId).contains(ruleId);
    }

    @ParameterizedTest(name = "passes \"{0}\"")
    @MethodSource("neutral")
    void passes_neutral_sentences_about_systems_and_conditions(String sentence) {
        assertThat(check.check("summary", sentence)).isEmpty();
    }

    @Test
    void the_tables_are_large_enough() {
        assertThat(blaming().count()).isGreaterThanOrEqualTo(30);
        assertThat(neutral().count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void a_finding_gives_field_phrase_position_why_and_reframing() {
        String text = "Sadly, it was Human Error.";

        List<LanguageFinding> findings = check.check("impact", text);

        assertThat(findings).hasSize(1);
        LanguageFinding finding = findings.get(0);
        assertThat(finding.field()).isEqualTo("impact");
        assertThat(finding.phrase()).isEqualTo("Human Error");
        assertThat(text.substring(finding.start(), finding.end())).isEqualTo("Human Error");
        assertThat(finding.start()).isEqualTo(14);
        assertThat(finding.ruleId()).isEqualTo("human-error");
        assertThat(finding.category()).isEqualTo(RuleCategory.BLAME);
        assertThat(finding.why()).isNotBlank();
        assertThat(finding.reframing()).isNotBlank();
    }

    @Test
    void matches_whole_words_only() {
        assertThat(check.check("summary", "The blameless format helps; faultless failover worked.")).isEmpty();
        assertThat(check.check("summary", "Unsloppy is not a word, and carelessly is.")).extracting(LanguageFinding::ruleId)
                .containsExactly("careless");
    }

    @Test
    void curly_apostrophes_match_like_straight_ones() {
        assertThat(check.check("summary", "We shouldn’t have merged it.")).extracting(LanguageFinding::ruleId)
                .containsExactly("shouldnt-have");
    }

    @Test
    void findings_are_ordered_by_position_and_every_occurrence_is_found() {
        List<LanguageFinding> findings = check.check("summary", "Root cause: sloppy work. Another root cause: blame.");

        assertThat(findings).extracting(LanguageFinding::ruleId)
                .containsExactly("root-cause", "sloppy", "root-cause", "blame");
        assertThat(findings).extracting(LanguageFinding::start).isSorted();
    }

    @Test
    void ids_are_stable_for_the_same_text_and_differ_by_position_and_field() {
        String text = "It was human error. Then human error again.";

        List<LanguageFinding> first = check.check("summary", text);
        List<LanguageFinding> again = check.check("summary", text);
        List<LanguageFinding> otherField = check.check("impact", text);

        assertThat(first).extracting(LanguageFinding::id).isEqualTo(again.stream().map(LanguageFinding::id).toList());
        assertThat(first.get(0).id()).isNotEqualTo(first.get(1).id());
        assertThat(first.get(0).id()).isNotEqualTo(otherField.get(0).id());
        assertThat(first.get(0).id()).isEqualTo(LanguageFinding.idOf("summary", "human-error", "human error", 7));
    }

    @Test
    void names_are_only_checked_when_known() {
        String text = "The outage was caused by Erin.";

        assertThat(check.check("summary", text)).isEmpty();
        assertThat(check.forPeople(List.of("Erin")).check("summary", text)).extracting(LanguageFinding::ruleId)
                .containsExactly("person-as-cause");
    }

    @Test
    void knows_people_by_email_local_part_and_first_name() {
        assertThat(check.knownNames()).contains("alice", "bob jones", "bob", "carol", "dave.smith", "dave");
    }

    @Test
    void the_rule_set_is_configurable() {
        LanguageRules rules = LanguageRules.defaults()
                .without("root-cause")
                .with(LanguageRule.phrases("cowboy", RuleCategory.JUDGEMENT, "Judges the person.",
                        "Describe the change and its safeguards.", "cowboy deploy", "cowboy"));
        LanguageCheck custom = new LanguageCheck(rules);

        assertThat(custom.check("summary", "The root cause was a cowboy deploy."))
                .extracting(LanguageFinding::ruleId, LanguageFinding::phrase)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cowboy", "cowboy deploy"));
    }

    @Test
    void a_rule_with_a_broken_pattern_is_refused() {
        assertThatThrownBy(() -> new LanguageRule("bad", RuleCategory.BLAME, "(unclosed", "why", "instead"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad");
    }

    @Test
    void blank_text_has_no_findings() {
        assertThat(check.check("summary", null)).isEmpty();
        assertThat(check.check("summary", "   ")).isEmpty();
    }
}
