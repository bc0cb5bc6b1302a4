package io.pilotage.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import io.pilotage.shared.web.Allowed;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Endpoints are guarded through the permission table only: every one names a permission, none writes
 * its own role expression. Otherwise the role an event records could differ from the one that let the
 * call in, and an authorization matrix generated from the table would not describe the API. Open311's
 * endpoints are the exception the standard makes: public reads, and posts authenticated by its own
 * {@code api_key}, which no role of the table holds.
 */
class PermissionRulesTest {

    private static final JavaClasses ADAPTERS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption((Location location) -> location.matches(Pattern.compile(".*/adapters(/target/classes/|-[^/]*\\.jar).*")))
            .importPackages("io.pilotage");

    private static final String OPEN311 = "io.pilotage.reports.open311";

    @Test
    void everyEndpointIsGuardedByAPermissionOfTheTable() {
        methods().that().areMetaAnnotatedWith(RequestMapping.class)
                .and().areDeclaredInClassesThat().resideOutsideOfPackage(OPEN311)
                .should().beAnnotatedWith(Allowed.class)
                .check(ADAPTERS);
    }

    @Test
    void givenOpen311_thenOnlyItsStandardEndpointsGoUnguarded_andItsKeysAdministrationIsGuarded() {
        methods().that().areMetaAnnotatedWith(RequestMapping.class)
                .and().areDeclaredInClassesThat().resideInAPackage(OPEN311)
                .and().areDeclaredInClassesThat().haveSimpleNameNotEndingWith("Open311Controller")
                .should().beAnnotatedWith(Allowed.class)
                .check(ADAPTERS);
    }

    @Test
    void noEndpointWritesItsOwnRoleExpression() {
        noMethods().should().beAnnotatedWith(PreAuthorize.class).check(ADAPTERS);
        noClasses().that().doNotBelongToAnyOf(Allowed.class).should().beAnnotatedWith(PreAuthorize.class).check(ADAPTERS);
    }
}
