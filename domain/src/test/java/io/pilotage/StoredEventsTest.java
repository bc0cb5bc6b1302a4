package io.pilotage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pilotage.crews.CrewEvent;
import io.pilotage.interventions.InterventionEvent;
import io.pilotage.lighting.CabinetEvent;
import io.pilotage.lighting.InventoryImportEvent;
import io.pilotage.lighting.LightPointEvent;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Pins the JSON of every event type as the event store keeps it. Stored events are never rewritten, so a
 * change to an event's fields must come with a new {@link Revision} (and an upcaster when old events need
 * one); this test notices the change when the revision was forgotten. Every pinned file stays: an old
 * revision's JSON is a stored-event fixture that must still load into the current class.
 *
 * <p>Files are {@code src/test/resources/stored-events/<SimpleName>.rev<N>.json}. To pin a new event type or
 * revision, add its sample to {@link StoredEventSamples} and run this test once with
 * {@code -DstoredEvents.writeMissing=true}: it writes the missing files, still fails, and you review and
 * commit them. Existing files are never overwritten.
 */
class StoredEventsTest {

    /** The mapper of {@code AxonConfiguration.defaultAxonObjectMapper}, which serializes every stored event. */
    static final ObjectMapper AXON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static final String FOLDER = "stored-events";
    static final Pattern FILE_NAME = Pattern.compile("(\\w+)\\.rev(\\d+)\\.json");

    @Test
    void theDomainsSealedEventInterfacesAreAllFound() throws Exception {
        assertThat(sealedEventInterfaces()).contains(LightPointEvent.class, CabinetEvent.class, InventoryImportEvent.class,
                InterventionEvent.class, CrewEvent.class, io.pilotage.traffic.IntersectionEvent.class,
                io.pilotage.traffic.PriorityRequestEvent.class);
    }

    @Test
    void everyEventTypeHasASampleARevisionAndASimpleNameOfItsOwn() throws Exception {
        List<Class<?>> events = eventTypes();
        assertThat(events).allSatisfy(type -> {
            assertThat(StoredEventSamples.all()).as("a sample of %s in StoredEventSamples", type.getName()).containsKey(type);
            assertThat(type.getAnnotation(Revision.class)).as("@Revision on %s", type.getName()).isNotNull();
        });
        assertThat(events.stream().map(Class::getSimpleName)).as("pinned files are named after simple names")
                .doesNotHaveDuplicates();
    }

    @Test
    void everyPinnedFileNamesAnEventTypeAndNoRevisionAheadOfIt() throws Exception {
        Map<String, Class<?>> bySimpleName = eventTypes().stream()
                .collect(Collectors.toMap(Class::getSimpleName, type -> type));
        assertThat(pinnedFiles()).allSatisfy(file -> {
            Matcher name = FILE_NAME.matcher(file.getFileName().toString());
            assertThat(name.matches()).as("%s is named <SimpleName>.rev<N>.json", file.getFileName()).isTrue();
            Class<?> type = bySimpleName.get(name.group(1));
            assertThat(type).as("the event type of %s (renamed? stored events still carry the old name)",
                    file.getFileName()).isNotNull();
            assertThat(Integer.parseInt(name.group(2))).as(file.getFileName().toString())
                    .isLessThanOrEqualTo(revision(type));
        });
    }

    @TestFactory
    Stream<DynamicTest> theCurrentRevisionOfEveryEventSerializesToItsPinnedJson() throws Exception {
        return eventTypes().stream().map(type -> DynamicTest.dynamicTest(fileName(type, revision(type)), () -> {
            Object sample = StoredEventSamples.all().get(type);
            assertThat(sample).as("a sample of %s in StoredEventSamples", type.getName()).isNotNull();
            JsonNode written = AXON.readTree(AXON.writeValueAsBytes(sample));
            Path file = folder().resolve(fileName(type, revision(type)));
            if (!Files.exists(file)) {
                missing(file.getFileName().toString(), written);
            }
            assertThat(written)
                    .as("%s serializes differently from its pinned file: a changed event needs a new @Revision", type.getName())
                    .isEqualTo(AXON.readTree(file.toFile()));
            assertThat(AXON.readValue(file.toFile(), type)).as("read back from " + file.getFileName()).isEqualTo(sample);
        }));
    }

    /**
     * Older revisions are stored events: they must still load, and keep every value they stored. A revision
     * that renames or drops a field fails here, and then belongs behind an upcaster with its own test.
     */
    @TestFactory
    Stream<DynamicTest> everyPinnedRevisionStillLoadsIntoTheCurrentClassKeepingItsValues() throws Exception {
        Map<String, Class<?>> bySimpleName = eventTypes().stream()
                .collect(Collectors.toMap(Class::getSimpleName, type -> type));
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : pinnedFiles()) {
            Matcher name = FILE_NAME.matcher(file.getFileName().toString());
            if (!name.matches() || !bySimpleName.containsKey(name.group(1))) {
                continue;
            }
            Class<?> type = bySimpleName.get(name.group(1));
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                JsonNode stored = AXON.readTree(file.toFile());
                JsonNode loaded = AXON.readTree(AXON.writeValueAsBytes(AXON.readValue(file.toFile(), type)));
                stored.fieldNames().forEachRemaining(field -> assertThat(loaded.get(field))
                        .as("%s keeps the stored %s", type.getSimpleName(), field).isEqualTo(stored.get(field)));
            }));
        }
        return tests.stream();
    }

    private static void missing(String fileName, JsonNode written) throws IOException {
        String json = AXON.writerWithDefaultPrettyPrinter().writeValueAsString(written) + "\n";
        if (Boolean.getBoolean("storedEvents.writeMissing")) {
            Path source = Path.of("src", "test", "resources", FOLDER, fileName);
            Files.createDirectories(source.getParent());
            Files.writeString(source, json, StandardCharsets.UTF_8);
            fail("Wrote %s: review it, commit it and run the test again", source.toAbsolutePath());
        }
        fail("No pinned JSON for this event: create src/test/resources/%s/%s with%n%s(or run with -DstoredEvents.writeMissing=true)",
                FOLDER, fileName, json);
    }

    static List<Class<?>> eventTypes() throws Exception {
        return sealedEventInterfaces().stream()
                .flatMap(sealed -> Arrays.stream(sealed.getPermittedSubclasses()))
                .sorted(Comparator.comparing(Class::getName))
                .toList();
    }

    /** Found, not listed, so that a new context's event interface cannot be forgotten. */
    static List<Class<?>> sealedEventInterfaces() throws Exception {
        Path classes = Path.of(LightPointEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, StoredEventsTest.class.getClassLoader());
                if (type.isInterface() && type.isSealed() && type.getSimpleName().endsWith("Event")) {
                    found.add(type);
                }
            }
        }
        found.sort(Comparator.comparing(Class::getName));
        return found;
    }

    private static List<Path> pinnedFiles() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Path folder() throws URISyntaxException {
        return Path.of(StoredEventsTest.class.getResource("/" + FOLDER).toURI());
    }

    private static int revision(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        return revision == null ? 0 : Integer.parseInt(revision.value());
    }

    private static String fileName(Class<?> type, int revision) {
        return type.getSimpleName() + ".rev" + revision + ".json";
    }
}
