package io.pilotage.contract;

import io.pilotage.audit.AuditQueries.ChainHead;
import io.pilotage.contract.EnergyQueries.CabinetSavings;
import io.pilotage.contract.EnergyQueries.CommuneSavings;
import io.pilotage.contract.EnergyQueries.EnergySavings;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import io.pilotage.shared.Commune;

/** The energy API's answers. */
final class EnergyResponses {

    private EnergyResponses() {
    }

    record BaselineRecorded(String cabinetId, boolean recorded) {
    }

    /**
     * The month's savings and the chain head of the history they were computed on ({@code null} before anything was
     * sealed): a published figure quotes it.
     */
    record EnergyKpi(YearMonth month, Commune commune, Instant asOf, BigDecimal target, Integer termsVersion,
                     long baselineWh, long measuredWh, BigDecimal savings, Boolean meetsTarget, int withoutBaseline,
                     List<CabinetSavings> cabinets, List<CommuneSavings> communes, ChainHead chainHead) {

        static EnergyKpi of(EnergySavings s, ChainHead chainHead) {
            return new EnergyKpi(s.month(), s.commune(), s.asOf(), s.target(), s.termsVersion(), s.baselineWh(),
                    s.measuredWh(), s.savings(), s.meetsTarget(), s.withoutBaseline(), s.cabinets(), s.communes(), chainHead);
        }

        static final List<String> CSV_HEADER = List.of("month", "scope", "cabinet_id", "commune", "baseline_wh",
                "measured_wh", "savings", "readings", "target", "meets_target", "terms_version", "without_baseline", "as_of",
                "chain_head_position", "chain_head_link");

        /** One row per cabinet, then per commune, then the metropole's (or the commune's) total with the context. */
        List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            for (CabinetSavings c : cabinets) {
                rows.add(row("cabinet", c.cabinetId(), c.commune().displayName(), c.baselineWh(), c.measuredWh(), c.savings(),
                        c.readings()));
            }
            for (CommuneSavings c : communes) {
                rows.add(row("commune", null, c.commune().displayName(), c.baselineWh(), c.measuredWh(), c.savings(), null));
            }
            List<Object> total = row(commune == null ? "metropole" : "total", null,
                    commune == null ? null : commune.displayName(), baselineWh, measuredWh, savings, null);
            total.set(8, target);
            total.set(9, meetsTarget);
            total.set(10, termsVersion);
            total.set(11, withoutBaseline);
            total.set(12, asOf);
            total.set(13, chainHead == null ? null : chainHead.position());
            total.set(14, chainHead == null ? null : chainHead.link());
            rows.add(total);
            return rows;
        }

        private List<Object> row(String scope, String cabinetId, String communeName, Long baseline, long measured,
                                 BigDecimal ratio, Integer readings) {
            List<Object> row = new ArrayList<>(CSV_HEADER.size());
            row.add(month.toString());
            row.add(scope);
            row.add(cabinetId);
            row.add(communeName);
            row.add(baseline);
            row.add(measured);
            row.add(ratio == null ? null : ratio.toPlainString());
            row.add(readings);
            while (row.size() < CSV_HEADER.size()) {
                row.add(null);
            }
            return row;
        }
    }
}
