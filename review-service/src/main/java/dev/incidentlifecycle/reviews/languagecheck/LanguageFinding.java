package dev.incidentlifecycle.reviews.languagecheck;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A phrase in a text that works against blameless learning.
 *
 * @param id        stable while the text is unchanged: derived from field, rule, phrase and position, so a
 *                  dismissal of this finding sticks until the text around it is edited
 * @param field     the name of the checked text, as the caller gave it
 * @param phrase    the matched text, as written
 * @param start     index of the first character of the phrase in the text (UTF-16 chars, as {@link String})
 * @param end       index just after the phrase
 */
public record LanguageFinding(String id, String field, String phrase, int start, int end, String ruleId,
                              RuleCategory category, String why, String reframing) {

    static LanguageFinding of(String field, String phrase, int start, int end, LanguageRule rule) {
        return new LanguageFinding(idOf(field, rule.id(), phrase, start), field, phrase, start, end, rule.id(),
                rule.category(), rule.why(), rule.reframing());
    }

    /** The id a finding of {@code ruleId} on {@code phrase} at {@code start} of {@code field} has. */
    public static String idOf(String field, String ruleId, String phrase, int start) {
        String key = field + '\u0000' + ruleId + '\u0000' + phrase.toLowerCase(Locale.ROOT) + '\u0000' + start;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
