-- Indexes found by the KPI query benchmark (projections/src/test/java/io/pilotage/contract/KpiBenchmark.java,
-- docs/operations.md#kpi-query-benchmark) on two years of history.

-- Energy as of an instant: the latest version of each cabinet's month recorded before it. The index of V15 orders
-- by recorded_from only, so each probe sorted the versions sharing the last timestamp by position and read them
-- from the heap; this one answers the ORDER BY ... LIMIT 1 directly, from the index alone.
CREATE INDEX rm_contract_energy_month_as_of ON rm_contract_energy_month
    (month, cabinet_id, recorded_from DESC, from_position DESC) INCLUDE (measured_wh, readings);
DROP INDEX rm_contract_energy_month_known;
