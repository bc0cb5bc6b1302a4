package io.pilotage.reports.open311;

import static io.pilotage.reports.ReportQueries.PUBLIC_LIMIT;
import static io.pilotage.reports.open311.Open311Writer.object;

import io.pilotage.reports.ReportChannel;
import io.pilotage.reports.ReportCommands;
import io.pilotage.reports.ReportIntake;
import io.pilotage.reports.ReportIntake.Contact;
import io.pilotage.reports.ReportIntake.NewReport;
import io.pilotage.reports.ReportIntake.Reported;
import io.pilotage.reports.ReportQueries.FindPublicServiceRequests;
import io.pilotage.reports.ReportQueries.PublicServiceRequest;
import io.pilotage.reports.ReportQueries.PublicServiceRequests;
import io.pilotage.reports.ServiceCode;
import io.pilotage.reports.open311.Open311Catalogue.Attribute;
import io.pilotage.reports.open311.Open311KeyStore.StoredKey;
import io.pilotage.reports.open311.Open311Writer.Items;
import io.pilotage.shared.Channel;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.Text;
import io.pilotage.shared.web.Actor;
import io.pilotage.shared.web.Queries;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under {@value #BASE}: what citizens' apps and
 * integrators already speak. Reads are public and anonymous and carry nothing personal (the read model's public
 * answer has no field that could); a request is posted form-encoded with an {@code api_key} and enters through
 * {@link ReportIntake}, like a phone call, so its personal fields are sealed before any command exists. The format is
 * the resource's extension. Every refusal is in the standard's error format ({@link Open311ExceptionHandler}); the
 * standard is the contract here, not the API's OpenAPI document, which therefore does not list these endpoints.
 */
@Hidden
@RestController
@RequestMapping(Open311Errors.PATH_PREFIX)
public class Open311Controller {

    static final String BASE = "/open311/v2";
    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    /** When the catalogue, its attributes or this endpoint last changed (discovery's {@code changeset}). */
    static final String CHANGESET = "2026-11-30T00:00:00Z";
    static final Duration DEFAULT_WINDOW = Duration.ofDays(90);
    static final int MAX_ATTRIBUTE_LENGTH = 64;

    private static final Set<String> POST_PARAMETERS = Set.of("api_key", "jurisdiction_id", "service_code", "lat", "long",
            "address_string", "address_id", "email", "device_id", "account_id", "first_name", "last_name", "phone",
            "description", "media_url");
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\]]*)]");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Map<String, String> PARAMETER_OF_FIELD = Map.of("firstName", "first_name", "lastName", "last_name",
            "mediaUrl", "media_url", "address", "address_string", "position", "lat/long or address_string",
            "latitude", "lat", "longitude", "long", "serviceCode", "service_code");

    private final ReportIntake intake;
    private final Queries queries;
    private final Open311ApiKeys keys;
    private final Clock clock;
    private final String jurisdictionId;
    private final String contact;
    private final String keyService;
    private final long maxBodyBytes;

    public Open311Controller(ReportIntake intake, Queries queries, Open311ApiKeys keys, Clock clock,
                             @Value("${pilotage.open311.jurisdiction-id:dijon-metropole.fr}") String jurisdictionId,
                             @Value("${pilotage.open311.contact:Dijon Métropole connected control centre, https://www.metropole-dijon.fr}") String contact,
                             @Value("${pilotage.open311.key-service:API keys are issued by the control centre's administrators on request}") String keyService,
                             @Value("${pilotage.open311.max-body-bytes:65536}") long maxBodyBytes) {
        this.intake = intake;
        this.queries = queries;
        this.keys = keys;
        this.clock = clock;
        this.jurisdictionId = jurisdictionId;
        this.contact = contact;
        this.keyService = keyService;
        this.maxBodyBytes = maxBodyBytes;
    }

    @GetMapping("/v2/discovery.{format}")
    public ResponseEntity<byte[]> discovery(@PathVariable String format, HttpServletRequest request) {
        Open311Format answer = format(format);
        String url = URI.create(request.getRequestURL().toString()).resolve(BASE).toString();
        Map<String, Object> endpoint = object("specification", SPECIFICATION, "url", url, "changeset", CHANGESET,
                "type", "production", "formats", new Items("format", Arrays.stream(Open311Format.values())
                        .map(Open311Format::mediaType).toList()));
        return ok(answer, "discovery", object("changeset", CHANGESET, "contact", contact, "key_service", keyService,
                "endpoints", new Items("endpoint", List.of(endpoint))));
    }

    @GetMapping("/v2/services.{format}")
    public ResponseEntity<byte[]> services(@PathVariable String format,
                                           @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        Open311Format answer = format(format);
        checkJurisdiction(jurisdiction);
        List<Map<String, Object>> services = Arrays.stream(ServiceCode.values()).map(service -> object(
                "service_code", service.code(), "service_name", service.displayName(), "description", service.description(),
                "metadata", !Open311Catalogue.attributes(service).isEmpty(), "type", "realtime",
                "keywords", Open311Catalogue.keywords(service), "group", service.group())).toList();
        return ok(answer, "services", new Items("service", services));
    }

    @GetMapping("/v2/services/{file}")
    public ResponseEntity<byte[]> serviceDefinition(@PathVariable String file,
                                                    @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        int dot = file.lastIndexOf('.');
        Open311Format answer = format(dot < 0 ? null : file.substring(dot + 1));
        checkJurisdiction(jurisdiction);
        ServiceCode service = ServiceCode.lookup(file.substring(0, dot))
                .orElseThrow(() -> Open311Error.notFound("service_code provided was not found"));
        List<Map<String, Object>> attributes = Open311Catalogue.attributes(service).stream().map(attribute -> object(
                "variable", true, "code", attribute.code(), "datatype", attribute.datatype(), "required", attribute.required(),
                "datatype_description", attribute.datatypeDescription(), "order", attribute.order(),
                "description", attribute.description(), "values", new Items("value", List.of()))).toList();
        return ok(answer, "service_definition", object("service_code", service.code(),
                "attributes", new Items("attribute", attributes)));
    }

    /**
     * Posts a service request: {@code api_key} first (403), then {@code jurisdiction_id} when given (404), then the
     * request itself (400). The answer's {@code account_id} is the reporter id the citizen quotes to have their
     * personal data erased. {@code device_id}, {@code account_id} and {@code address_id} are accepted and not kept.
     */
    @PostMapping("/v2/requests.{format}")
    public ResponseEntity<byte[]> post(@PathVariable String format, HttpServletRequest request) throws IOException {
        Open311Format answer = format(format);
        requireForm(request.getContentType());
        Map<String, String> parameters = FormBody.parse(readWithin(request.getInputStream()));
        if (request.getQueryString() != null) {
            FormBody.parse(request.getQueryString().getBytes(StandardCharsets.ISO_8859_1)).forEach((name, value) -> {
                if (parameters.putIfAbsent(name, value) != null) {
                    throw Open311Error.badRequest(FormBody.show(name) + " is given more than once");
                }
            });
        }
        StoredKey key = keys.authenticate(parameters.get("api_key"))
                .orElseThrow(() -> new Open311Error(403, "api_key was not provided or is not valid"));
        checkJurisdiction(parameters.get("jurisdiction_id"));
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            var attribute = ATTRIBUTE.matcher(parameter.getKey());
            if (attribute.matches()) {
                attributes.put(attribute.group(1), parameter.getValue());
            } else if (!POST_PARAMETERS.contains(parameter.getKey())) {
                throw Open311Error.badRequest(FormBody.show(parameter.getKey()) + " is not a parameter of POST requests");
            }
        }
        NewReport report = newReport(parameters, attributes);
        Reported reported;
        try {
            reported = intake.report(report, Actor.systemInRequest("open311:" + key.keyId(), Channel.OPEN311));
        } catch (InvalidValue invalid) {
            throw Open311Error.badRequest(parameterOf(invalid.field(), report.serviceCode()) + " " + invalid.reason());
        }
        String id = reported.serviceRequestId().value();
        return ok(answer, "service_requests", new Items("request", List.of(object("service_request_id", id,
                "service_notice", "Received by the control centre; follow it at " + BASE + "/requests/" + id + "." + answer.extension(),
                "account_id", reported.reporterId().value()))));
    }

    @GetMapping("/v2/requests.{format}")
    public ResponseEntity<byte[]> requests(@PathVariable String format,
                                           @RequestParam(name = "service_request_id", required = false) String ids,
                                           @RequestParam(name = "service_code", required = false) String serviceCodes,
                                           @RequestParam(name = "start_date", required = false) String startDate,
                                           @RequestParam(name = "end_date", required = false) String endDate,
                                           @RequestParam(name = "status", required = false) String statuses,
                                           @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        Open311Format answer = format(format);
        checkJurisdiction(jurisdiction);
        List<String> wanted = list(ids);
        FindPublicServiceRequests query;
        if (!wanted.isEmpty()) {
            if (wanted.size() > PUBLIC_LIMIT) {
                throw Open311Error.badRequest("service_request_id lists at most " + PUBLIC_LIMIT + " ids");
            }
            query = new FindPublicServiceRequests(wanted, Set.of(), Set.of(), null, null, PUBLIC_LIMIT);
        } else {
            Set<ServiceCode> services = new LinkedHashSet<>();
            for (String code : list(serviceCodes)) {
                services.add(ServiceCode.lookup(code).orElseThrow(() ->
                        Open311Error.badRequest("service_code provided was not found")));
            }
            Set<Boolean> closed = new LinkedHashSet<>();
            for (String status : list(statuses)) {
                switch (status.toLowerCase(Locale.ROOT)) {
                    case "open" -> closed.add(false);
                    case "closed" -> closed.add(true);
                    default -> throw Open311Error.badRequest("status must be open, closed, or both separated by a comma");
                }
            }
            Instant[] window = window(date(startDate, "start_date"), date(endDate, "end_date"));
            query = new FindPublicServiceRequests(List.of(), services, closed, window[0], window[1], PUBLIC_LIMIT);
        }
        PublicServiceRequests found = queries.ask(query, PublicServiceRequests.class);
        return ok(answer, "service_requests", new Items("request", found.items().stream().map(Open311Controller::publicView).toList()));
    }

    @GetMapping("/v2/requests/{file}")
    public ResponseEntity<byte[]> request(@PathVariable String file,
                                          @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        int dot = file.lastIndexOf('.');
        Open311Format answer = format(dot < 0 ? null : file.substring(dot + 1));
        checkJurisdiction(jurisdiction);
        String id = file.substring(0, dot);
        Open311Error unknown = Open311Error.notFound("service_request_id provided was not found");
        if (!REQUEST_ID.matcher(id).matches()) {
            throw unknown;
        }
        PublicServiceRequests found = queries.ask(new FindPublicServiceRequests(List.of(id), Set.of(), Set.of(), null, null, 1),
                PublicServiceRequests.class);
        if (found.items().isEmpty()) {
            throw unknown;
        }
        return ok(answer, "service_requests", new Items("request", found.items().stream().map(Open311Controller::publicView).toList()));
    }

    /**
     * Anything else under {@code /open311}: 405 with {@code Allow} on a resource that exists for another method, 404
     * elsewhere, both in the standard's error format (Spring's own answers would be the API's problems).
     */
    @RequestMapping("/**")
    public ResponseEntity<byte[]> elsewhere(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        List<String> allowed = Open311Resources.methodsOf(path);
        if (allowed.isEmpty()) {
            throw Open311Error.notFound("No Open311 resource answers at this address; see " + BASE + "/discovery.json");
        }
        if (request.getMethod().equals("OPTIONS")) {
            return ResponseEntity.noContent().header(HttpHeaders.ALLOW, String.join(", ", allowed)).build();
        }
        String method = request.getMethod().matches("[A-Z]{1,20}") ? request.getMethod() : "This method";
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, String.join(", ", allowed))
                .header(HttpHeaders.CONTENT_TYPE, Open311Errors.contentType(path))
                .body(Open311Errors.body(path, 405, method + " is not allowed here; use " + String.join(" or ", allowed)));
    }

    /**
     * The elements of a public request, in the order GeoReport v2 lists them; nothing personal: no description, and no
     * address (the citizen's own words), the position stands for where.
     */
    private static Map<String, Object> publicView(PublicServiceRequest request) {
        ServiceCode service = request.serviceCode();
        return object("service_request_id", request.serviceRequestId(), "status", request.status().open311(),
                "status_notes", request.statusNotes(), "service_name", service.displayName(), "service_code", service.code(),
                "description", null, "agency_responsible", null, "service_notice", null,
                "requested_datetime", datetime(request.requestedAt()), "updated_datetime", datetime(request.updatedAt()),
                "expected_datetime", null, "address", null, "address_id", null, "zipcode", null,
                "lat", request.position() == null ? null : request.position().latitude(),
                "long", request.position() == null ? null : request.position().longitude(),
                "media_url", request.mediaUrl());
    }

    private NewReport newReport(Map<String, String> parameters, Map<String, String> attributes) {
        String code = given(parameters, "service_code");
        if (code == null) {
            throw Open311Error.badRequest("service_code is required");
        }
        ServiceCode service = ServiceCode.lookup(code).orElseThrow(() -> Open311Error.badRequest("service_code provided was not found"));
        String assetId = null;
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            Attribute known = Open311Catalogue.attribute(service, attribute.getKey()).orElseThrow(() -> Open311Error.badRequest(
                    "attribute[" + FormBody.show(attribute.getKey()) + "] is not an attribute of " + service.code()
                            + "; see " + BASE + "/services/" + service.code() + ".json"));
            String value = attribute.getValue().trim();
            if (!value.isEmpty()) {
                assetId = value;
                requireText(() -> Text.requireLine(value, known.code(), MAX_ATTRIBUTE_LENGTH), "attribute[" + known.code() + "]");
            }
        }
        String lat = given(parameters, "lat");
        String lon = given(parameters, "long");
        if ((lat == null) != (lon == null)) {
            throw Open311Error.badRequest("lat and long are given together or not at all");
        }
        GeoPosition position = lat == null ? null : position(lat, lon);
        String address = given(parameters, "address_string");
        if (address != null) {
            requireText(() -> Text.requireLine(address, "address", ReportCommands.ADDRESS_MAX), "address_string");
        }
        if (position == null && address == null) {
            throw Open311Error.badRequest("lat and long, or address_string, are required");
        }
        String mediaUrl = given(parameters, "media_url");
        if (mediaUrl != null) {
            requireMediaUrl(mediaUrl);
        }
        Contact contact = new Contact(given(parameters, "first_name"), given(parameters, "last_name"),
                given(parameters, "email"), given(parameters, "phone"));
        return new NewReport(ReportChannel.OPEN311, service, position, address, null, assetId, null, contact,
                given(parameters, "description"), mediaUrl);
    }

    private static GeoPosition position(String lat, String lon) {
        double latitude;
        double longitude;
        try {
            latitude = Double.parseDouble(lat);
            longitude = Double.parseDouble(lon);
        } catch (NumberFormatException notANumber) {
            throw Open311Error.badRequest("lat and long must be decimal degrees (WGS84)");
        }
        try {
            return new GeoPosition(latitude, longitude);
        } catch (InvalidValue outOfRange) {
            throw Open311Error.badRequest(parameterOf(outOfRange.field(), null) + " " + outOfRange.reason());
        }
    }

    /** Checked here, with the rule the command applies, so that a bad URL is refused before anything is sealed. */
    private static void requireMediaUrl(String mediaUrl) {
        boolean valid = mediaUrl.length() <= ReportCommands.MEDIA_URL_MAX;
        if (valid) {
            try {
                URI uri = URI.create(mediaUrl);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                valid = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
            } catch (IllegalArgumentException malformed) {
                valid = false;
            }
        }
        if (!valid) {
            throw Open311Error.badRequest("media_url must be an http or https URL of at most "
                    + ReportCommands.MEDIA_URL_MAX + " characters");
        }
    }

    private static void requireText(Runnable check, String parameter) {
        try {
            check.run();
        } catch (InvalidValue invalid) {
            throw Open311Error.badRequest(parameter + " " + invalid.reason());
        }
    }

    private static String parameterOf(String field, ServiceCode service) {
        if (field.equals("assetId") && service != null) {
            return Open311Catalogue.attributes(service).stream().findFirst()
                    .map(attribute -> "attribute[" + attribute.code() + "]").orElse("attribute");
        }
        return PARAMETER_OF_FIELD.getOrDefault(field, field);
    }

    /** A parameter's value, or null when absent or blank (a form sends empty fields for what was left out). */
    private static String given(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private void checkJurisdiction(String given) {
        if (given != null && !given.isBlank() && !given.trim().equalsIgnoreCase(jurisdictionId)) {
            throw Open311Error.notFound("jurisdiction_id provided was not found; this endpoint serves " + jurisdictionId);
        }
    }

    private static void requireForm(String contentType) {
        boolean form;
        try {
            MediaType type = contentType == null ? null : MediaType.parseMediaType(contentType);
            form = type != null && type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED) && !type.isWildcardSubtype()
                    && (type.getCharset() == null || type.getCharset().equals(StandardCharsets.UTF_8));
        } catch (InvalidMediaTypeException | java.nio.charset.UnsupportedCharsetException
                 | java.nio.charset.IllegalCharsetNameException unreadable) {
            form = false;
        }
        if (!form) {
            throw new Open311Error(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(),
                    "Send the request as application/x-www-form-urlencoded in UTF-8, as GeoReport v2 says");
        }
    }

    private byte[] readWithin(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > maxBodyBytes) {
                throw new Open311Error(HttpStatus.PAYLOAD_TOO_LARGE.value(), "The request body exceeds " + maxBodyBytes + " bytes");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /** The window on requested_datetime: the 90 days before now by default, never longer than 90 days. */
    private Instant[] window(Instant start, Instant end) {
        if (start == null && end == null) {
            end = clock.instant();
        }
        if (start == null) {
            start = end.minus(DEFAULT_WINDOW);
        } else if (end == null) {
            end = start.plus(DEFAULT_WINDOW);
        }
        if (start.isAfter(end)) {
            throw Open311Error.badRequest("start_date must not be after end_date");
        }
        if (Duration.between(start, end).compareTo(DEFAULT_WINDOW) > 0) {
            throw Open311Error.badRequest("start_date and end_date may not span more than 90 days");
        }
        return new Instant[] {start, end};
    }

    /**
     * A W3C date-time with its time zone, as the standard requires. A '+' of an offset sent unescaped in the query
     * arrives as a space, and is read back as the '+' it was.
     */
    private static Instant date(String text, String parameter) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException unreadable) {
            throw Open311Error.badRequest(parameter + " must be a W3C date-time with a time zone, e.g. 2026-03-14T21:30:00+01:00");
        }
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : commaSeparated.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static String datetime(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Open311Format format(String extension) {
        return Open311Format.ofExtension(extension).orElseThrow(() -> Open311Error.badRequest(
                "The format is the resource's extension: .json or .xml"));
    }

    private static ResponseEntity<byte[]> ok(Open311Format format, String root, Object document) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, format.contentType())
                .body(Open311Writer.write(format, root, document));
    }
}
