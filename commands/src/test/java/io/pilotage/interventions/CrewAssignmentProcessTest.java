package io.pilotage.interventions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotage.crews.Crew;
import io.pilotage.crews.CrewCommands.PlanShift;
import io.pilotage.crews.CrewCommands.RegisterCrew;
import io.pilotage.interventions.InterventionCommands.AssignCrew;
import io.pilotage.interventions.InterventionCommands.CancelIntervention;
import io.pilotage.interventions.InterventionCommands.OpenIntervention;
import io.pilotage.interventions.InterventionCommands.RecordCrewAssignment;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.RuleViolation;
import io.pilotage.shared.Skill;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The assignment's rules and their order, on Axon's own buses and an in-memory store, without Spring and
 * without a shared database transaction: what holds here holds on the Axon Server path too.
 */
class CrewAssignmentProcessTest {

    static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");

    private Configuration axon;
    private CommandGateway commands;
    private final List<String> dispatched = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Intervention.class)
                .configureAggregate(Crew.class)
                .registerCommandHandler(c -> new CrewAssignmentProcess())
                .registerComponent(Clock.class, c -> Clock.fixed(T0, ZoneOffset.UTC))
                .buildConfiguration();
        axon.start();
        axon.commandBus().registerDispatchInterceptor(messages -> (index, message) -> {
            dispatched.add(message.getPayloadType().getSimpleName());
            return message;
        });
        commands = axon.commandGateway();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    private String crewOnShift(String crewId, Skill skill) {
        commands.sendAndWait(new RegisterCrew(crewId, Set.of(skill), "VAN-" + crewId, T0));
        commands.sendAndWait(new PlanShift(crewId, T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofHours(8))));
        return crewId;
    }

    private String open(String interventionId, Category category) {
        commands.sendAndWait(new OpenIntervention(interventionId, InterventionSource.PATROL, null, "ASSET-" + interventionId,
                category, Commune.DIJON, new GeoPosition(47.32, 5.04), Priority.P3,
                new ContractDeadlines(null, Duration.ofHours(72)), 1, T0));
        return interventionId;
    }

    private List<String> eventsOf(String aggregateId) {
        return axon.eventStore().readEvents(aggregateId).asStream()
                .map(EventMessage::getPayloadType).map(Class::getSimpleName).toList();
    }

    private void assign(String interventionId, String crewId) {
        commands.sendAndWait(new AssignCrew(interventionId, crewId, false, T0.plusSeconds(60)));
    }

    @Test
    void givenAFreeCrew_whenAssigned_thenTheCrewCommitsAndTheInterventionRecordsIt() {
        String crew = crewOnShift("CREW-1", Skill.LIGHTING);
        String intervention = open("INT-1", Category.LIGHTING);

        assign(intervention, crew);

        assertThat(eventsOf(crew)).endsWith("CrewCommitted");
        assertThat(eventsOf(intervention)).endsWith("CrewAssigned");
    }

    @Test
    void givenACancelledInterventionAndACrewOffShift_whenAssigned_thenTheInterventionsRuleAnswers_andTheCrewIsNotAsked() {
        commands.sendAndWait(new RegisterCrew("CREW-OFF", Set.of(Skill.LIGHTING), "VAN-OFF", T0));
        String intervention = open("INT-2", Category.LIGHTING);
        commands.sendAndWait(new CancelIntervention(intervention, "reported twice", T0));
        dispatched.clear();

        assertThatThrownBy(() -> assign(intervention, "CREW-OFF")).isInstanceOf(RuleViolation.class)
                .hasMessageStartingWith("InterventionMustBeActive");
        assertThat(dispatched).containsExactly("AssignCrew", "PrepareCrewAssignment");
        assertThat(eventsOf("CREW-OFF")).containsExactly("CrewRegistered");
    }

    @Test
    void givenACrewAlreadyCommitted_whenAssignedToAnotherIntervention_thenCrewMustBeFree_andThatInterventionHasNoCrew() {
        String crew = crewOnShift("CREW-3", Skill.ROADWORKS);
        String first = open("INT-3A", Category.ROADWORKS);
        String second = open("INT-3B", Category.ROADWORKS);
        assign(first, crew);

        assertThatThrownBy(() -> assign(second, crew)).isInstanceOf(RuleViolation.class)
                .hasMessageStartingWith("CrewMustBeFree");
        assertThat(eventsOf(second)).containsExactly("InterventionOpened");
        assertThat(eventsOf(crew)).filteredOn("CrewCommitted"::equals).hasSize(1);
    }

    @Test
    void givenAnAssignedIntervention_whenAnotherCrewIsAssigned_thenTheFirstCrewIsReleased() {
        String firstCrew = crewOnShift("CREW-4A", Skill.LIGHTING);
        String secondCrew = crewOnShift("CREW-4B", Skill.LIGHTING);
        String intervention = open("INT-4", Category.LIGHTING);
        assign(intervention, firstCrew);

        assign(intervention, secondCrew);

        assertThat(eventsOf(firstCrew)).endsWith("CrewCommitted", "CrewReleased");
        assertThat(eventsOf(secondCrew)).endsWith("CrewCommitted");
        assertThat(eventsOf(intervention)).containsExactly("InterventionOpened", "CrewAssigned", "CrewAssigned");
    }

    /** The intervention moves on between the crew's commitment and its own record: the crew is released again. */
    @Test
    void givenAnInterventionCancelledBetweenTheSteps_whenAssigned_thenTheCommittedCrewIsReleased_andTheRefusalAnswers() {
        String crew = crewOnShift("CREW-5", Skill.LIGHTING);
        String intervention = open("INT-5", Category.LIGHTING);
        axon.commandBus().registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof RecordCrewAssignment record
                    && record.interventionId().equals(intervention)) {
                commands.sendAndWait(new CancelIntervention(intervention, "cancelled meanwhile", T0));
            }
            return chain.proceed();
        });
        dispatched.clear();

        assertThatThrownBy(() -> assign(intervention, crew)).isInstanceOf(RuleViolation.class)
                .hasMessageStartingWith("InterventionMustBeActive");
        assertThat(dispatched).containsExactly("AssignCrew", "PrepareCrewAssignment", "CommitCrew",
                "RecordCrewAssignment", "CancelIntervention", "ReleaseCrew");
    }
}
