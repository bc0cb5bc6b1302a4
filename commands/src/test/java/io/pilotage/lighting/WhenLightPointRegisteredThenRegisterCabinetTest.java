package io.pilotage.lighting;

import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Commune;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotage.lighting.CabinetCommands.RegisterCabinet;
import io.pilotage.shared.MetadataKeys;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.utils.RecordingCommandBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

class WhenLightPointRegisteredThenRegisterCabinetTest {

    @Test
    void givenLightPointRegistered_whenPolicyRuns_thenItRegistersItsCabinetAsThePolicy() {
        RecordingCommandBus bus = new RecordingCommandBus();
        DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();

        new WhenLightPointRegisteredThenRegisterCabinet().on(LightPointTest.REGISTERED, gateway);

        assertThat(bus.getDispatchedCommands()).hasSize(1);
        CommandMessage<?> sent = bus.getDispatchedCommands().get(0);
        assertThat(sent.getPayload()).isEqualTo(new RegisterCabinet(new CabinetId("CAB-DIJ-001"), Commune.DIJON,
                LightPointTest.T0));
        assertThat(sent.getMetaData()).containsEntry(MetadataKeys.CHANNEL, "policy")
                .containsEntry(MetadataKeys.ACTOR_ROLE, "SYSTEM");
    }

    @Test
    void givenACabinetAlreadyRegisteredByThisPolicy_whenAnotherPointNamesIt_thenNoCommand() {
        RecordingCommandBus bus = new RecordingCommandBus();
        DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
        WhenLightPointRegisteredThenRegisterCabinet policy = new WhenLightPointRegisteredThenRegisterCabinet();

        policy.on(LightPointTest.REGISTERED, gateway);
        policy.on(new LightPointEvent.LightPointRegistered(new LightPointId("LP-DIJ-000043"), Commune.DIJON,
                new GeoPosition(47.32, 5.04), new CabinetId("CAB-DIJ-001"), 40, 150, LampTechnology.LED,
                LightPointTest.T0), gateway);

        assertThat(bus.getDispatchedCommands()).hasSize(1);
    }

    /** Points of one batch naming the same cabinet register it once; after the batch commits, never again. */
    @Test
    void givenABatchNamingACabinetTwice_thenOneCommand_andNoneAfterTheBatchCommitted() {
        RecordingCommandBus bus = new RecordingCommandBus();
        DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
        WhenLightPointRegisteredThenRegisterCabinet policy = new WhenLightPointRegisteredThenRegisterCabinet();

        inBatch(() -> {
            policy.on(LightPointTest.REGISTERED, gateway);
            policy.on(anotherPointOfTheSameCabinet(), gateway);
        }).commit();
        inBatch(() -> policy.on(anotherPointOfTheSameCabinet(), gateway)).commit();

        assertThat(bus.getDispatchedCommands()).hasSize(1);
    }

    /**
     * A batch that rolls back takes its cabinet registrations with it: the next batch naming the cabinet registers it
     * again, instead of trusting a registration that was never stored.
     */
    @Test
    void givenABatchThatRolledBack_whenTheRetriedBatchNamesTheCabinet_thenItIsRegisteredAgain() {
        RecordingCommandBus bus = new RecordingCommandBus();
        DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
        WhenLightPointRegisteredThenRegisterCabinet policy = new WhenLightPointRegisteredThenRegisterCabinet();

        inBatch(() -> policy.on(LightPointTest.REGISTERED, gateway)).rollback();
        inBatch(() -> policy.on(LightPointTest.REGISTERED, gateway)).commit();

        assertThat(bus.getDispatchedCommands()).hasSize(2);
    }

