package io.pilotage.contract;

import io.pilotage.shared.Commune;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/** The availability KPI: how much of the scheduled light the points gave, and how many were failing at month end. */
public final class AvailabilityQueries {

    private AvailabilityQueries() {
    }

    /** One month in {@code commune} (all when null), as known from the events recorded before {@code asOf} (all when null). */
    public record FindAvailabilityKpi(YearMonth month, Commune commune, Instant asOf) {
    }

    /**
     * Over [{@code from}, {@code to}): the month, or its part before the report instant while it runs.
     * {@code availability} = 1 - failureHours / scheduledHours, where scheduled hours are every point's burning hours
     * while in service and failure hours the burning hours during which it was failing (4 decimals, half-even; null
     * with no scheduled hours). {@code failureRate} = points failing / points in service at {@code to}. Targets are
     * the terms in force at the end of the month.
     */
    public record AvailabilityKpi(YearMonth month, Commune commune, Instant asOf, Instant from, Instant to,
                                  BigDecimal scheduledHours, BigDecimal failureHours, BigDecimal availability,
                                  BigDecimal availabilityTarget, Boolean meetsAvailabilityTarget, long pointsInService,
                                  long pointsFailing, BigDecimal failureRate, BigDecimal failureRateCeiling,
                                  Boolean meetsFailureRateCeiling, Integer termsVersion) {
    }
}
