package io.pilotage.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.audit.AuditQueries.ChainHead;
import io.pilotage.audit.AuditQueries.ChainVerification;
import io.pilotage.audit.AuditQueries.FindChainHead;
import io.pilotage.audit.AuditQueries.VerifyEventChain;
import io.pilotage.audit.AuditResponses.Integrity;
import io.pilotage.audit.AuditResponses.Timeline;
import io.pilotage.audit.AuditTimeline.FindInterventionTimeline;
import io.pilotage.audit.AuditTimeline.InterventionTimeline;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.Csv;
import io.pilotage.shared.web.Permission;
import io.pilotage.shared.web.Queries;
import io.pilotage.shared.web.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What auditors ask of the history itself: is it the one that was written, and what happened to an intervention. */
@RestController
@RequestMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit")
public class AuditController {

    /** Quoted on CSV and HTML answers, which have no field for it, so that a saved answer still names its head. */
    static final String CHAIN_HEAD_POSITION = "Pilotage-Chain-Head-Position";
    static final String CHAIN_HEAD_LINK = "Pilotage-Chain-Head-Link";
    private static final Instant EARLIEST_AS_OF = Instant.EPOCH;
    private static final Instant LATEST_AS_OF = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final String TIMELINE_SUMMARY = "The causal timeline of one intervention, from the event store: the lamp failure that "
            + "caused it, its own events, its asset claim, its crew's, its missed deadlines, the lamp back on";
    private static final String TIMELINE_DESCRIPTION = "Every stored event that touched the intervention, in global position order, "
            + "with its recorded and occurred times, actor, role, channel, command, correlation, causation and triggering event, "
            + "and its payload as stored. With asOf, only the events recorded before that instant; 404 when the intervention "
            + "was not open by then. The chain head sealed by then comes with it. JSON by default; Accept: text/csv gives a "
            + "table, Accept: text/html a page to print. Read from an index that trails the appends: send Pilotage-Min-Position "
            + "to include a write just made.";
    private static final String AS_OF = "Only the events recorded before this instant (ISO-8601, e.g. 2026-03-14T21:30:00Z)";

    private final Queries queries;
    private final ObjectMapper json;

    public AuditController(Queries queries, ObjectMapper json) {
        this.queries = queries;
        this.json = json;
    }

    @Operation(summary = "Verify the hash chain over the event store: intact, or the positions altered, deleted or inserted behind the application's back",
            description = "Recomputes every link up to the sealed head from the rows as stored. Events above the head are counted as unsealed: "
                    + "the sealer trails the appends by about a second. Reads the whole store: seconds on millions of events.")
    @GetMapping("/integrity")
    @Allowed(Permission.AUDIT)
    public Integrity integrity() {
        return Integrity.of(queries.ask(new VerifyEventChain(), ChainVerification.class));
    }

    @Operation(summary = TIMELINE_SUMMARY, description = TIMELINE_DESCRIPTION)
    @GetMapping("/interventions/{id}")
    @Allowed(Permission.AUDIT)
    public Timeline timeline(@PathVariable String id, @Parameter(description = AS_OF) @RequestParam(required = false) Instant asOf) {
        return find(id, asOf);
    }

    @Operation(summary = TIMELINE_SUMMARY, description = TIMELINE_DESCRIPTION)
    @GetMapping(path = "/interventions/{id}", produces = Csv.TEXT_CSV_VALUE)
    @Allowed(Permission.AUDIT)
    public ResponseEntity<String> timelineTable(@PathVariable String id,
                                                @Parameter(description = AS_OF) @RequestParam(required = false) Instant asOf) {
        Timeline timeline = find(id, asOf);
        ResponseEntity<String> table = Csv.attachment("timeline-" + id + ".csv", TimelinePage.HEADER,
                timeline.entries().stream().map(entry -> TimelinePage.row(entry, this::write)).toList());
        return ResponseEntity.ok().headers(table.getHeaders()).headers(chainHead(timeline)).body(table.getBody());
    }

    @Operation(summary = TIMELINE_SUMMARY, description = TIMELINE_DESCRIPTION)
    @GetMapping(path = "/interventions/{id}", produces = MediaType.TEXT_HTML_VALUE)
    @Allowed(Permission.AUDIT)
    public ResponseEntity<String> timelinePage(@PathVariable String id,
                                               @Parameter(description = AS_OF) @RequestParam(required = false) Instant asOf) {
        Timeline timeline = find(id, asOf);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .headers(chainHead(timeline)).body(TimelinePage.render(timeline, this::write));
    }

    private Timeline find(String id, Instant asOf) {
        InvalidValue.require(asOf == null || !asOf.isBefore(EARLIEST_AS_OF) && !asOf.isAfter(LATEST_AS_OF), "asOf",
                "must be an instant between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        InterventionTimeline timeline = queries.find(new FindInterventionTimeline(id, asOf), InterventionTimeline.class)
                .orElseThrow(() -> new ResourceNotFound("Intervention", asOf == null ? id : id + " as of " + asOf));
        return Timeline.of(timeline, queries.find(new FindChainHead(asOf), ChainHead.class).orElse(null));
    }

    private static HttpHeaders chainHead(Timeline timeline) {
        HttpHeaders headers = new HttpHeaders();
        if (timeline.chainHead() != null) {
            headers.set(CHAIN_HEAD_POSITION, Long.toString(timeline.chainHead().position()));
            headers.set(CHAIN_HEAD_LINK, timeline.chainHead().link());
        }
        return headers;
    }

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
