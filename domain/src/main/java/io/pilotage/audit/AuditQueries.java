package io.pilotage.audit;

import java.time.Instant;
import java.util.List;

/** What auditors ask of the event store itself. */
public final class AuditQueries {

    private AuditQueries() {
    }

    /** Recompute the chain over the event store up to its sealed head and compare it with the recorded links. */
    public record VerifyEventChain() {
    }

    /**
     * The chain head a report was computed on: the link of the last sealed event recorded before {@code asOf} (the
     * latest sealed link when null). A published figure quotes it, so the history it used can be verified later.
     */
    public record FindChainHead(Instant asOf) {
    }

    /** A link of the chain: {@code link} is the hex SHA-256 covering every event up to {@code position}. */
    public record ChainHead(long position, String link, Instant recordedAt) {
    }

    public enum BreakKind {
        /** The row at this position no longer hashes to its recorded link: its content (or the link) was changed. */
        ALTERED,
        /** A link was recorded for this position but the row is gone. */
        DELETED,
        /** A row sits below the head at a position that was empty (or never linked) when the chain was sealed. */
        INSERTED
    }

    public record ChainBreak(long position, BreakKind kind) {
    }

    /**
     * The verdict: {@code intact} when every row up to {@code head} matches its link. {@code breaks} lists the
     * first breaks in position order (at most {@link #MAX_LISTED}); {@code breakCount} counts them all.
     * {@code unsealed} events, above the head, are not yet covered: the sealer trails the appends.
     */
    public record ChainVerification(boolean intact, long head, String headLink, long checked, long unsealed,
                                    long breakCount, List<ChainBreak> breaks) {
        public static final int MAX_LISTED = 100;

        public ChainBreak firstBreak() {
            return breaks.isEmpty() ? null : breaks.get(0);
        }
    }
}
