package io.pilotage.audit;

import io.pilotage.audit.AuditQueries.ChainVerification;
import io.pilotage.audit.AuditQueries.VerifyEventChain;
import io.pilotage.audit.AuditResponses.Integrity;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.Permission;
import io.pilotage.shared.web.Queries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What auditors ask of the history itself: is it the one that was written. */
@RestController
@RequestMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit")
public class AuditController {

    private final Queries queries;

    public AuditController(Queries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Verify the hash chain over the event store: intact, or the positions altered, deleted or inserted behind the application's back",
            description = "Recomputes every link up to the sealed head from the rows as stored. Events above the head are counted as unsealed: "
                    + "the sealer trails the appends by about a second. Reads the whole store: seconds on millions of events.")
    @GetMapping("/integrity")
    @Allowed(Permission.AUDIT)
    public Integrity integrity() {
        return Integrity.of(queries.ask(new VerifyEventChain(), ChainVerification.class));
    }
}
