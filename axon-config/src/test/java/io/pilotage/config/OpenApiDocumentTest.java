package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.RecentExamples;
import io.pilotage.TestIds;
import io.pilotage.shared.web.OneOf;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document is what clients generate their code from, so it must say what the API does.
 * Every JSON body the controllers take is checked against the document, and the document against the
 * running API: a field the API answers 422 for when it is missing is listed as required, and no other;
 * an enum lists values the API accepts, one per constant; a text field that refuses an arbitrary word
 * says what it accepts; every schema carries an example, and the example of a body is a valid body.
 */
@IntegrationTest
class OpenApiDocumentTest {

    private static final String NOT_A_VALUE = "no-such-value";
    /** Telemetry examples are posted as a device would send them today ({@link RecentExamples}). */
    private static final Instant NOW = Instant.now();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private JsonNode schemas;

    /** One endpoint taking a JSON record, with the path it is called on (unknown ids: validation runs first). */
    record Endpoint(String path, Class<?> body) {
    }

    /** Where a record sits in its endpoint's body: the top level, or the first element of a list field. */
    record Field(Endpoint endpoint, List<Object> parentPath, RecordComponent component) {
        String name() {
            return component.getName();
        }
    }

    @BeforeEach
    void readTheDocument() {
        Api.Response document = new Api(port, null).get("/v3/api-docs");
        assertThat(document.status()).isEqualTo(200);
        schemas = document.json().path("components").path("schemas");
    }

    @Test
    void givenEveryRequestBodyRecord_whenReadingTheDocument_thenItsPropertiesAreTheRecordsComponentsWithAnExample() {
        SoftAssertions softly = new SoftAssertions();
        for (Class<?> type : requestRecords()) {
            JsonNode schema = schemas.path(type.getSimpleName());
            softly.assertThat(schema.isMissingNode()).as("schema of %s", type.getSimpleName()).isFalse();
            softly.assertThat(names(schema.path("properties").fieldNames()))
                    .as("properties of %s", type.getSimpleName())
                    .isEqualTo(new TreeSet<>(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList()));
            softly.assertThat(schema.path("example").isObject()).as("example of %s", type.getSimpleName()).isTrue();
            schema.path("properties").fields().forEachRemaining(property -> softly.assertThat(
                    property.getValue().has("example") || property.getValue().has("$ref")
                            || property.getValue().path("items").has("$ref"))
                    .as("example of %s.%s", type.getSimpleName(), property.getKey()).isTrue());
        }
        softly.assertAll();
    }

    @Test
    void givenEverySchema_whenReadingTheDocument_thenItHasAnExampleAndResponsesListTheirFieldsAsRequired() {
        SoftAssertions softly = new SoftAssertions();
        Set<String> requests = new TreeSet<>(requestRecords().stream().map(Class::getSimpleName).toList());
        schemas.fields().forEachRemaining(entry -> {
            softly.assertThat(entry.getValue().has("example")).as("example of %s", entry.getKey()).isTrue();
            if (!requests.contains(entry.getKey()) && entry.getValue().has("properties")) {
                softly.assertThat(names(entry.getValue().path("required").elements()))
                        .as("required of response %s: Jackson writes every property", entry.getKey())
                        .isEqualTo(names(entry.getValue().path("properties").fieldNames()));
            }
        });
        softly.assertThat(texts(schemas.path("OpenFailure").path("properties").path("kind").path("enum")))
                .as("failure kinds as the API writes them").contains("lampFailure").doesNotContain("LAMP_FAILURE");
        softly.assertThat(texts(schemas.path("LightPointView").path("properties").path("commune").path("enum")))
                .as("communes as the API writes them").contains("Chenôve").hasSize(23);
        softly.assertThat(schemas.path("InterventionView").path("properties").path("openedAt").path("format").asText())
                .isEqualTo("date-time");
        softly.assertAll();
    }

    @Test
    void givenEveryRequestBody_whenAFieldIsLeftOut_thenTheApiAnswers422ForItExactlyWhenTheDocumentSaysRequired() {
        SoftAssertions softly = new SoftAssertions();
        for (Field field : fields()) {
            JsonNode schema = schemaOf(field.component().getDeclaringRecord());
            boolean documented = texts(schema.path("required")).contains(field.name());
            Api.Response response = post(field, node -> node.remove(field.name()));
            softly.assertThat(rejects(response, field.name()))
                    .as("%s without %s answers %s; documented as required: %s", field.endpoint().path(), field.name(),
                            response, documented)
                    .isEqualTo(documented);
        }
        softly.assertAll();
    }

    @Test
    void givenEveryRequestBody_whenSentAsItsExample_thenTheApiAcceptsIt() {
        SoftAssertions softly = new SoftAssertions();
        for (Endpoint endpoint : endpoints()) {
            Api.Response response = post(endpoint, exampleOf(endpoint.body()));
            softly.assertThat(response.status()).as("%s with its example answers %s", endpoint.path(), response)
                    .isNotIn(400, 422);
        }
        softly.assertAll();
    }

