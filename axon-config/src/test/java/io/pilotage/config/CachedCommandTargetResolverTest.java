package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pilotage.TestCommands;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The cached resolver answers every command exactly as Axon's own resolver does, errors included. */
class CachedCommandTargetResolverTest {

    record OnAComponent(@TargetAggregateIdentifier String id, @TargetAggregateVersion Long version) {
    }

    static class OnAPrivateField {
        @TargetAggregateIdentifier
        private final Object id;
        @TargetAggregateVersion
        private final String version;

        OnAPrivateField(Object id, String version) {
            this.id = id;
            this.version = version;
        }
    }

    static class OnAMethod {
        private final int number;

        OnAMethod(int number) {
            this.number = number;
        }

        @TargetAggregateIdentifier
        String target() {
            return "point-" + number;
        }

        @TargetAggregateVersion
        int expected() {
            return number;
        }
    }

    static class Inherited extends OnAPrivateField {
        Inherited(Object id) {
            super(id, null);
        }
    }

    static class Throwing {
        @TargetAggregateIdentifier
        String id() {
            throw new IllegalStateException("no id today");
        }
    }

    record Unaddressed(String id) {
    }

    /** An annotated method and an annotated field giving different values: the method wins, in both resolvers. */
    static class MethodAndField {
        @TargetAggregateIdentifier
        private final String field = "from-the-field";

        @TargetAggregateIdentifier
        String method() {
            return "from-the-method";
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD})
    @TargetAggregateIdentifier
    @interface PointId {
    }

    /** The annotation may sit on another annotation. */
    record MetaAnnotated(@PointId String point) {
    }

    static Stream<Object> payloads() {
        return Stream.of(new OnAComponent("a-1", 3L), new OnAComponent("a-2", null), new OnAPrivateField("b-1", "7"),
                new OnAPrivateField(42, null), new OnAMethod(5), new Inherited("c-1"),
                new MethodAndField(), new MetaAnnotated("e-1"),
                TestCommands.registerLightPoint("LP-000001", "CAB-0001", Instant.parse("2026-12-02T06:00:00Z")),
                // errors: no identifier value, a version that is no number, an accessor that throws, no annotation
                new OnAComponent(null, 1L), new OnAPrivateField("b-2", "seven"), new Throwing(), new Unaddressed("d-1"));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void answersAsAxonsResolverDoesTwiceOver(Object payload) {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage(payload);
        AnnotationCommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();
        CachedCommandTargetResolver cached = new CachedCommandTargetResolver();

        Object expected = answer(() -> axon.resolveTarget(command));
        for (int time : List.of(1, 2)) {
            Object actual = answer(() -> cached.resolveTarget(command));
            assertThat(actual).as("answer %d", time).isEqualTo(expected);
        }
        assertThat(cached.resolvedTypes()).containsExactly(payload.getClass());
    }

    private static Object answer(java.util.function.Supplier<Object> resolve) {
        Throwable thrown = catchThrowable(resolve::get);
        if (thrown == null) {
            return resolve.get();
        }
        return List.of(thrown.getClass(), String.valueOf(thrown.getMessage()),
                thrown.getCause() == null ? "no cause" : thrown.getCause().getClass());
    }
}
