package io.pilotage.shared.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.stereotype.Component;

/**
 * Makes the OpenAPI document say what the API does, from the code that does it rather than from
 * copies that drift: enum values come from the enums themselves, spelled by the same ObjectMapper that
 * writes the answers; response fields are all required because Jackson writes every one, nulls
 * included; every schema gets an example, composed from its fields' examples where the type has none.
 * The domain's records carry no OpenAPI annotations (the domain depends on the JDK only), so their
 * examples come from the field names below.
 */
@Component
public class ApiDocumentation implements PropertyCustomizer, OpenApiCustomizer {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final String EXAMPLE_TIME = "2026-03-14T21:30:00Z";

    /** Examples of the identifiers and texts the answers carry, by field name. */
    private static final Map<String, Object> EXAMPLES = Map.ofEntries(
            Map.entry("lightPointId", "LP-DIJ-000001"), Map.entry("cabinetId", "CAB-DIJ-001"),
            Map.entry("failureId", "F-7c1e2a90"), Map.entry("interventionId", "INT-2f6b0c1d"),
            Map.entry("interventionIds", "INT-2f6b0c1d"), Map.entry("crewId", "CREW-L1"),
            Map.entry("vehicleId", "VAN-101"), Map.entry("importId", "IMP-5d8e21a4"),
            Map.entry("assetId", "LP-DIJ-000001"), Map.entry("commune", "Dijon"), Map.entry("sourceRef", "F-7c1e2a90"),
            Map.entry("repairedFailureIds", "F-7c1e2a90"), Map.entry("actorId", "supervisor"),
            Map.entry("fileName", "points.csv"), Map.entry("dimmingProgram", "Eco 50% after 23:00"),
            Map.entry("step", "qualified"), Map.entry("status", "RUNNING"), Map.entry("field", "ratedPowerW"),
            Map.entry("message", "must be between 1 and 2000 W"), Map.entry("abandonReason", "Node stopped"),
            Map.entry("latitude", 47.322), Map.entry("longitude", 5.0415), Map.entry("kwh", 12.345),
            Map.entry("ratedPowerW", 40), Map.entry("legacyPowerW", 150), Map.entry("row", 2), Map.entry("page", 0), Map.entry("size", 50), Map.entry("errorsPage", 0),
            Map.entry("errorsPageSize", 100), Map.entry("secondsLeft", 5400),
            Map.entry("intersectionId", "TL-DIJ-042"), Map.entry("activePlan", "DAY"), Map.entry("timingPlan", "DAY"),
            Map.entry("movement", "north approach, through"), Map.entry("faultId", "F-17"), Map.entry("detail", "red lamp out"),
            Map.entry("signalGroup", 1), Map.entry("sequence", 4711));

    private final ObjectMapper json;

    public ApiDocumentation(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The values a request accepts for a field marked {@link OneOf}: the spelling the API writes when a
     * vocabulary gives the enum one (TALQ failure kinds, commune names), else the lower-case constant
     * that {@link Params} reads and lists in its 422.
     */
    public List<String> acceptedNames(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(constant -> {
            String written = writtenName(constant);
            return written.equals(constant.name()) ? constant.name().toLowerCase(Locale.ROOT) : written;
        }).toList();
    }

    private List<String> writtenNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(this::writtenName).toList();
    }

