package io.pilotage.interventions;

import io.pilotage.contract.ContractTermsInForce;
import io.pilotage.contract.TermsVersion;
import io.pilotage.interventions.InterventionCommands.AttachFault;
import io.pilotage.interventions.InterventionCommands.OpenIntervention;
import io.pilotage.interventions.InterventionCommands.QualifyIntervention;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.PolicyCommands;
import io.pilotage.traffic.ControllerFaultKind;
import io.pilotage.traffic.IntersectionEvent.ConflictingGreensDetected;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultRaised;
import io.pilotage.traffic.IntersectionEvent.ControllerModeChanged;
import io.pilotage.traffic.IntersectionId;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A signal controller's alarms become work (domain.md's priorities): conflicting greens and a controller gone dark
 * or flashing leave an intersection unsafe, a P1; a fault of one signal group is a P2. Other faults are shown to the
 * operators and open work only through the mode they cause. The intersection is the asset: an alarm on an
 * intersection that already has open work is attached to it, and a P1 alarm raises that work to P1 (a qualification
 * that changes nothing when it is P1 already). Each alarm's reference, and so its intervention's id, derives from the
 * event (a controller's fault id with the instant it was raised, since controllers reuse them), so a redelivered
 * event finds its intervention open and opens nothing.
 */
@Component
@ProcessingGroup(WhenTrafficAlarmRaisedThenOpenIntervention.PROCESSING_GROUP)
public class WhenTrafficAlarmRaisedThenOpenIntervention {

    public static final String PROCESSING_GROUP = "interventions-from-traffic-alarms";

    @EventHandler
    @DisallowReplay
    void on(ConflictingGreensDetected event, CommandGateway commands, ContractTermsInForce contract) {
        open(event.intersectionId(), "CG-" + event.firstGroup() + "-" + event.secondGroup() + "-" + event.at().toEpochMilli(),
                Priority.P1, event.commune(), event.position(), event.at(), commands, contract);
    }

    @EventHandler
    @DisallowReplay
    void on(ControllerModeChanged event, CommandGateway commands, ContractTermsInForce contract) {
        if (event.to().leavesIntersectionUncontrolled()) {
            open(event.intersectionId(), "MODE-" + event.to() + "-" + event.at().toEpochMilli(), Priority.P1, event.commune(),
                    event.position(), event.at(), commands, contract);
        }
    }

    @EventHandler
    @DisallowReplay
    void on(ControllerFaultRaised event, CommandGateway commands, ContractTermsInForce contract) {
        if (event.kind() == ControllerFaultKind.SIGNAL_GROUP) {
            open(event.intersectionId(), "FAULT-" + event.faultId() + "-" + event.at().toEpochMilli(), Priority.P2,
                    event.commune(), event.position(), event.at(), commands, contract);
        }
    }

    /**
     * {@code alarm} names the alarm within its intersection; the fault reference and the intervention id carry both.
     * Ids are at most 64 characters: a reference that would be longer keeps its start and a digest of the whole.
     */
    static String faultRef(IntersectionId intersection, String alarm) {
        String ref = intersection.value() + ":" + alarm;
        if (ref.length() <= 56) {
            return ref;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(ref.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return ref.substring(0, 39) + "." + java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static String interventionIdFor(IntersectionId intersection, String alarm) {
        return "INT-" + faultRef(intersection, alarm);
    }

    private void open(IntersectionId intersection, String alarm, Priority priority, Commune commune, GeoPosition position,
                      Instant at, CommandGateway commands, ContractTermsInForce contract) {
        String faultRef = faultRef(intersection, alarm);
        String interventionId = interventionIdFor(intersection, alarm);
        TermsVersion terms = contract.at(at);
        OpenIntervention open = new OpenIntervention(interventionId, InterventionSource.TRAFFIC_CONTROLLER_FAULT, faultRef,
                intersection.value(), Category.TRAFFIC_SIGNAL, commune, position, priority, terms.terms().deadlinesFor(priority),
                terms.version(), at);
        String covering = CoveringInterventions.openOrFindCovering(commands, open, getClass());
        if (!covering.equals(interventionId)) {
            PolicyCommands.send(commands, new AttachFault(covering, intersection.value(), faultRef, at), getClass());
            if (priority == Priority.P1) {
                PolicyCommands.send(commands, new QualifyIntervention(covering, Priority.P1, Category.TRAFFIC_SIGNAL,
                        "traffic alarm " + faultRef, at), getClass());
            }
        }
    }
}
