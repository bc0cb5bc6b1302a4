package io.pilotage.audit;

import io.pilotage.audit.AuditQueries.ChainBreak;
import io.pilotage.audit.AuditQueries.ChainVerification;
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
}
