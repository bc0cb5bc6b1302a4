package io.pilotage.shared.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes requests for the operations of the API's own OpenAPI document: first a valid-ish request built from
 * the operation's schema (known ids of the right kind, so commands reach the aggregates and not only the
 * validation), then hostile variations of it, drawn from one seeded {@link Random} so that a run can be
 * repeated. It knows nothing about the endpoints beyond the document, except which path segments name which
 * kind of id and what an inventory file looks like, which no schema says.
 */
final class ApiFuzzer {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Users as the default profile defines them; "none" sends no credentials. */
    static final List<String> ROLES = List.of("operator", "supervisor", "contract-manager", "auditor", "dpo", "admin",
            "none", "wrong-password", "malformed-authorization", "bearer-token", "unknown-user");

    /** Replaced by the JSON escape of an unpaired surrogate after the tree is written: Jackson would not write one. */
    private static final String LONE_SURROGATE = "\uE000lone-surrogate\uE000";

    private static final List<String> HOSTILE_TEXTS = List.of(
            "\u0000", "a\u0000b", "\u0001\u0002\u001b[31m", "tab\there", "line\nbreak", "cr\rlf", "\u007f", "\u0085",
            "\u2028\u2029", "🚦💡🔥", "👩‍👩‍👧‍👦", "\u202Egnitar\u202C", "مرحبا بالعالم", "שלום", "e\u0301\u0301\u0301\u0301",
            "Z\u0351\u0352\u0353\u0354\u0355\u0356", "\uFEFF", "\uFFFD\uFFFF", LONE_SURROGATE, "a" + LONE_SURROGATE,
            "' OR '1'='1", "\"; DROP TABLE domainevententry; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "%s%s%n", "../../etc/passwd", "", " ", "null", "NaN", "Dijon ", "DIJON", "chenove");

    private static final List<String> HOSTILE_NUMBERS = List.of(
            "1e308", "-1e308", "1e309", "-1e20", "1e20", "9223372036854775808", "-9223372036854775809", "2147483648",
            "-2147483649", "0", "-0", "-1", "0.0000000000000000000001", "1e-400", "123456789012345678901234567890.5",
            "4.9e-324", "-0.0");

    private static final List<String> HOSTILE_DATES = List.of(
            "2026-13-45T25:61:61Z", "0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
            "2026-03-16", "2026-03-16T05:00:00", "2026-03-16T05:00:00+99:00", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
            "yesterday", "2026-02-30", "1e308");

    /** Path ids that a router, a firewall or a URL decoder may read in more than one way. */
    private static final List<String> ODD_PATH_IDS = List.of(
            "%00", "A%00B", "..", "%2e%2e", "../..", "..%2F..%2Fetc", "%2F", "a%2Fb", "%5C", "a%5Cb", "%0A", "%0D%0A", "%20",
            "%25", "%", "%ZZ", "%C0%AF", "%FF%FE", "%F0%9F%9A%A6", "%E2%80%AE", "%D8%00", "%ED%A0%80", ";", "a;b=c", ".",
            "a.json", "*", "~", "%3F", "%23", "null", "-1", "0", "A".repeat(65), "A".repeat(5_000), "B".repeat(20_000),
            "%7B%7D", "%22", "%27");

    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain", "multipart/form-data", "multipart/form-data; boundary=", "application/xml", "text/xml",
            "application/x-www-form-urlencoded", "application/json; charset=ISO-8859-1", "application/json; charset=nonsense",
            "application/json; charset=UTF-16", "application/*", "*/*", "json", "not a media type", "application/",
            "text/csv", "application/geo+json", "application/octet-stream", "");

    private static final List<String> ACCEPTS = List.of(
            "text/html", "application/xml", "text/plain", "image/png", "application/problem+json", "*/*", "application/*",
            "text/event-stream", "nonsense", "application/json;q=0", "application/json, text/html;q=0.9", "application/json;q=x",
            "application/json;charset=\"", "text/plain, ".repeat(60) + "application/json", "");

