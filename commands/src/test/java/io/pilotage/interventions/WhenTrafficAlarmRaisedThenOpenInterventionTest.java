package io.pilotage.interventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.contract.ContractTermsInForce;
import io.pilotage.contract.Terms;
import io.pilotage.contract.TermsVersion;
import io.pilotage.interventions.InterventionCommands.AttachFault;
import io.pilotage.interventions.InterventionCommands.OpenIntervention;
import io.pilotage.interventions.InterventionCommands.QualifyIntervention;
import io.pilotage.interventions.InterventionCommands.RequestIntervention;
import io.pilotage.interventions.InterventionRules.OneOpenInterventionPerAsset;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Identifiers;
import io.pilotage.shared.RuleViolation;
import io.pilotage.traffic.ControllerFaultKind;
import io.pilotage.traffic.ControllerMode;
import io.pilotage.traffic.IntersectionEvent.ConflictingGreensDetected;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultRaised;
import io.pilotage.traffic.IntersectionEvent.ControllerModeChanged;
import io.pilotage.traffic.IntersectionId;
import io.pilotage.traffic.MovementPhaseState;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.Test;

class WhenTrafficAlarmRaisedThenOpenInterventionTest {

    static final IntersectionId ID = new IntersectionId("TL-DIJ-042");
    static final GeoPosition POSITION = new GeoPosition(47.3220, 5.0410);
    static final Instant T0 = Instant.parse("2026-11-30T16:42:05Z");
    static final TermsVersion TERMS = new TermsVersion(1, Instant.parse("2020-01-01T00:00:00Z"), Terms.REFERENCE, "signed",
            Instant.parse("2020-01-01T00:00:00Z"));
    static final ContractTermsInForce CONTRACT = new ContractTermsInForce() {
        @Override
        public TermsVersion at(Instant at) {
            return TERMS;
        }

        @Override
        public TermsVersion version(int version) {
            return TERMS;
        }
    };

    private final RecordingCommandBus bus = new RecordingCommandBus();
    private final DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    private final WhenTrafficAlarmRaisedThenOpenIntervention policy = new WhenTrafficAlarmRaisedThenOpenIntervention();

    private List<Object> sent() {
        return bus.getDispatchedCommands().stream().map(CommandMessage::getPayload).map(Object.class::cast).toList();
    }

    private static OpenIntervention opening(String alarm, Priority priority) {
        String ref = "TL-DIJ-042:" + alarm;
        return new OpenIntervention("INT-" + ref, InterventionSource.TRAFFIC_CONTROLLER_FAULT, ref, "TL-DIJ-042",
                Category.TRAFFIC_SIGNAL, Commune.DIJON, POSITION, priority, Terms.REFERENCE.deadlinesFor(priority), 1, T0);
    }

    @Test
    void givenConflictingGreens_whenThePolicyRuns_thenAP1TrafficInterventionOnTheIntersection() {
        bus.setCallbackBehavior((command, metaData) -> ((RequestIntervention) command).opening().interventionId());

        policy.on(new ConflictingGreensDetected(ID, 1, 3, MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED,
                MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED, Commune.DIJON, POSITION, T0), gateway, CONTRACT);

        assertThat(sent()).containsExactly(new RequestIntervention(opening("CG-1-3-" + T0.toEpochMilli(), Priority.P1)));
    }

    @Test
    void givenAControllerGoneFlashingOrDark_thenP1_andBackToNormalOrManual_thenNothing() {
        bus.setCallbackBehavior((command, metaData) -> ((RequestIntervention) command).opening().interventionId());

        policy.on(new ControllerModeChanged(ID, ControllerMode.NORMAL, ControllerMode.FLASHING, Commune.DIJON, POSITION, T0),
                gateway, CONTRACT);
        policy.on(new ControllerModeChanged(ID, ControllerMode.FLASHING, ControllerMode.NORMAL, Commune.DIJON, POSITION, T0),
                gateway, CONTRACT);
        policy.on(new ControllerModeChanged(ID, ControllerMode.NORMAL, ControllerMode.MANUAL, Commune.DIJON, POSITION, T0),
                gateway, CONTRACT);

        assertThat(sent()).containsExactly(new RequestIntervention(opening("MODE-FLASHING-" + T0.toEpochMilli(), Priority.P1)));
    }

    @Test
    void givenASignalGroupFault_thenP2_andAnotherKindOfFault_thenNothing() {
        bus.setCallbackBehavior((command, metaData) -> ((RequestIntervention) command).opening().interventionId());

        policy.on(new ControllerFaultRaised(ID, "F-17", ControllerFaultKind.SIGNAL_GROUP, 3, "red lamp out", Commune.DIJON,
                POSITION, T0), gateway, CONTRACT);
        policy.on(new ControllerFaultRaised(ID, "F-18", ControllerFaultKind.DETECTOR, null, "loop 4", Commune.DIJON,
                POSITION, T0), gateway, CONTRACT);

        assertThat(sent()).containsExactly(new RequestIntervention(opening("FAULT-F-17-" + T0.toEpochMilli(), Priority.P2)));
    }

    @Test
    void givenAnInterventionAlreadyOpenOnTheIntersection_thenTheAlarmIsAttachedToIt_andAP1AlarmRaisesItToP1() {
        bus.setCallbackBehavior((command, metaData) -> {
            if (command instanceof RequestIntervention) {
                throw new RuleViolation(new OneOpenInterventionPerAsset("INT-EARLIER"));
            }
            return null;
        });

        policy.on(new ControllerFaultRaised(ID, "F-17", ControllerFaultKind.SIGNAL_GROUP, 3, "red lamp out", Commune.DIJON,
                POSITION, T0), gateway, CONTRACT);
        policy.on(new ControllerModeChanged(ID, ControllerMode.NORMAL, ControllerMode.DARK, Commune.DIJON, POSITION, T0),
                gateway, CONTRACT);

        String fault = "TL-DIJ-042:FAULT-F-17-" + T0.toEpochMilli();
        String dark = "TL-DIJ-042:MODE-DARK-" + T0.toEpochMilli();
        assertThat(sent()).containsExactly(new RequestIntervention(opening("FAULT-F-17-" + T0.toEpochMilli(), Priority.P2)),
                new AttachFault("INT-EARLIER", "TL-DIJ-042", fault, T0),
                new RequestIntervention(opening("MODE-DARK-" + T0.toEpochMilli(), Priority.P1)),
                new AttachFault("INT-EARLIER", "TL-DIJ-042", dark, T0),
                new QualifyIntervention("INT-EARLIER", Priority.P1, Category.TRAFFIC_SIGNAL, "traffic alarm " + dark, T0));
    }

    @Test
    void aLongIntersectionIdStillGivesValidIds() {
        IntersectionId longest = new IntersectionId("X".repeat(64));
        String alarm = "MODE-FLASHING-" + T0.toEpochMilli();
        assertThat(Identifiers.valid(WhenTrafficAlarmRaisedThenOpenIntervention.interventionIdFor(longest, alarm))).isTrue();
        assertThat(WhenTrafficAlarmRaisedThenOpenIntervention.faultRef(longest, alarm))
                .isNotEqualTo(WhenTrafficAlarmRaisedThenOpenIntervention.faultRef(longest, "MODE-DARK-" + T0.toEpochMilli()));
    }
}
