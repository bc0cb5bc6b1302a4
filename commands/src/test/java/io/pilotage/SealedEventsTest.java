package io.pilotage;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.crews.Crew;
import io.pilotage.interventions.Intervention;
import io.pilotage.lighting.Cabinet;
import io.pilotage.lighting.InventoryImport;
import io.pilotage.lighting.LightPoint;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Java 17 has no exhaustive pattern switch, so this test is what makes {@code sealed} mean something: every
 * event an aggregate's sealed interface permits is sourced by an {@code @EventSourcingHandler} of that
 * aggregate, taking exactly that event type, and carries a {@link Revision}. An event added to the interface
 * without its handler would be stored and then ignored on every reload, so the aggregate would decide on
 * state that forgot it.
 *
 * <p>Each aggregate {@code X} in {@code commands} sources the events of the sealed interface {@code XEvent} of
 * its package; aggregates are found, not listed, so a new context is checked from its first aggregate.
 */
class SealedEventsTest {

    /**
     * Events that change no state any decision reads, so their aggregate has no handler for them, each with
     * the reason. Today every event changes decision state.
     */
    static final Map<Class<?>, String> CHANGE_NO_DECISION_STATE = Map.of();

    @Test
    void everyAggregateIsFoundAndSourcesASealedInterface() throws Exception {
        assertThat(aggregates()).contains(LightPoint.class, Cabinet.class, InventoryImport.class, Intervention.class,
                Crew.class, io.pilotage.traffic.Intersection.class, io.pilotage.traffic.PriorityRequest.class);
        assertThat(aggregates()).allSatisfy(aggregate -> assertThat(events(aggregate).isSealed())
                .as("%s is sealed", events(aggregate).getName()).isTrue());
    }

    @TestFactory
    Stream<DynamicTest> everyPermittedEventIsSourcedByItsAggregateAndHasARevision() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> aggregate : aggregates()) {
            for (Class<?> event : events(aggregate).getPermittedSubclasses()) {
                tests.add(DynamicTest.dynamicTest(aggregate.getSimpleName() + " sources " + event.getSimpleName(), () -> {
                    assertThat(event.getAnnotation(Revision.class)).as("@Revision on %s", event.getName()).isNotNull();
                    if (CHANGE_NO_DECISION_STATE.containsKey(event)) {
                        assertThat(handles(aggregate, event))
                                .as("%s has a handler for %s, listed as changing no decision state: drop it from the list",
                                        aggregate.getSimpleName(), event.getSimpleName())
                                .isFalse();
                    } else {
                        assertThat(handles(aggregate, event))
                                .as("%s has an @EventSourcingHandler taking %s (or the event is listed, with its reason, "
                                        + "in CHANGE_NO_DECISION_STATE)", aggregate.getSimpleName(), event.getName())
                                .isTrue();
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void everyEventListedAsChangingNoDecisionStateIsStillAnAggregatesEvent() throws Exception {
        List<Class<?>> permitted = new ArrayList<>();
        for (Class<?> aggregate : aggregates()) {
            permitted.addAll(Arrays.asList(events(aggregate).getPermittedSubclasses()));
        }
        assertThat(permitted).containsAll(CHANGE_NO_DECISION_STATE.keySet());
        assertThat(CHANGE_NO_DECISION_STATE.values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
    }

    private static boolean handles(Class<?> aggregate, Class<?> event) {
        for (Class<?> type = aggregate; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(EventSourcingHandler.class) && method.getParameterCount() > 0
                        && method.getParameterTypes()[0] == event) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Class<?> events(Class<?> aggregate) throws ClassNotFoundException {
        return Class.forName(aggregate.getName() + "Event", false, SealedEventsTest.class.getClassLoader());
    }

    private static List<Class<?>> aggregates() throws Exception {
        Path classes = Path.of(LightPoint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, SealedEventsTest.class.getClassLoader());
                if (type.isAnnotationPresent(Aggregate.class)) {
                    found.add(type);
                }
            }
        }
        found.sort(Comparator.comparing(Class::getName));
        return found;
    }
}
