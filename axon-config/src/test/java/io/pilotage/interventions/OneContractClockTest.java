package io.pilotage.interventions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * When a step falls due is computed once, by {@link ContractClock}: a second copy of that arithmetic in the
 * aggregate, a read model's SQL or a controller drifts from the first, and penalties rest on it.
 */
class OneContractClockTest {

    static final Set<String> ARITHMETIC = Set.of("plus", "plusSeconds", "plusMillis", "plusNanos", "minus",
            "minusSeconds", "minusMillis", "minusNanos", "until", "between", "negated", "multipliedBy", "dividedBy");

    @Test
    void onlyContractClockDoesTimeArithmeticInTheInterventionsContext() {
        JavaClasses interventions = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pilotage.interventions");
        assertThat(interventions.contain(Intervention.class)).isTrue();

        noClasses().that().resideInAPackage("io.pilotage.interventions..")
                .and().doNotHaveFullyQualifiedName(ContractClock.class.getName())
                .should().callMethodWhere(DescribedPredicate.describe("Instant or Duration arithmetic",
                        (JavaCall<?> call) -> (call.getTargetOwner().isEquivalentTo(Instant.class)
                                || call.getTargetOwner().isEquivalentTo(Duration.class))
                                && ARITHMETIC.contains(call.getName())))
                .because("due times, time left and durations net of pauses come from ContractClock")
                .check(interventions);
    }

    @Test
    void theInterventionsSqlNamesNoLifecycleStateAndDoesNoIntervalArithmetic() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Pattern states = Pattern.compile("['\"](" + Arrays.stream(InterventionStatus.values()).map(Enum::name)
                .collect(Collectors.joining("|")) + ")['\"]");
        Pattern interval = Pattern.compile("(?i)make_interval|interval\\s*'|\\+\\s*\\w*_s\\b");
        List<String> offenders;
        try (Stream<Path> files = Stream.of("commands", "projections", "adapters")
                .map(module -> root.resolve(module).resolve("src/main/java/io/pilotage/interventions"))
                .filter(Files::isDirectory)
                .flatMap(OneContractClockTest::javaFiles)) {
            offenders = files.filter(file -> {
                String source = read(file);
                return states.matcher(source).find() || interval.matcher(source).find();
            }).map(root::relativize).map(Path::toString).toList();
        }
        assertThat(offenders).as("state names and due-time arithmetic belong to InterventionStatus and ContractClock")
                .isEmpty();
    }

    private static Stream<Path> javaFiles(Path directory) {
        try {
            return Files.walk(directory).filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