    /**
     * While one segment's registration of a cabinet is in flight, another segment's point naming it sends nothing:
     * two registrations at once waited on each other's cabinet locks.
     */
    @Test
    void givenARegistrationInFlight_whenAnotherSegmentNamesTheCabinet_thenNoSecondCommand() {
        RecordingCommandBus bus = new RecordingCommandBus();
        DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
        WhenLightPointRegisteredThenRegisterCabinet policy = new WhenLightPointRegisteredThenRegisterCabinet();
        bus.setCallbackBehavior((command, metaData) -> {
            if (bus.getDispatchedCommands().size() == 1) {
                policy.on(anotherPointOfTheSameCabinet(), gateway);
            }
            return null;
        });

        policy.on(LightPointTest.REGISTERED, gateway);

        assertThat(bus.getDispatchedCommands()).hasSize(1);
    }

    /**
     * Forgetting the registered cabinets, when there are too many to remember, keeps the claims still in flight: a
     * segment whose batch still holds a cabinet's lock keeps it claimed, and another segment's point naming that
     * cabinet sends nothing, however many other cabinets were registered meanwhile.
     */
    @Test
    void givenARegistrationInFlight_whenTheRememberedCabinetsAreForgotten_thenAnotherSegmentStillSendsNothingForIt() {
        RecordingCommandBus bus = new RecordingCommandBus();
        DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
        WhenLightPointRegisteredThenRegisterCabinet policy = new WhenLightPointRegisteredThenRegisterCabinet(2);
        bus.setCallbackBehavior((command, metaData) -> {
            if (bus.getDispatchedCommands().size() == 1) {
                for (int n = 2; n <= 4; n++) {
                    policy.on(pointOfCabinet("CAB-DIJ-00" + n), gateway);
                }
                policy.on(anotherPointOfTheSameCabinet(), gateway);
            }
            return null;
        });

        inBatch(() -> policy.on(LightPointTest.REGISTERED, gateway)).commit();

        assertThat(bus.getDispatchedCommands()).extracting(sent -> ((RegisterCabinet) sent.getPayload()).cabinetId().value())
                .containsExactly("CAB-DIJ-001", "CAB-DIJ-002", "CAB-DIJ-003", "CAB-DIJ-004");
    }

    /** A registration that failed is not remembered: the next point naming the cabinet registers it. */
    @Test
    void givenARegistrationThatFailed_whenAnotherPointNamesTheCabinet_thenItIsRegisteredAgain() {
        RecordingCommandBus bus = new RecordingCommandBus();
        DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
        WhenLightPointRegisteredThenRegisterCabinet policy = new WhenLightPointRegisteredThenRegisterCabinet();
        bus.setCallbackBehavior((command, metaData) -> {
            if (bus.getDispatchedCommands().size() == 1) {
                throw new IllegalStateException("lock refused");
            }
            return null;
        });

        assertThatThrownBy(() -> policy.on(LightPointTest.REGISTERED, gateway)).hasMessage("lock refused");
        policy.on(anotherPointOfTheSameCabinet(), gateway);

        assertThat(bus.getDispatchedCommands()).hasSize(2);
    }

    private static LightPointEvent.LightPointRegistered pointOfCabinet(String cabinet) {
        return new LightPointEvent.LightPointRegistered(new LightPointId("LP-" + cabinet), Commune.DIJON,
                new GeoPosition(47.32, 5.04), new CabinetId(cabinet), 40, 150, LampTechnology.LED, LightPointTest.T0);
    }

    private static LightPointEvent.LightPointRegistered anotherPointOfTheSameCabinet() {
        return new LightPointEvent.LightPointRegistered(new LightPointId("LP-DIJ-000043"), Commune.DIJON,
                new GeoPosition(47.32, 5.04), new CabinetId("CAB-DIJ-001"), 40, 150, LampTechnology.LED, LightPointTest.T0);
    }

    /** A processor's batch, started, with {@code handling} done inside it; the caller commits or rolls it back. */
    private static UnitOfWork<?> inBatch(Runnable handling) {
        BatchingUnitOfWork<?> batch = new BatchingUnitOfWork<>(GenericEventMessage.asEventMessage("a batch"));
        batch.start();
        try {
            handling.run();
        } catch (RuntimeException | Error failure) {
            batch.rollback();
            throw failure;
        }
        return batch;
    }
}
