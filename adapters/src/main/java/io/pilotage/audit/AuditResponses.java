package io.pilotage.audit;

import io.pilotage.audit.AuditQueries.ChainBreak;
import io.pilotage.audit.AuditQueries.ChainHead;
import io.pilotage.audit.AuditQueries.ChainVerification;
import io.pilotage.audit.AuditTimeline.InterventionTimeline;
import io.pilotage.audit.AuditTimeline.TimelineEntry;
import java.time.Instant;
import java.util.List;

/** The audit API's answers. */
public final class AuditResponses {

    private AuditResponses() {
    }

    /**
     * The chain's verdict. {@code head} is the last sealed position ({@code -1} before the first seal) and
     * {@code headLink} its link: a report that quotes them pins the history it was computed on.
     */
    public record Integrity(boolean intact, long head, String headLink, long checked, long unsealed,
                            ChainBreak firstBreak, long breakCount, List<ChainBreak> breaks) {

        static Integrity of(ChainVerification verification) {
            return new Integrity(verification.intact(), verification.head(), verification.headLink(), verification.checked(),
                    verification.unsealed(), verification.firstBreak(), verification.breakCount(), verification.breaks());
        }
    }

    /**
     * An intervention's timeline as of {@code asOf} (now when null), with the chain head sealed by then: the
     * auditor checks the entries at or below its position against {@code GET /api/audit/integrity}. Entries above it
     * were not sealed yet when the answer was made. {@code chainHead} is null before the first seal.
     */
    public record Timeline(String interventionId, Instant asOf, ChainHead chainHead, List<TimelineEntry> entries) {

        static Timeline of(InterventionTimeline timeline, ChainHead head) {
            return new Timeline(timeline.interventionId(), timeline.asOf(), head, timeline.entries());
        }
    }
}
