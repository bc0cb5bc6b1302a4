package io.pilotage.lighting;

import io.pilotage.shared.Commune;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.PageRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What people ask of the lighting read models, and the shapes of the answers. */
public final class LightingQueries {

    private LightingQueries() {
    }

    /** One light point's current state. Answers an empty Optional for an unknown id. */
    public record FindLightPoint(String lightPointId) {
    }

    /** The light point nearest to a position, if one stands within {@code withinMetres}; an empty Optional if none. */
    public record FindNearestLightPoint(io.pilotage.shared.GeoPosition position, int withinMetres) {
        public FindNearestLightPoint {
            InvalidValue.requireNonNull(position, "position");
            InvalidValue.require(withinMetres >= 1 && withinMetres <= 1_000, "withinMetres", "must be 1 to 1000");
        }
    }

    public record OpenFailure(String failureId, FailureKind kind, FailureSource source, Instant observedAt) {
    }

    public record LightPointView(String lightPointId, Commune commune, double latitude, double longitude,
                                 String cabinetId, int ratedPowerW, int legacyPowerW, LampTechnology technology,
                                 StreetlightStatus status, List<OpenFailure> openFailures, String dimmingProgram,
                                 Instant registeredAt, Instant updatedAt) {
    }

    /** Failing light points, longest failing first; {@code commune} null means the whole metropole. */
    public record FindFailingLightPoints(Commune commune, PageRequest page) {
        public FindFailingLightPoints {
            InvalidValue.requireNonNull(page, "page");
        }
    }

    public record FailingLightPoint(String lightPointId, Commune commune, StreetlightStatus status,
                                    List<FailureKind> kinds, Instant failingSince, Instant lastReportedAt) {
    }

    public record FailingLightPoints(List<FailingLightPoint> items, int page, int size, long totalItems) {
    }

    /** Energy one cabinet used per local day (Europe/Paris) over [from, to]. */
    public record FindCabinetConsumption(String cabinetId, LocalDate from, LocalDate to) {
        public FindCabinetConsumption {
            InvalidValue.requireNonNull(from, "from");
            InvalidValue.requireNonNull(to, "to");
            InvalidValue.require(!to.isBefore(from), "to", "must not be before from");
            InvalidValue.require(from.plusDays(366).isAfter(to), "to", "a query covers at most 366 days");
        }
    }

    public record DailyConsumption(LocalDate day, double kwh) {
    }

    public record CabinetConsumption(String cabinetId, Commune commune, List<DailyConsumption> days) {
    }

    /** One import's progress and a page of its row errors. */
    public record FindInventoryImport(String importId, PageRequest errors) {
    }

    /** Imports the read model still shows running, so that those whose node stopped can be ended. */
    public record FindRunningInventoryImports(int limit) {
        public FindRunningInventoryImports {
            InvalidValue.require(limit > 0, "limit", "must be positive");
        }
    }

    public record RunningInventoryImports(List<String> importIds) {
        public RunningInventoryImports {
            importIds = List.copyOf(importIds);
        }
    }

    public record InventoryImportView(String importId, String status, ImportFormat format, String fileName,
                                      int totalRows, int processedRows, int registeredRows, int unchangedRows,
                                      int rejectedRows, Instant startedAt, Instant finishedAt, String abandonReason,
                                      List<ImportRowError> errors, int errorsPage, int errorsPageSize) {
    }
}
