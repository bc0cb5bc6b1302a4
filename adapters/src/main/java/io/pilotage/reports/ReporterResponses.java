package io.pilotage.reports;

import io.pilotage.reports.ReporterCommands.ReporterErasure;
import java.time.Instant;
import java.util.Locale;

/** Answers of the reporters API. */
final class ReporterResponses {

    private ReporterResponses() {
    }

    /** {@code reason}: {@code request} or {@code retention}; {@code erasedAt}: when the key was destroyed. */
    record Erased(String reporterId, boolean erased, String reason, Instant erasedAt) {
        static Erased of(ReporterErasure erasure) {
            return new Erased(erasure.reporterId().value(), true, erasure.reason().name().toLowerCase(Locale.ROOT),
                    erasure.erasedAt());
        }
    }
}
