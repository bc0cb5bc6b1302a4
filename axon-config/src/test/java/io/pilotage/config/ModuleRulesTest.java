package io.pilotage.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house style's module rules, enforced: domain depends on the JDK and Axon's annotations only;
 * commands and projections never meet but through domain; adapters touch neither aggregates nor
 * read-model tables; one context's domain and command classes never import another context's, except
 * policies and processes, which meet other contexts through their messages (domain) only, and the contract:
 * its terms are what every context is held to and its KPIs are made of every context's facts, so the contract's
 * domain types may be used by any context and may name any context's domain types.
 */
class ModuleRulesTest {

    private static JavaClasses domain;
    private static JavaClasses commands;
    private static JavaClasses projections;
    private static JavaClasses adapters;

    @BeforeAll
    static void importModules() {
        domain = module("domain");
        commands = module("commands");
        projections = module("projections");
        adapters = module("adapters");
        org.assertj.core.api.Assertions.assertThat(domain.contain("io.pilotage.lighting.LightPointId")).isTrue();
        org.assertj.core.api.Assertions.assertThat(commands.contain("io.pilotage.lighting.LightPoint")).isTrue();
        org.assertj.core.api.Assertions.assertThat(projections.contain(
                "io.pilotage.lighting.status.LightPointStatusProjection")).isTrue();
        org.assertj.core.api.Assertions.assertThat(adapters.contain("io.pilotage.lighting.LightingController")).isTrue();
        org.assertj.core.api.Assertions.assertThat(domain.contain("io.pilotage.lighting.LightPoint")).isFalse();
    }

    private static JavaClasses module(String name) {
        Pattern jar = Pattern.compile(".*/" + name + "(/target/classes/|-[^/]*\\.jar).*");
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption((Location location) -> location.matches(jar))
                .importPackages("io.pilotage");
    }

    @Test
    void domainDependsOnTheJdkAndAxonAnnotationsOnly() {
        DescribedPredicate<JavaClass> allowed = DescribedPredicate.describe("JDK, own package or Axon annotation",
                (JavaClass target) -> target.getPackageName().startsWith("java.")
                        || target.getPackageName().startsWith("io.pilotage")
                        || target.isPrimitive() || target.isArray() && target.getBaseComponentType().isPrimitive()
                        || target.getName().equals("org.axonframework.serialization.Revision")
                        || target.getName().equals("org.axonframework.modelling.command.TargetAggregateIdentifier"));
        classes().should().onlyDependOnClassesThat(allowed).check(domain);
    }

    @Test
    void commandsNeverImportProjectionsOrAdapters() {
        noClasses().should().dependOnClassesThat(DescribedPredicate.describe("projections or adapters",
                (JavaClass target) -> projections.contain(target.getName()) || adapters.contain(target.getName())))
                .check(commands);
    }

    @Test
    void projectionsNeverImportCommandsOrAdapters() {
        noClasses().should().dependOnClassesThat(DescribedPredicate.describe("commands or adapters",
                (JavaClass target) -> commands.contain(target.getName()) || adapters.contain(target.getName())))
                .check(projections);
    }