    private static final List<String> WRONG_METHODS = List.of("PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "GET", "POST");

    /** The kind of id each path segment or body field names; the id space is shared, so kinds can be mixed on purpose. */
    private static final Map<String, String> KIND_OF_SEGMENT = Map.of(
            "light-points", "lightPoint", "cabinets", "cabinet", "crews", "crew", "interventions", "intervention",
            "imports", "import");
    private static final Map<String, String> KIND_OF_FIELD = Map.of(
            "lightPointId", "lightPoint", "cabinetId", "cabinet", "crewId", "crew", "interventionId", "intervention",
            "importId", "import", "assetId", "lightPoint");
    private static final List<String> PROCESSING_GROUPS = List.of(
            "lighting-read-models", "contract-kpis", "operations-boards",
            "interventions-from-lamp-failures", "no-such-group");

    record Operation(String method, String path, JsonNode spec) {
        String name() {
            return method + " " + path;
        }

        List<String> contentTypes() {
            List<String> types = new ArrayList<>();
            spec.path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
            return types;
        }

        List<JsonNode> parameters(String in) {
            List<JsonNode> parameters = new ArrayList<>();
            spec.path("parameters").forEach(parameter -> {
                if (in.equals(parameter.path("in").asText())) {
                    parameters.add(parameter);
                }
            });
            return parameters;
        }
    }

    /** One request as sent, with the variations that made it. */
    record FuzzRequest(int number, Operation operation, String method, String path, String role, String contentType,
                       Map<String, String> headers, byte[] body, List<String> mutations) {

        String bodyExcerpt() {
            if (body == null || body.length == 0) {
                return "(no body)";
            }
            String text = new String(body, StandardCharsets.UTF_8);
            return text.length() > 300 ? text.substring(0, 300) + "... (" + body.length + " bytes)" : text;
        }

        @Override
        public String toString() {
            String shownPath = path.length() > 200 ? path.substring(0, 200) + "...(" + path.length() + " chars)" : path;
            return "#" + number + " " + method + " " + shownPath + " as " + role + " [" + operation.name() + "] "
                    + String.join(", ", mutations) + (contentType == null ? "" : " Content-Type: " + contentType)
                    + " body: " + bodyExcerpt();
        }
    }

    private final Random random;
    private final JsonNode schemas;
    private final String run;
    /** The earliest date the fuzzer's contract amendments take effect. */
    static final Instant AMENDMENTS_FROM = Instant.parse("2100-01-01T00:00:00Z");

    private final Map<String, List<String>> known = new HashMap<>();
    private int freshIds;

    ApiFuzzer(long seed, JsonNode document, String run) {
        this.random = new Random(seed);
        this.schemas = document.path("components").path("schemas");
        this.run = run;
        PROCESSING_GROUPS.forEach(group -> know("processingGroup", group));
    }

    static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method ->
                operations.add(new Operation(method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), method.getValue()))));
        return operations;
    }

    /** An id the application answered with, so that later requests address something that exists. */
    void know(String kind, String id) {
        List<String> ids = known.computeIfAbsent(kind, k -> new ArrayList<>());
        if (id == null || id.isBlank() || ids.contains(id)) {
            return;
        }
        if (ids.size() < 200) {
            ids.add(id);
        } else {
            ids.set(random.nextInt(ids.size()), id);
        }
    }

    /** Learns the ids of what a successful request created or touched. */
    void learn(JsonNode response) {
        if (response == null || !response.isObject()) {
            return;
        }
        KIND_OF_FIELD.forEach((field, kind) -> {
            if (!field.equals("assetId") && response.path(field).isTextual()) {
                know(kind, response.path(field).asText());
            }
        });
    }

    /**
     * The request at this position of the run. The first pass sends every operation once as its baseline, as
     * the admin, so every operation is reached at least once with a body that the API should take.
     */
    FuzzRequest next(int number, List<Operation> operations) {
        boolean firstPass = number < operations.size();
        Operation operation = firstPass ? operations.get(number) : operations.get(random.nextInt(operations.size()));
        List<String> mutations = new ArrayList<>();
        String role = firstPass ? "admin" : role();
        Map<String, String> headers = new LinkedHashMap<>();
        String method = operation.method();

        String path = path(operation, mutations, !firstPass && random.nextInt(100) < 12);
        String query = query(operation, mutations, !firstPass && random.nextInt(100) < 15);
        String contentType = null;
        byte[] body = null;
        List<String> types = operation.contentTypes();
        if (!types.isEmpty()) {
            contentType = types.contains("application/json") && random.nextInt(100) < 75 ? "application/json"
                    : types.get(random.nextInt(types.size()));
            Body built = body(operation, contentType);
            body = built.bytes();
            if (!firstPass && random.nextInt(100) < 65) {
                int count = random.nextInt(100) < 20 ? 2 : 1;
                for (int i = 0; i < count; i++) {
                    built = mutate(built, operation, mutations);
                }
                body = built.bytes();
                contentType = built.contentType();
            }
        } else if (!firstPass && random.nextInt(100) < 6) {
            contentType = "application/json";
            body = pick(List.of("{}", "{\"x\":1}", "[]", "null", "{", "\"text\"")).getBytes(StandardCharsets.UTF_8);
            mutations.add("unexpected body");
        }
        if (!firstPass && body != null && random.nextInt(100) < 8) {
            contentType = pick(CONTENT_TYPES);
            mutations.add("content type " + contentType);
            if (contentType.isEmpty()) {
                contentType = null;
            }
        }
        if (!firstPass && random.nextInt(100) < 6) {
            String accept = pick(ACCEPTS);
            headers.put("Accept", accept);
            mutations.add("accept " + accept);
        }
        if (!firstPass && random.nextInt(100) < 6) {
            String key = pick(List.of("key-" + random.nextInt(20), "", " ", "k".repeat(256), "é-key", "key with space",
                    "key-" + run + "-" + random.nextInt(1_000_000)));
            headers.put("Idempotency-Key", key);
            mutations.add("idempotency key '" + (key.length() > 20 ? key.substring(0, 20) + "..." : key) + "'");
        }
        if (!firstPass && random.nextInt(100) < 4) {
            method = pick(WRONG_METHODS);
            mutations.add("method " + method);
        }
        if (mutations.isEmpty()) {
            mutations.add(firstPass ? "baseline (first pass)" : "baseline");
        }
        return new FuzzRequest(number, operation, method, path + query, role, contentType, headers, body, mutations);
    }

    private String role() {
        int roll = random.nextInt(100);
        if (roll < 30) {
            return "admin";
        }
        if (roll < 55) {
            return "supervisor";
        }
        if (roll < 70) {
            return "operator";
        }
        return pick(ROLES);
    }

    /** The Authorization header a role stands for. */
    static String authorization(String role) {
        return switch (role) {
            case "none" -> null;
            case "wrong-password" -> "Basic " + base64("operator:not-the-password");
            case "malformed-authorization" -> "Basic !!!not-base64";
            case "bearer-token" -> "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbIkFETUlOIl19.";
            case "unknown-user" -> "Basic " + base64("nobody-é:" + "x".repeat(300));
            default -> "Basic " + base64(role + ":" + role);
        };
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private String path(Operation operation, List<String> mutations, boolean odd) {
        Matcher variables = Pattern.compile("\\{([^}]+)}").matcher(operation.path());
        StringBuilder path = new StringBuilder();
        List<String> names = new ArrayList<>();
        while (variables.find()) {
            names.add(variables.group(1));
        }
        int oddOne = names.isEmpty() ? -1 : random.nextInt(names.size());
        variables.reset();
        int index = 0;
        while (variables.find()) {
            String before = operation.path().substring(0, variables.start());
            String segment = before.substring(before.lastIndexOf('/', before.length() - 2) + 1, before.length() - 1);
            String value;
            if (odd && index == oddOne) {
                value = pick(ODD_PATH_IDS);
                mutations.add("path id " + (value.length() > 20 ? value.substring(0, 20) + "...(" + value.length() + ")" : value));
            } else {
                String kind = variables.group(1).equals("processingGroup") ? "processingGroup"
                        : KIND_OF_SEGMENT.getOrDefault(segment, "any");
                value = id(kind, false);
            }
            variables.appendReplacement(path, Matcher.quoteReplacement(value));
            index++;
        }
        variables.appendTail(path);
        return path.toString();
    }

    private String query(Operation operation, List<String> mutations, boolean odd) {
        List<String> pairs = new ArrayList<>();
        List<JsonNode> parameters = operation.parameters("query");
        for (JsonNode parameter : parameters) {
            if (parameter.path("required").asBoolean() || random.nextBoolean()) {
                JsonNode value = parameterValue(parameter.path("name").asText(), parameter.path("schema"));
                pairs.add(encode(parameter.path("name").asText()) + "=" + encode(value.isTextual() ? value.asText() : value.toString()));
            }
        }
        if (odd) {
            String name = parameters.isEmpty() || random.nextInt(4) == 0 ? pick(List.of("unknown", "%00", "page", "size"))
                    : parameters.get(random.nextInt(parameters.size())).path("name").asText();
            String value = pick(List.of("%00", "-1", "99999999999999999999", "abc", "", "%FF", "1e308", "true%00",
                    "%E2%80%AE", "2026-02-30", "-999999999-01-01", "a".repeat(10_000), "%F0%9F%9A%A6", "null", "NaN",
                    "0x10", "%0D%0ASet-Cookie:x=y", "..%2F.."));
            String pair = (name.startsWith("%") ? name : encode(name)) + "=" + value;
            if (random.nextBoolean() || pairs.isEmpty()) {
                pairs.add(pair);
            } else {
                pairs.set(random.nextInt(pairs.size()), pair);
            }
            if (random.nextInt(5) == 0) {
                pairs.add(pair);
            }
            mutations.add("query " + (pair.length() > 40 ? pair.substring(0, 40) + "..." : pair));
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    /**
     * A query parameter's value. The document lists no values for the filters, so they are taken from the
     * property of the same name in the answers' schemas, which do (a filter on status filters the status the
     * board shows); a filter on a crew names a crew.
     */
    private JsonNode parameterValue(String name, JsonNode schema) {
        if (name.equals("crew")) {
            return NODES.textNode(id("crew", false));
        }
        if (schema.path("type").asText().equals("string") && !schema.has("enum") && !schema.has("format")) {
            List<JsonNode> values = new ArrayList<>();
            schemas.forEach(component -> {
                JsonNode property = component.path("properties").path(name);
                property.path("enum").forEach(values::add);
                component.path("properties").path(name + "s").path("items").path("enum").forEach(values::add);
            });
            if (!values.isEmpty() && random.nextInt(100) < 85) {
                return pick(values);
            }
        }
        if (schema.path("type").asText().equals("integer")) {
            return NODES.numberNode(name.toLowerCase(java.util.Locale.ROOT).contains("size") ? 1 + random.nextInt(100)
                    : random.nextInt(3));
        }
        return value(name, schema, 0, false);
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * An id of the given kind: mostly one that exists, sometimes one of another kind (they share one id space),
     * a fresh one, or, for body fields, a malformed one.
     */
    private String id(String kind, boolean creating) {
        int roll = random.nextInt(100);
        List<String> own = known.getOrDefault(kind, List.of());
        if (creating ? roll < 70 : roll < 15 || own.isEmpty() && roll < 60) {
            return "FZ-" + run + "-" + (++freshIds);
        }
        if (roll < 88 && !own.isEmpty()) {
            return pick(own);
        }
        List<String> all = new ArrayList<>();
        known.forEach((k, ids) -> {
            if (!k.equals("processingGroup")) {
                all.addAll(ids);
            }
        });
        return all.isEmpty() ? "FZ-" + run + "-" + (++freshIds) : pick(all);
    }

    record Body(String text, byte[] raw, String contentType) {
        byte[] bytes() {
            return raw != null ? raw : text.replace(LONE_SURROGATE, "\\ud800").getBytes(StandardCharsets.UTF_8);
        }
    }

    private Body body(Operation operation, String contentType) {
        if (contentType.equals("text/csv")) {
            return new Body(csv(1 + random.nextInt(3)), null, contentType);
        }
        if (contentType.equals("application/geo+json") || operation.path().endsWith("/imports")
                && contentType.equals("application/json")) {
            return new Body(geoJson(1 + random.nextInt(3)), null, contentType);
        }
        if (contentType.startsWith("multipart/")) {
            String boundary = "fuzz" + random.nextInt(1_000_000);
            String name = random.nextInt(100) < 85 ? "file" : pick(List.of("upload", "", "file\"; x=\"y"));
            String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"points.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n" + csv(1 + random.nextInt(2)) + "\r\n--" + boundary + "--\r\n";
            return new Body(part, null, "multipart/form-data; boundary=" + boundary);
        }
        JsonNode schema = operation.spec().path("requestBody").path("content").path(contentType).path("schema");
        JsonNode body = random.nextInt(100) < 30 && resolve(schema).has("example")
                ? withIds(resolve(schema).path("example").deepCopy(), operation)
                : value(null, schema, 0, creates(operation));
        return new Body(write(body), null, contentType);
    }

    private static boolean creates(Operation operation) {
        return !operation.path().endsWith("}") && KIND_OF_SEGMENT.containsKey(operation.path()
                .substring(operation.path().lastIndexOf('/') + 1));
    }

    /** The schema's example with its ids replaced by ids the application knows, or fresh ones when it creates. */
    private JsonNode withIds(JsonNode example, Operation operation) {
        if (example instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (KIND_OF_FIELD.containsKey(name) || name.endsWith("Id")) {
                    boolean creating = creates(operation) && name.equals(firstIdField(operation));
                    object.put(name, id(KIND_OF_FIELD.getOrDefault(name, "fresh"), creating));
                }
            }
        }
        return example;
    }

    private String firstIdField(Operation operation) {
        String segment = operation.path().substring(operation.path().lastIndexOf('/') + 1);
        String kind = KIND_OF_SEGMENT.get(segment);
        return kind == null ? "" : kind + "Id";
    }

    private String csv(int rows) {
        StringBuilder csv = new StringBuilder("light_point_id;commune;latitude;longitude;cabinet_id;rated_power_w;legacy_power_w;technology\n");
        for (int i = 0; i < rows; i++) {
            csv.append(id("lightPoint", true)).append(";Dijon;47.32").append(random.nextInt(10)).append(";5.04;")
                    .append(id("cabinet", false)).append(";40;150;LED\n");
        }
        return csv.toString();
    }

    private String geoJson(int features) {
        ObjectNode collection = NODES.objectNode().put("type", "FeatureCollection");
        ArrayNode list = collection.putArray("features");
        for (int i = 0; i < features; i++) {
            ObjectNode feature = list.addObject().put("type", "Feature");
            feature.putObject("geometry").put("type", "Point").putArray("coordinates").add(5.04).add(47.32);
            feature.putObject("properties").put("light_point_id", id("lightPoint", true)).put("commune", "Dijon")
                    .put("cabinet_id", id("cabinet", false)).put("rated_power_w", 40).put("technology", "LED");
        }
        return write(collection);
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** A value the schema describes: the example, an enum value, a plausible date, an id that exists. */
    private JsonNode value(String name, JsonNode declared, int depth, boolean creating) {
        JsonNode schema = resolve(declared);
        if (schema.has("allOf") && schema.path("allOf").size() > 0) {
            schema = resolve(schema.path("allOf").get(0));
        }
        if (schema.has("enum") && schema.path("enum").size() > 0) {
            return schema.path("enum").get(random.nextInt(schema.path("enum").size())).deepCopy();
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        if (name != null && name.endsWith("Id") && type.equals("string")) {
            return NODES.textNode(id(KIND_OF_FIELD.getOrDefault(name, "fresh"), creating && depth == 1));
        }
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth > 4) {
                    return object;
                }
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(field -> required.add(field.asText()));
                schema.path("properties").fields().forEachRemaining(property -> {
                    if (required.contains(property.getKey()) || random.nextInt(100) < 60) {
                        object.set(property.getKey(), value(property.getKey(), property.getValue(), depth + 1, creating));
                    }
                });
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int size = 1 + random.nextInt(3);
                for (int i = 0; i < size; i++) {
                    array.add(value(name, schema.path("items"), depth + 1, false));
                }
                return array;
            }
            case "integer", "number" -> {
                if (schema.has("example") && random.nextInt(100) < 70) {
                    return number(schema.path("example"));
                }
                double min = schema.path("minimum").asDouble(0);
                double max = schema.path("maximum").asDouble(min + 100);
                double value = min + random.nextDouble() * (max - min);
                return type.equals("integer") ? NODES.numberNode((long) value) : NODES.numberNode(value);
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                String format = schema.path("format").asText("");
                if (format.equals("date-time") && "effectiveFrom".equals(name)) {
                    // The suite's tests share one contract: an amendment the fuzzer gets accepted must not change the
                    // terms they run under, so it takes effect after the suite's lifetime (a day back is refused).
                    return NODES.textNode(random.nextBoolean() ? AMENDMENTS_FROM.plus(Duration.ofDays(random.nextInt(3650))).toString()
                            : Instant.now().minus(Duration.ofDays(2 + random.nextInt(1000))).truncatedTo(ChronoUnit.SECONDS).toString());
                }
                if (format.equals("date-time")) {
                    return NODES.textNode(Instant.now().truncatedTo(ChronoUnit.SECONDS)
                            .plus(Duration.ofMinutes(random.nextInt(24 * 60) - 12 * 60L)).toString());
                }
                if (format.equals("date")) {
                    return NODES.textNode(LocalDate.now().minusDays(random.nextInt(30)).toString());
                }
                if (schema.has("example")) {
                    return schema.path("example").isTextual() ? schema.path("example").deepCopy()
                            : NODES.textNode(schema.path("example").asText());
                }
                return NODES.textNode("fuzz " + random.nextInt(1000));
            }
        }
    }

    private static JsonNode number(JsonNode example) {
        if (example.isNumber()) {
            return example.deepCopy();
        }
        try {
            return NODES.numberNode(new java.math.BigDecimal(example.asText()));
        } catch (NumberFormatException notANumber) {
            return NODES.numberNode(1);
        }
    }

    /** A place in a body where a value can be changed: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index) {
        JsonNode get() {
            return field != null ? parent.path(field) : parent.path(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }

        String name() {
            return field != null ? field : "[" + index + "]";
        }
    }

    private static void slots(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                slots.add(new Slot(object, field.getKey(), -1));
                slots(field.getValue(), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                slots(array.get(i), slots);
            }
        }
    }

    /** One hostile variation of a body; the label names it in the report. */
    private Body mutate(Body body, Operation operation, List<String> mutations) {
        boolean json = body.contentType().contains("json") && body.raw() == null;
        JsonNode tree = null;
        if (json) {
            try {
                tree = JSON.readTree(body.text());
            } catch (JsonProcessingException alreadyBroken) {
                json = false;
            }
        }
        int roll = random.nextInt(100);
        if (!json) {
            return mutateText(body, mutations);
        }
        List<Slot> slots = new ArrayList<>();
        slots(tree, slots);
        Slot slot = slots.isEmpty() ? null : slots.get(random.nextInt(slots.size()));
        if (slot == null || roll >= 80) {
            return mutateText(body, mutations);
        }
        String where = slot.name();
        Supplier<JsonNode> hostile;
        String label;
        int kind = random.nextInt(12);
        switch (kind) {
            case 0 -> {
                slot.remove();
                mutations.add("missing " + where);
                return new Body(write(tree), null, body.contentType());
            }
            case 1 -> {
                hostile = NODES::nullNode;
                label = "null";
            }
            case 2 -> {
                JsonNode current = slot.get();
                hostile = () -> current.isTextual() ? pick(List.<JsonNode>of(NODES.numberNode(42), NODES.booleanNode(true),
                        NODES.arrayNode().add("x"), NODES.objectNode().put("a", 1)))
                        : pick(List.<JsonNode>of(NODES.textNode("forty-two"), NODES.booleanNode(false), NODES.arrayNode(),
                        NODES.objectNode(), NODES.textNode("")));
                label = "wrong type";
            }
            case 3 -> {
                String number = pick(HOSTILE_NUMBERS);
                hostile = () -> NODES.numberNode(new java.math.BigDecimal(number.equals("-0") ? "0" : number));
                label = "number " + number;
            }
            case 4 -> {
                int length = pick(List.of(65, 201, 1_001, 100_000));
                hostile = () -> NODES.textNode("x".repeat(length));
                label = "string of " + length;
            }
            case 5, 6 -> {
                String text = pick(HOSTILE_TEXTS);
                hostile = () -> NODES.textNode(random.nextBoolean() || slot.get() == null || !slot.get().isTextual() ? text
                        : slot.get().asText() + text);
                label = "text " + JSON.valueToTree(text).toString().replace(LONE_SURROGATE, "\\ud800");
            }
            case 7 -> {
                String date = pick(HOSTILE_DATES);
                hostile = () -> NODES.textNode(date);
                label = "date " + date;
            }
            case 8 -> {
                hostile = () -> {
                    ArrayNode array = NODES.arrayNode();
                    int size = pick(List.of(0, 1, 50, 10_000));
                    for (int i = 0; i < size; i++) {
                        array.add(random.nextBoolean() ? NODES.nullNode() : slot.get().deepCopy());
                    }
                    return array;
                };
                label = "array";
            }
            case 9 -> {
                hostile = () -> NODES.arrayNode().addNull();
                label = "[null]";
            }
            case 10 -> {
                String kindName = pick(new ArrayList<>(known.keySet()));
                hostile = () -> NODES.textNode(pick(known.get(kindName)));
                label = "id of a " + kindName;
            }
            default -> {
                hostile = () -> NODES.objectNode().set("nested", NODES.objectNode().put("deeper", true));
                label = "object";
            }
        }
        slot.set(hostile.get());
        mutations.add(where + ": " + (label.length() > 60 ? label.substring(0, 60) + "..." : label));
        return new Body(write(tree), null, body.contentType());
    }

    private Body mutateText(Body body, List<String> mutations) {
        String text = body.raw() != null ? "" : body.text();
        String type = body.contentType();
        int kind = random.nextInt(11);
        switch (kind) {
            case 0 -> {
                mutations.add("unknown field");
                return new Body(text.startsWith("{") ? "{\"fuzzUnknown\":1," + text.substring(1) : text + "\u0000", null, type);
            }
            case 1 -> {
                Matcher first = Pattern.compile("\\{\\s*(\"[^\"]+\"\\s*:\\s*(\"[^\"]*\"|[^,}]+))").matcher(text);
                mutations.add("duplicate key");
                return new Body(first.find() ? "{" + first.group(1) + "," + text.substring(text.indexOf('{') + 1) : text + text,
                        null, type);
            }
            case 2 -> {
                String whole = pick(List.of("null", "[]", "\"text\"", "42", "true", "[{}]", "{}", "[null]", "{\"\":\"\"}"));
                mutations.add("whole body " + whole);
                return new Body(whole, null, type);
            }
            case 3 -> {
                String broken = pick(List.of(
                        text.isEmpty() ? "{" : text.substring(0, Math.max(1, text.length() / 2)),
                        text + ",", text + "}", text.replace("\"", "'"), "{\"a\":NaN}", "{\"a\":Infinity}",
                        "// comment\n" + text, "\uFEFF" + text, text.replace(":", "="), "{\"a\":1,}", "{a:1}",
                        "[" + text, text + "\u0000", "{\"a\":\"\\x00\"}", "{\"a\":\"\\u00\"}", "{\"a\":01}", "\"\\ud800\""));
                mutations.add("malformed");
                return new Body(broken, null, type);
            }
            case 4 -> {
                byte[] prefix = text.getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(prefix, 0, Math.min(prefix.length, Math.max(1, prefix.length / 3)));
                byte[] invalid = pick(List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF, (byte) 0xFE},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {0}));
                out.write(invalid, 0, invalid.length);
                out.write(prefix, Math.min(prefix.length, Math.max(1, prefix.length / 3)),
                        prefix.length - Math.min(prefix.length, Math.max(1, prefix.length / 3)));
                mutations.add("invalid UTF-8");
                return new Body(null, out.toByteArray(), type);
            }
            case 5 -> {
                int depth = pick(List.of(100, 1_001, 5_000, 20_000));
                mutations.add("nesting " + depth);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                String nested = open.repeat(depth) + "1" + close.repeat(depth);
                return new Body(text.startsWith("{\"") ? "{\"fuzzDeep\":" + nested + "," + text.substring(1) : nested, null, type);
            }
            case 6 -> {
                int size = 1_048_576 + 1 + random.nextInt(400_000);
                mutations.add("oversized " + size);
                StringBuilder big = new StringBuilder(size + text.length());
                big.append(text.startsWith("{") ? "{\"padding\":\"" : "");
                big.append("p".repeat(size));
                big.append(text.startsWith("{") ? "\"," + text.substring(1) : text);
                return new Body(big.toString(), null, type);
            }
            case 7 -> {
                mutations.add("empty body");
                return new Body("", null, type);
            }
            case 8 -> {
                mutations.add("whitespace body");
                return new Body(" \n\t ", null, type);
            }
            case 9 -> {
                String control = pick(List.of("\u0000", "\u0001", "\u001b", "\u007f", "\r\n"));
                mutations.add("raw control character in body");
                int at = text.isEmpty() ? 0 : random.nextInt(text.length());
                return new Body(text.substring(0, at) + control + text.substring(at), null, type);
            }
            default -> {
                mutations.add("escaped NUL everywhere");
                return new Body(text.replace("\":\"", "\":\"\\u0000"), null, type);
            }
        }
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
