package io.pilotage.contract;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.pilotage.contract.AdjustedBaseline.Adjustment;
import io.pilotage.contract.AdjustedBaseline.Version;
import io.pilotage.contract.EnergyBaselineCommands.AdjustEnergyBaseline;
import io.pilotage.contract.EnergyBaselineCommands.AgreeEnergyBaseline;
import io.pilotage.contract.EnergyBaselineEvent.EnergyBaselineAdjusted;
import io.pilotage.contract.EnergyBaselineEvent.EnergyBaselineAgreed;
import io.pilotage.contract.EnergyRules.AdjustedBaselineCannotBeNegative;
import io.pilotage.contract.EnergyRules.AdjustmentNeedsABaselineInForce;
import io.pilotage.contract.EnergyRules.BaselineNeedsAKnownCabinet;
import io.pilotage.contract.EnergyRules.BaselineVersionsTakeEffectInOrder;
import io.pilotage.shared.RuleViolation;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One cabinet's energy baseline as the parties agreed it: its versions and its non-routine adjustments. A
 * stream of its own ({@code baseline:<cabinetId>}) rather than the cabinet's, because it is the contract's fact,
 * agreed by contract managers, while the cabinet's stream is the meter's; the cabinet it names must exist.
 */
@Aggregate
public class EnergyBaseline {

    @AggregateIdentifier
    private String baselineId;
    private final List<Version> versions = new ArrayList<>();
    private final List<Adjustment> adjustments = new ArrayList<>();

    protected EnergyBaseline() {
    }

    /**
     * Agrees a version. A version takes effect no earlier than the current one (one of the same month replaces it);
     * the same figures agreed again change nothing.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(AgreeEnergyBaseline command, KnownCabinets cabinets) {
        if (baselineId == null && !cabinets.exists(command.cabinetId())) {
            throw new RuleViolation(new BaselineNeedsAKnownCabinet(command.cabinetId()));
        }
        Version latest = versions.stream().max(Comparator.comparing(Version::effectiveFrom)
                .thenComparingInt(Version::version)).orElse(null);
        if (latest != null) {
            if (command.effectiveFrom().isBefore(latest.effectiveFrom())) {
                throw new RuleViolation(new BaselineVersionsTakeEffectInOrder(latest.effectiveFrom().toString()));
            }
            boolean same = latest.method() == command.method() && latest.effectiveFrom().equals(command.effectiveFrom())
                    && latest.burningHours().equals(command.monthlyBurningHours())
                    && Objects.equals(latest.legacyPowerW(), command.legacyPowerW())
                    && Objects.equals(latest.referenceMonthlyWh(), command.referenceMonthlyWh());
            if (same) {
                return false;
            }
        }
        apply(new EnergyBaselineAgreed(command.cabinetId(), versions.size() + 1, command.method(), command.effectiveFrom(),
                command.monthlyBurningHours(), command.legacyPowerW(), command.referenceMonthlyWh(), command.reason(),
                command.at()));
        return true;
    }

    /**
     * Records an adjustment in force from its month; a baseline must be in force then, and the adjusted baseline
     * must stay at or above zero for the twelve months after every effective month it touches.
     */
    @CommandHandler
    public boolean handle(AdjustEnergyBaseline command) {
        if (AdjustedBaseline.versionAt(versions, command.effectiveFrom()).isEmpty()) {
            throw new RuleViolation(new AdjustmentNeedsABaselineInForce());
        }
        Adjustment adjustment = new Adjustment(adjustments.size() + 1, command.effectiveFrom(), command.kind(),
                command.powerDeltaW(), command.monthlyBurningHours());
        List<Adjustment> after = new ArrayList<>(adjustments);
        after.add(adjustment);
        YearMonth last = after.stream().map(Adjustment::effectiveFrom).max(Comparator.naturalOrder()).orElseThrow()
                .plusMonths(11);
        for (YearMonth month = command.effectiveFrom(); !month.isAfter(last); month = month.plusMonths(1)) {
            OptionalLong wh = AdjustedBaseline.monthWh(versions, after, month);
            if (wh.isPresent() && wh.getAsLong() < 0) {
                throw new RuleViolation(new AdjustedBaselineCannotBeNegative(month.toString()));
            }
        }
        apply(new EnergyBaselineAdjusted(command.cabinetId(), adjustment.adjustment(), command.effectiveFrom(),
                command.kind(), command.powerDeltaW(), command.monthlyBurningHours(), command.reason(), command.at()));
        return true;
    }

    @EventSourcingHandler
    void on(EnergyBaselineAgreed event) {
        baselineId = EnergyBaselineCommands.baselineId(event.cabinetId());
        versions.add(new Version(event.version(), event.method(), event.effectiveFrom(), event.monthlyBurningHours(),
                event.legacyPowerW(), event.referenceMonthlyWh()));
    }

    @EventSourcingHandler
    void on(EnergyBaselineAdjusted event) {
        adjustments.add(new Adjustment(event.adjustment(), event.effectiveFrom(), event.kind(), event.powerDeltaW(),
                event.monthlyBurningHours()));
    }
}
