package io.pilotage.contract;

import io.pilotage.shared.Commune;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.web.Params;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;

/**
 * What every KPI is asked for: a month, a commune or the whole metropole, and the instant the facts are taken as
 * known at. {@code asOf} cannot be in the future: lateness counts up to it, and a future instant would invent it.
 */
record KpiScope(YearMonth month, Commune commune, Instant asOf) {

    static final String MONTH_DOC = "Calendar month in Europe/Paris, YYYY-MM";
    static final String COMMUNE_DOC = "One of the metropole's 23 communes; the whole metropole when absent";
    static final String AS_OF_DOC = "ISO-8601 instant with offset, not in the future: use only the events recorded before it";

    static KpiScope of(String month, String commune, String asOf, Clock clock) {
        YearMonth parsedMonth = Params.requiredMonth(month, "month");
        Commune parsedCommune = commune == null || commune.isBlank() ? null : Commune.parse(commune, "commune");
        Instant parsedAsOf = Params.instant(asOf, "asOf");
        InvalidValue.require(parsedAsOf == null || !parsedAsOf.isAfter(clock.instant()), "asOf", "must not be in the future");
        return new KpiScope(parsedMonth, parsedCommune, parsedAsOf);
    }
}