    @Test
    void givenEveryTextField_whenSentEachDocumentedValueAndAnUnknownOne_thenTheEnumListsExactlyWhatTheApiAccepts() {
        SoftAssertions softly = new SoftAssertions();
        for (Field field : fields()) {
            JsonNode property = schemaOf(field.component().getDeclaringRecord()).path("properties").path(field.name());
            boolean array = property.path("type").asText().equals("array");
            JsonNode values = array ? property.path("items").path("enum") : property.path("enum");
            String type = array ? property.path("items").path("type").asText() : property.path("type").asText();
            if (!type.equals("string") || property.has("format") || array && property.path("items").has("$ref")) {
                continue;
            }
            String where = field.endpoint().path() + " " + field.name();
            Api.Response unknown = post(field, node -> node.set(field.name(), value(NOT_A_VALUE, array)));
            OneOf oneOf = field.component().getAnnotation(OneOf.class);
            if (values.isMissingNode()) {
                softly.assertThat(rejects(unknown, field.name()))
                        .as("%s refuses a word the document allows: %s", where, unknown).isFalse();
                softly.assertThat(oneOf).as("%s names an enum but the document lists no values", where).isNull();
                continue;
            }
            softly.assertThat(rejects(unknown, field.name())).as("%s accepts %s: %s", where, NOT_A_VALUE, unknown).isTrue();
            softly.assertThat(oneOf).as("%s lists values without naming their enum", where).isNotNull();
            if (oneOf != null) {
                softly.assertThat(texts(values)).as("%s lists one value per constant of %s", where, oneOf.value().getSimpleName())
                        .doesNotHaveDuplicates().hasSize(oneOf.value().getEnumConstants().length);
            }
            for (String wireName : texts(values)) {
                Api.Response response = post(field, node -> node.set(field.name(), value(wireName, array)));
                softly.assertThat(rejects(response, field.name()) || response.status() == 400)
                        .as("%s refuses its documented value %s: %s", where, wireName, response).isFalse();
            }
        }
        softly.assertAll();
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            if (!entry.getValue().getBeanType().getPackageName().startsWith("io.pilotage")
                    || !entry.getKey().getMethodsCondition().getMethods().contains(RequestMethod.POST)) {
                continue;
            }
            for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
                if (parameter.hasParameterAnnotation(RequestBody.class) && parameter.getParameterType().isRecord()) {
                    String pattern = entry.getKey().getPathPatternsCondition().getPatterns().iterator().next().getPatternString();
                    endpoints.add(new Endpoint(pattern, parameter.getParameterType()));
                }
            }
        }
        assertThat(endpoints).as("endpoints taking a JSON record").hasSizeGreaterThan(10);
        return endpoints;
    }

    private Set<Class<?>> requestRecords() {
        Set<Class<?>> records = new LinkedHashSet<>();
        for (Endpoint endpoint : endpoints()) {
            collect(endpoint.body(), records);
        }
        return records;
    }

    private static void collect(Class<?> type, Set<Class<?>> records) {
        if (records.add(type)) {
            for (RecordComponent component : type.getRecordComponents()) {
                Class<?> nested = nestedRecord(component);
                if (nested != null) {
                    collect(nested, records);
                }
            }
        }
    }

    /** The record a component holds, directly or as the elements of a list, or null. */
    private static Class<?> nestedRecord(RecordComponent component) {
        if (component.getType().isRecord()) {
            return component.getType();
        }
        Type generic = component.getGenericType();
        if (generic instanceof ParameterizedType parameterized && List.class.isAssignableFrom(component.getType())
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
            return element;
        }
        return null;
    }

    private List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            fields(endpoint, endpoint.body(), List.of(), fields);
        }
        return fields;
    }

    private static void fields(Endpoint endpoint, Class<?> type, List<Object> path, List<Field> fields) {
        for (RecordComponent component : type.getRecordComponents()) {
            fields.add(new Field(endpoint, path, component));
            Class<?> nested = nestedRecord(component);
            if (nested != null) {
                List<Object> inner = new ArrayList<>(path);
                inner.add(component.getName());
                if (!component.getType().isRecord()) {
                    inner.add(0);
                }
                fields(endpoint, nested, inner, fields);
            }
        }
    }

    private JsonNode schemaOf(Class<?> type) {
        return schemas.path(type.getSimpleName());
    }

    private ObjectNode exampleOf(Class<?> type) {
        JsonNode example = schemaOf(type).path("example");
        return example.isObject() ? (ObjectNode) example.deepCopy() : JsonNodeFactory.instance.objectNode();
    }

    private Api.Response post(Field field, Consumer<ObjectNode> change) {
        ObjectNode body = exampleOf(field.endpoint().body());
        JsonNode target = body;
        for (Object step : field.parentPath()) {
            target = step instanceof Integer index ? target.path(index) : target.path((String) step);
        }
        if (target instanceof ObjectNode object) {
            change.accept(object);
        }
        return post(field.endpoint(), body);
    }

    /** Posts to fresh ids, so that creations never collide and commands to unknown ids answer 404 after validation. */
    private Api.Response post(Endpoint endpoint, ObjectNode body) {
        body.fields().forEachRemaining(property -> {
            if (property.getKey().endsWith("Id") && property.getValue().isTextual()) {
                property.setValue(JsonNodeFactory.instance.textNode(TestIds.next("DOC")));
            }
        });
        String path = endpoint.path().replaceAll("\\{[^}]+}", TestIds.next("DOC"));
        String json = path.endsWith("/ingest") ? RecentExamples.movedToRecent(body.toString(), NOW) : body.toString();
        Api.Response response = new Api(port, "admin").post(path, json);
        assertThat(response.status()).as("%s %s answers %s: bad input never gets a 5xx", path, json, response).isLessThan(500);
        return response;
    }

    private static boolean rejects(Api.Response response, String field) {
        return response.status() == 422 && field.equals(response.json().path("field").asText());
    }

    private static JsonNode value(String text, boolean array) {
        if (!array) {
            return JsonNodeFactory.instance.textNode(text);
        }
        ArrayNode node = JsonNodeFactory.instance.arrayNode();
        node.add(text);
        return node;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.elements().forEachRemaining(element -> texts.add(element.asText()));
        return texts;
    }

    private static Set<String> names(java.util.Iterator<?> items) {
        Set<String> names = new TreeSet<>();
        items.forEachRemaining(item -> names.add(item instanceof JsonNode node ? node.asText() : item.toString()));
        return names;
    }
}