    @Test
    void adaptersTouchNeitherAggregatesNorReadModels() {
        noClasses().should().dependOnClassesThat(DescribedPredicate.describe("commands or projections",
                (JavaClass target) -> commands.contain(target.getName()) || projections.contain(target.getName())))
                .check(adapters);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.axonframework.modelling.command..",
                        "org.axonframework.eventsourcing..")
                .because("adapters send commands through the gateway; they never load an aggregate")
                .check(adapters.that(DescribedPredicate.describe("not the exception mappers",
                        (JavaClass c) -> !c.getSimpleName().equals("ApiExceptionHandler")
                                && !c.getSimpleName().equals("InventoryImporter")
                                && !c.getSimpleName().equals("TelemetryIngestion"))));
    }

    @Test
    void adaptersNeverQueryReadModelTables() {
        noClasses().should().accessClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate")
                .because("adapters read through the query gateway; only the idempotency store and the telemetry dead letters "
                        + "own a table of their own")
                .check(adapters.that(DescribedPredicate.describe("other than the idempotency store and the telemetry dead letters",
                        (JavaClass c) -> !c.getSimpleName().equals("IdempotencyStore") && !c.getSimpleName().equals("IngestionDeadLetters"))));
    }

    static final String CONTRACT = "contract";

    /** The bounded context a class of ours belongs to: the package segment after io.pilotage, but shared. */
    static String contextOf(JavaClass type) {
        String[] segments = type.getPackageName().split("\\.");
        return segments.length > 2 && segments[0].equals("io") && segments[1].equals("pilotage")
                && !segments[2].equals("shared") ? segments[2] : null;
    }

    /** Policies ({@code WhenXThenY}) and processes are where contexts meet, by their messages only. */
    static boolean meetingPoint(JavaClass type) {
        String outer = type.getName().replaceAll("\\$.*", "");
        String simple = outer.substring(outer.lastIndexOf('.') + 1);
        return simple.matches("When.+Then.+") || simple.endsWith("Process");
    }

    @Test
    void noContextImportsAnother_butPoliciesAndProcessesMeetThroughMessages() {
        for (JavaClasses module : java.util.List.of(domain, commands)) {
            java.util.List<String> violations = new java.util.ArrayList<>();
            for (JavaClass type : module) {
                String own = contextOf(type);
                if (own == null) {
                    continue;
                }
                type.getDirectDependenciesFromSelf().forEach(dependency -> {
                    JavaClass target = dependency.getTargetClass();
                    String other = contextOf(target);
                    if (other == null || other.equals(own) || !target.getPackageName().startsWith("io.pilotage")) {
                        return;
                    }
                    boolean contract = CONTRACT.equals(own) || CONTRACT.equals(other);
                    boolean allowed = (meetingPoint(type) || contract) && domain.contain(target.getName());
                    if (!allowed) {
                        violations.add(dependency.getDescription());
                    }
                });
            }
            org.assertj.core.api.Assertions.assertThat(violations).as("cross-context dependencies").isEmpty();
        }
    }

    @Test
    void geographyAndTradesBelongToNoContext() {
        org.assertj.core.api.Assertions.assertThat(domain.contain("io.pilotage.shared.Commune")).isTrue();
        org.assertj.core.api.Assertions.assertThat(domain.contain("io.pilotage.shared.GeoPosition")).isTrue();
        org.assertj.core.api.Assertions.assertThat(domain.contain("io.pilotage.shared.Skill")).isTrue();
    }

    /**
     * A policy (an event handler outside the read-model groups) writes only through the commands it sends: its
     * savepoint is taken when it dispatches its first command ({@link SavepointPerEvent}), so a write of its own
     * would run unprotected. Checked for the policy's classes (nested ones included) and everything of the module
     * they reach.
     */
    @Test
    void policiesWriteOnlyThroughCommands() {
        DescribedPredicate<JavaClass> policy = DescribedPredicate.describe("a policy's class",
                ModuleRulesTest::policyOrNestedInOne);
        org.assertj.core.api.Assertions.assertThat(commands.that(policy)).hasSizeGreaterThanOrEqualTo(7);
        com.tngtech.archunit.lang.ArchRule rule = writeOnlyThroughCommands();
        rule.check(commands);
        rule.check(projections);
    }

    /**
     * The rule above, shown failing on fixtures: a policy that writes through a helper of its module, and one whose
     * nested class does, each breaks it, so the rule follows dependencies beyond the policy's own class.
     */
    @Test
    void givenPoliciesThatWriteThroughAHelperOrANestedClass_thenTheRuleFails() {
        JavaClasses fixtures = new ClassFileImporter().importClasses(FixturePolicyWithHelper.class, FixtureJdbcHelper.class,
                FixturePolicyWithNestedWriter.class, FixturePolicyWithNestedWriter.Writer.class, FixturePolicyThroughCommands.class);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> writeOnlyThroughCommands().check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(FixturePolicyWithHelper.class.getName())
                .hasMessageContaining(FixturePolicyWithNestedWriter.Writer.class.getName())
                .satisfies(failure -> org.assertj.core.api.Assertions.assertThat(failure.getMessage())
                        .doesNotContain(FixturePolicyThroughCommands.class.getName()));
    }

    @org.axonframework.config.ProcessingGroup("fixture-policy")
    static class FixturePolicyWithHelper {
        private final FixtureJdbcHelper helper = new FixtureJdbcHelper();

        void on(String event) {
            helper.write(event);
        }
    }

    static class FixtureJdbcHelper {
        void write(String event) {
            new org.springframework.jdbc.core.JdbcTemplate().update("INSERT INTO t VALUES (?)", event);
        }
    }

    @org.axonframework.config.ProcessingGroup("fixture-policy")
    static class FixturePolicyWithNestedWriter {
        static class Writer {
            void write(org.axonframework.eventhandling.EventBus bus) {
                bus.publish();
            }
        }
    }

    @org.axonframework.config.ProcessingGroup("fixture-policy")
    static class FixturePolicyThroughCommands {
        void on(org.axonframework.commandhandling.gateway.CommandGateway commands, String event) {
            commands.send(event);
        }
    }

    private static com.tngtech.archunit.lang.ArchRule writeOnlyThroughCommands() {
        DescribedPredicate<JavaClass> policy = DescribedPredicate.describe("a policy's class",
                ModuleRulesTest::policyOrNestedInOne);
        return noClasses().that(policy).should()
                .transitivelyDependOnClassesThat(DescribedPredicate.describe("a way to write other than a command",
                        (JavaClass target) -> target.getPackageName().startsWith("java.sql")
                                || target.getPackageName().startsWith("javax.sql")
                                || target.getPackageName().startsWith("org.springframework.jdbc")
                                || target.getPackageName().startsWith("jakarta.persistence")
                                || target.isAssignableTo(org.axonframework.eventhandling.EventBus.class)
                                || target.isAssignableTo(org.axonframework.eventhandling.gateway.EventGateway.class)
                                || target.isAssignableTo(org.axonframework.deadline.DeadlineManager.class)
                                || target.isAssignableTo(org.axonframework.eventhandling.scheduling.EventScheduler.class)))
                .allowEmptyShould(true);
    }

    private static boolean policyOrNestedInOne(JavaClass type) {
        for (JavaClass current = type; current != null; current = current.getEnclosingClass().orElse(null)) {
            boolean policy = current.tryGetAnnotationOfType(org.axonframework.config.ProcessingGroup.class)
                    .map(group -> !io.pilotage.shared.ReadModelGroups.ALL.contains(group.value()))
                    .orElse(false);
            if (policy) {
                return true;
            }
        }
        return false;
    }
}