    private String writtenName(Object constant) {
        return json.convertValue(constant, String.class);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Schema customize(Schema property, AnnotatedType type) {
        if (property == null) {
            return null;
        }
        OneOf oneOf = annotation(type.getCtxAnnotations(), OneOf.class);
        List<String> values = null;
        if (oneOf != null) {
            values = acceptedNames(oneOf.value());
        } else if (type.getType() != null) {
            JavaType javaType = TypeFactory.defaultInstance().constructType(type.getType());
            Class<?> held = javaType.isContainerType() && javaType.getContentType() != null
                    ? javaType.getContentType().getRawClass() : javaType.getRawClass();
            if (held.isEnum()) {
                values = writtenNames(held);
            }
        }
        if (values != null) {
            Schema target = property.getItems() != null ? property.getItems() : property;
            target.setEnum(new ArrayList<>(values));
        }
        return property;
    }

    private static <A extends Annotation> A annotation(Annotation[] annotations, Class<A> type) {
        if (annotations != null) {
            for (Annotation annotation : annotations) {
                if (type.isInstance(annotation)) {
                    return type.cast(annotation);
                }
            }
        }
        return null;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        Set<String> requests = new HashSet<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getRequestBody() != null) {
                    collectReferences(operation.getRequestBody().getContent(), schemas, requests);
                }
            }));
        }
        schemas.values().forEach(this::parseJsonExample);
        schemas.forEach((name, schema) -> {
            if (!requests.contains(name) && schema.getProperties() != null) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        });
        schemas.values().forEach(schema -> {
            if (schema.getExample() == null) {
                schema.setExample(example(null, schema, schemas, new HashSet<>()));
            }
        });
    }

    @SuppressWarnings("rawtypes")
    private static void collectReferences(Content content, Map<String, Schema> schemas, Set<String> names) {
        if (content != null) {
            content.values().forEach(media -> collectReferences(media.getSchema(), schemas, names));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void collectReferences(Schema schema, Map<String, Schema> schemas, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(SCHEMAS.length());
            if (names.add(name)) {
                collectReferences(schemas.get(name), schemas, names);
            }
            return;
        }
        collectReferences(schema.getItems(), schemas, names);
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(property -> collectReferences(property, schemas, names));
        }
    }

    /** A class-level {@code @Schema(example)} arrives as text; the document should show it as JSON. */
    @SuppressWarnings("rawtypes")
    private void parseJsonExample(Schema schema) {
        if (schema.getExample() instanceof String text && text.trim().startsWith("{")) {
            try {
                schema.setExample(json.readValue(text, Object.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("The example of a schema is not JSON: " + text, e);
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Object example(String name, Schema schema, Map<String, Schema> schemas, Set<String> visiting) {
        if (schema == null) {
            return null;
        }
        if (schema.get$ref() != null) {
            String target = schema.get$ref().substring(SCHEMAS.length());
            Schema referenced = schemas.get(target);
            if (referenced == null || !visiting.add(target)) {
                return null;
            }
            Object example = referenced.getExample() != null ? referenced.getExample()
                    : example(null, referenced, schemas, visiting);
            visiting.remove(target);
            return example;
        }
        if (schema.getExample() != null) {
            return plain(schema.getExample());
        }
        if (schema.getProperties() != null) {
            Map<String, Object> example = new LinkedHashMap<>();
            ((Map<String, Schema>) schema.getProperties()).forEach((property, propertySchema) ->
                    example.put(property, example(property, propertySchema, schemas, visiting)));
            return example;
        }
        if (schema.getItems() != null) {
            Object item = example(name, schema.getItems(), schemas, visiting);
            return item == null ? List.of() : List.of(item);
        }
        Object named = name == null ? null : EXAMPLES.get(name);
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return schema.getEnum().contains(named) ? named : schema.getEnum().get(0);
        }
        if (named != null) {
            return named;
        }
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        return switch (typeOf(schema)) {
            case "integer" -> 1;
            case "number" -> new BigDecimal("1.5");
            case "boolean" -> true;
            case "object" -> Map.of();
            case "array" -> List.of();
            default -> switch (format) {
                case "date-time" -> EXAMPLE_TIME;
                case "date" -> "2026-03-14";
                default -> "text";
            };
        };
    }

    @SuppressWarnings("rawtypes")
    private static String typeOf(Schema schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null) {
            for (Object type : schema.getTypes()) {
                if (!"null".equals(type)) {
                    return type.toString();
                }
            }
        }
        return "string";
    }

    /** Times as the API writes them (ISO-8601 in UTC), not as the document's serializer would. */
    private static Object plain(Object example) {
        if (example instanceof OffsetDateTime time) {
            return DateTimeFormatter.ISO_INSTANT.format(time.toInstant());
        }
        return example;
    }
}
