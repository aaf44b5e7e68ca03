package dev.incidentlifecycle.reviews.review.api;

import java.time.LocalDate;

/**
 * A review as a standalone, printable HTML page. Everything people wrote is escaped as text ({@code & < > " '}), and
 * the page is served with a Content-Security-Policy that runs no script and loads nothing, so even a mistake here
 * could not make hostile text active.
 */
public final class ReviewHtml {

    /** The policy the page is served with: no script, no remote content, inline style only, never framed. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;"
            + "padding:0 1rem;line-height:1.5;color:#1b1b1b}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;"
            + "border-bottom:1px solid #ddd}dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}"
            + "dt{font-weight:600}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem;"
            + "text-align:left;vertical-align:top}.note{color:#444;font-style:italic}.none{color:#777}"
            + "@media print{a{color:inherit}}";

    private ReviewHtml() {
    }

    public static String render(ReviewView review, String link) {
        StringBuilder html = new StringBuilder(4096);
        String heading = text(review.incidentNumber()) + " review: " + text(review.title());
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(heading).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n<article>\n")
                .append("<h1>").append(heading).append("</h1>\n<dl>\n");
        field(html, "Status", review.status() + (review.overdue() ? " (overdue)" : ""));
        field(html, "Severity", String.valueOf(review.severity()));
        field(html, "Service", review.service());
        field(html, "Facilitator", review.facilitator() == null ? "none assigned yet" : review.facilitator());
        field(html, "Participants", review.participants().isEmpty() ? "none" : String.join(", ", review.participants()));
        field(html, "Due", String.valueOf(review.dueAt()));
        if (review.publishedAt() != null) {
            field(html, "Published", review.publishedAt()
                    + (review.amendments() > 0 ? " (amended " + review.amendments() + " times)" : ""));
        }
        html.append("<dt>Link</dt><dd><a href=\"").append(text(link)).append("\">").append(text(link))
                .append("</a></dd>\n</dl>\n");

        section(html, "Summary", review.document().summary());
        section(html, "Impact", review.document().impact());

        html.append("<h2>Timeline</h2>\n");
        if (review.timeline().isEmpty()) {
            html.append(NONE);
        } else {
            html.append("<ol>\n");
            for (ReviewView.TimelineEntry entry : review.timeline()) {
                html.append("<li><time>").append(text(String.valueOf(entry.occurredAt()))).append("</time> ")
                        .append(text(entry.summary() != null ? entry.summary() : entry.type()));
                if (entry.actor() != null) {
                    html.append(" (").append(text(entry.actor())).append(")");
                }
                if (entry.note() != null && !entry.note().isBlank()) {
                    html.append("<div class=\"note\">Note: ").append(lines(entry.note())).append("</div>");
                }
                html.append("</li>\n");
            }
            html.append("</ol>\n");
        }

        html.append("<h2>Contributing factors</h2>\n");
        if (review.contributingFactors().isEmpty()) {
            html.append(NONE);
        } else {
            html.append("<ul>\n");
            review.contributingFactors().forEach(f -> html.append("<li><strong>").append(f.category())
                    .append("</strong>: ").append(lines(f.description())).append("</li>\n"));
            html.append("</ul>\n");
        }

        section(html, "What went well", review.document().whatWentWell());
        section(html, "Where we got lucky", review.document().whereWeGotLucky());
        section(html, "Open questions", review.document().openQuestions());

        html.append("<h2>Action items</h2>\n");
        if (review.actionItems().isEmpty()) {
            html.append(NONE);
        } else {
            html.append("<table>\n<thead><tr><th>Action item</th><th>Type</th><th>Team</th><th>Owner</th>"
                    + "<th>Priority</th><th>Due</th><th>Status</th></tr></thead>\n<tbody>\n");
            for (ReviewView.ActionItemView item : review.actionItems()) {
                html.append("<tr><td>").append(text(item.title()))
                        .append("</td><td>").append(item.type())
                        .append("</td><td>").append(text(item.ownerTeam()))
                        .append("</td><td>").append(item.owner() == null ? "unassigned" : text(item.owner()))
                        .append("</td><td>").append(item.priority())
                        .append("</td><td>").append(date(item.dueDate()))
                        .append("</td><td>").append(item.status())
                        .append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("</article>\n</body>\n</html>\n");
        return html.toString();
    }

    private static final String NONE = "<p class=\"none\">None recorded.</p>\n";

    private static void field(StringBuilder html, String name, String value) {
        html.append("<dt>").append(name).append("</dt><dd>").append(text(value)).append("</dd>\n");
    }

    private static void section(StringBuilder html, String heading, String body) {
        html.append("<h2>").append(heading).append("</h2>\n");
        if (body == null || body.isBlank()) {
            html.append(NONE);
            return;
        }
        for (String paragraph : body.strip().split("\\R\\s*\\R")) {
            html.append("<p>").append(lines(paragraph)).append("</p>\n");
        }
    }

    private static String date(LocalDate date) {
        return date == null ? "from the SLA" : date.toString();
    }

    /** Escaped text with its line breaks kept. */
    private static String lines(String value) {
        return text(value.strip()).replaceAll("\\R", "<br>");
    }

    /** Text as HTML text or attribute value: the five characters that could end either are escaped. */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
