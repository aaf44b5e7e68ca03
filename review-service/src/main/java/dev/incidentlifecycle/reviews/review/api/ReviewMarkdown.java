package dev.incidentlifecycle.reviews.review.api;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * A review as a Markdown document (CommonMark, with a GFM table for the action items), for chat, wikis and print.
 *
 * <p>Everything people wrote is text, never markup: every ASCII punctuation character is backslash-escaped (CommonMark
 * renders an escaped character literally, so no heading, link, image, emphasis, table cell or raw HTML can be
 * injected), and text shown on one line (a table cell, a list item's head) has its line breaks folded to spaces.
 */
public final class ReviewMarkdown {

    private ReviewMarkdown() {
    }

    public static String render(ReviewView review, String link) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(inline(review.incidentNumber())).append(" review: ").append(inline(review.title()))
                .append("\n\n");
        field(md, "Status", review.status() + (review.overdue() ? " (overdue)" : ""));
        field(md, "Severity", String.valueOf(review.severity()));
        field(md, "Service", review.service());
        field(md, "Facilitator", review.facilitator() == null ? "none assigned yet" : review.facilitator());
        field(md, "Participants", review.participants().isEmpty() ? "none" : String.join(", ", review.participants()));
        field(md, "Due", String.valueOf(review.dueAt()));
        if (review.publishedAt() != null) {
            field(md, "Published", review.publishedAt()
                    + (review.amendments() > 0 ? " (amended " + review.amendments() + " times)" : ""));
        }
        md.append("Link: <").append(link).append(">\n");

        section(md, "Summary", review.document().summary());
        section(md, "Impact", review.document().impact());

        md.append("\n## Timeline\n\n");
        if (review.timeline().isEmpty()) {
            md.append("_None recorded._\n");
        }
        for (ReviewView.TimelineEntry entry : review.timeline()) {
            md.append("- ").append(inline(String.valueOf(entry.occurredAt()))).append(" — ")
                    .append(inline(entry.summary() != null ? entry.summary() : entry.type()));
            if (entry.actor() != null) {
                md.append(" (").append(inline(entry.actor())).append(")");
            }
            md.append('\n');
            if (entry.note() != null && !entry.note().isBlank()) {
                md.append("  - Note: ").append(inline(entry.note())).append('\n');
            }
        }

        md.append("\n## Contributing factors\n\n");
        list(md, review.contributingFactors(), f -> "**" + f.category() + "**: " + inline(f.description()));

        section(md, "What went well", review.document().whatWentWell());
        section(md, "Where we got lucky", review.document().whereWeGotLucky());
        section(md, "Open questions", review.document().openQuestions());

        md.append("\n## Action items\n\n");
        if (review.actionItems().isEmpty()) {
            md.append("_None recorded._\n");
        } else {
            md.append("| Action item | Type | Team | Owner | Priority | Due | Status |\n");
            md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
            for (ReviewView.ActionItemView item : review.actionItems()) {
                md.append("| ").append(inline(item.title()))
                        .append(" | ").append(item.type())
                        .append(" | ").append(inline(item.ownerTeam()))
                        .append(" | ").append(item.owner() == null ? "unassigned" : inline(item.owner()))
                        .append(" | ").append(item.priority())
                        .append(" | ").append(date(item.dueDate()))
                        .append(" | ").append(item.status())
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    private static void field(StringBuilder md, String name, String value) {
        md.append("**").append(name).append(":** ").append(inline(value)).append("  \n");
    }

    private static void section(StringBuilder md, String heading, String text) {
        md.append("\n## ").append(heading).append("\n\n");
        md.append(text == null || text.isBlank() ? "_None recorded._" : block(text)).append('\n');
    }

    private static <T> void list(StringBuilder md, List<T> items, Function<T, String> line) {
        if (items.isEmpty()) {
            md.append("_None recorded._\n");
        }
        for (T item : items) {
            md.append("- ").append(line.apply(item)).append('\n');
        }
    }

    private static String date(LocalDate date) {
        return date == null ? "from the SLA" : date.toString();
    }

    /** Text on one line: line breaks folded to spaces, then escaped. */
    static String inline(String text) {
        return text == null ? "" : escape(text.strip().replaceAll("\\s*\\R\\s*", " "));
    }

    /** Paragraphs kept (blank lines), every line escaped; leading spaces dropped so nothing becomes a code block. */
    static String block(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.strip().split("\\R", -1)) {
            out.append(escape(line.strip())).append('\n');
        }
        return out.toString().stripTrailing();
    }

    /** Every ASCII punctuation character backslash-escaped: CommonMark shows it as itself, never as markup. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (c < 128 && isPunctuation(c)) {
                out.append('\\');
            }
            out.appendCodePoint(c);
        });
        return out.toString();
    }

    private static boolean isPunctuation(int c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }
}
