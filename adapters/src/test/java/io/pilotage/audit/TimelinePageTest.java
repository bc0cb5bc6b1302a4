package io.pilotage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.audit.AuditQueries.ChainHead;
import io.pilotage.audit.AuditResponses.Timeline;
import io.pilotage.audit.AuditTimeline.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The printable page escapes every value it shows, whoever wrote it into the store. */
class TimelinePageTest {

    static final Instant T0 = Instant.parse("2026-03-14T21:30:00Z");

    private static TimelineEntry entry(long position, String actorId, Map<String, Object> payload) {
        return new TimelineEntry(position, T0, T0.plusSeconds(position), "InterventionOpened", "1", "E-" + position, "INT-1",
                0, actorId, "SYSTEM", "policy", "OpenIntervention", "C-1", "M-1", null, payload);
    }

    @Test
    void givenValuesWithMarkup_whenRendered_thenEscapedAndTheHeaderNamesTheInterventionAsOfAndChainHead() {
        Timeline timeline = new Timeline("INT-1", T0, new ChainHead(41, "ab".repeat(32), T0.minusSeconds(1)),
                List.of(entry(40, "<script>alert('x')</script>", Map.of("reason", "a & b")), entry(41, "operator", null)));

        String page = TimelinePage.render(timeline, Object::toString);

        assertThat(page).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("a &amp; b").contains("<dd>INT-1</dd>").contains("<dd>2026-03-14T21:30:00Z</dd>")
                .contains("<dd>41</dd>").contains("<dd>" + "ab".repeat(32) + "</dd>");
        assertThat(page.split("<tr>", -1)).as("a header row and one row per entry").hasSize(4);
    }

    @Test
    void givenNoAsOfAndNothingSealed_whenRendered_thenTheHeaderSaysSo() {
        String page = TimelinePage.render(new Timeline("INT-2", null, null, List.of()), Object::toString);

        assertThat(page).contains("now (every event recorded so far)").contains("none sealed yet");
    }

    @Test
    void givenAnEntry_thenItsRowFollowsTheHeader() {
        List<Object> row = TimelinePage.row(entry(7, "operator", Map.of("k", "v")), payload -> "{json}");

        assertThat(row).hasSameSizeAs(TimelinePage.HEADER);
        assertThat(row.get(TimelinePage.HEADER.indexOf("position"))).isEqualTo(7L);
        assertThat(row.get(TimelinePage.HEADER.indexOf("actor_id"))).isEqualTo("operator");
        assertThat(row.get(TimelinePage.HEADER.indexOf("triggering_event_id"))).isNull();
        assertThat(row.get(TimelinePage.HEADER.indexOf("payload"))).isEqualTo("{json}");
    }
}
