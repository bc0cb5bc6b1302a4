package io.pilotage.audit;

import io.pilotage.audit.AuditResponses.Timeline;
import io.pilotage.audit.AuditTimeline.TimelineEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * An intervention's timeline as a page an auditor reads on screen and prints: one self-contained HTML table, styles
 * inline, nothing fetched from elsewhere (the page is filed as evidence and must render the same offline). Every value
 * comes from the event store, whoever wrote it, so every value is escaped.
 */
final class TimelinePage {

    /** The table's columns, shared with the CSV table so that both show the same facts. */
    static final List<String> HEADER = List.of("position", "recorded_at", "occurred_at", "event_type", "aggregate_id",
            "sequence_number", "event_id", "actor_id", "actor_role", "channel", "command_name", "correlation_id",
            "causation_id", "triggering_event_id", "payload");

    private static final String STYLE = """
            body{font-family:sans-serif;font-size:12px;margin:1.5em}
            h1{font-size:18px}
            dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}
            dt{font-weight:bold}
            table{border-collapse:collapse;width:100%}
            th,td{border:1px solid #999;padding:3px 5px;text-align:left;vertical-align:top}
            th{background:#eee}
            td.payload{font-family:monospace;word-break:break-all}
            @media print{body{margin:0;font-size:9px}tr{page-break-inside:avoid}thead{display:table-header-group}}""";

    private TimelinePage() {
    }

    /** The cells of one entry, in {@link #HEADER}'s order; {@code json} writes the payload. */
    static List<Object> row(TimelineEntry entry, Function<Object, String> json) {
        return Arrays.asList(entry.position(), entry.recordedAt(), entry.occurredAt(), entry.eventType(), entry.aggregateId(),
                entry.sequenceNumber(), entry.eventId(), entry.actorId(), entry.actorRole(), entry.channel(), entry.commandName(),
                entry.correlationId(), entry.causationId(), entry.triggeringEventId(),
                entry.payload() == null ? null : json.apply(entry.payload()));
    }

    static String render(Timeline timeline, Function<Object, String> json) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Audit timeline of intervention ").append(escape(timeline.interventionId())).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>Audit timeline of intervention ").append(escape(timeline.interventionId())).append("</h1>\n<dl>\n");
        definition(page, "Intervention", timeline.interventionId());
        definition(page, "As of", timeline.asOf() == null ? "now (every event recorded so far)" : timeline.asOf().toString());
        definition(page, "Chain head position", timeline.chainHead() == null ? "none sealed yet" : timeline.chainHead().position());
        definition(page, "Chain head link (SHA-256)", timeline.chainHead() == null ? "" : timeline.chainHead().link());
        definition(page, "Chain head recorded at", timeline.chainHead() == null ? "" : timeline.chainHead().recordedAt());
        definition(page, "Events", timeline.entries().size());
        page.append("</dl>\n<table>\n<thead><tr>");
        HEADER.forEach(column -> page.append("<th>").append(escape(column)).append("</th>"));
        page.append("</tr></thead>\n<tbody>\n");
        for (TimelineEntry entry : timeline.entries()) {
            List<Object> cells = new ArrayList<>(row(entry, json));
            page.append("<tr>");
            for (int i = 0; i < cells.size(); i++) {
                page.append(i == cells.size() - 1 ? "<td class=\"payload\">" : "<td>").append(escape(cells.get(i))).append("</td>");
            }
            page.append("</tr>\n");
        }
        return page.append("</tbody>\n</table>\n</body>\n</html>\n").toString();
    }

    private static void definition(StringBuilder page, String term, Object value) {
        page.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
    }

    /** Text safe in an element's content and in a quoted attribute. */
    static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
