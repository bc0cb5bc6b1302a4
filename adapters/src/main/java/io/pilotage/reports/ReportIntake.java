package io.pilotage.reports;

import io.pilotage.lighting.LightingQueries.FindLightPoint;
import io.pilotage.lighting.LightingQueries.FindNearestLightPoint;
import io.pilotage.lighting.LightingQueries.LightPointView;
import io.pilotage.reports.ReportCommands.ReportServiceRequest;
import io.pilotage.shared.Commune;
import io.pilotage.reports.ReportRules.ReportedLightPointMustExist;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.RuleViolation;
import io.pilotage.shared.Text;
import io.pilotage.shared.web.Actor;
import io.pilotage.shared.web.CommandSender;
import io.pilotage.shared.web.IdGenerator;
import io.pilotage.shared.web.Queries;
import java.time.Clock;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The one way a report enters, whichever door it came through (a call taken by an operator, an Open311 client):
 * the personal fields are checked, then sealed with the reporter's key before any command exists, so that no
 * command, event, idempotency record or log line ever holds them in clear; a street light reported by position is
 * placed on the nearest light point within {@value #NEAREST_POINT_METRES} m, and a position without a commune takes
 * the commune of the nearest light point (the inventory covers all 23 communes). Everything the command will check is
 * checked before anything is sealed, so that a refused report leaves no key behind either.
 */
@Component
public class ReportIntake {

    public static final int NEAREST_POINT_METRES = 30;
    /** A report by position without a commune takes the commune of the nearest light point this close. */
    public static final int COMMUNE_SEARCH_METRES = 1_000;
    public static final int NAME_MAX = 100;
    public static final int EMAIL_MAX = 254;
    public static final int PHONE_MAX = 32;
    public static final int DESCRIPTION_MAX = 4_000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 .()-]{3,32}");

    /** What the reporter told about themselves; {@code toString} shows none of it. Any field may be null. */
    public record Contact(String firstName, String lastName, String email, String phone) {
        public static Contact none() {
            return new Contact(null, null, null, null);
        }

        @Override
        public String toString() {
            return "Contact[hidden]";
        }
    }

    /**
     * A report as a door received it. {@code reporterId} is null for a new reporter; an operator gives it when a
     * caller quotes the reporter id of an earlier report, so that one erasure covers both.
     */
    public record NewReport(ReportChannel channel, ServiceCode serviceCode, GeoPosition position, String address,
                            Commune commune, String assetId, ReporterId reporterId, Contact contact, String description,
                            String mediaUrl) {
        @Override
        public String toString() {
            return "NewReport[" + channel + ", " + serviceCode + "]";
        }
    }

    public record Reported(ServiceRequestId serviceRequestId, ReporterId reporterId) {
    }

    private final PersonalDataVault vault;
    private final CommandSender commands;
    private final Queries queries;
    private final IdGenerator ids;
    private final Clock clock;

    public ReportIntake(PersonalDataVault vault, CommandSender commands, Queries queries, IdGenerator ids, Clock clock) {
        this.vault = vault;
        this.commands = commands;
        this.queries = queries;
        this.ids = ids;
        this.clock = clock;
    }

    /** Sends the report on behalf of {@code actor}; answers the ids the reporter is given. */
    public Reported report(NewReport report, Actor actor) {
        InvalidValue.requireNonNull(report.serviceCode(), "serviceCode");
        InvalidValue.require(report.position() != null || report.address() != null, "position",
                "a position or an address is required");
        Contact contact = report.contact() == null ? Contact.none() : report.contact();
        String firstName = optionalLine(contact.firstName(), "firstName", NAME_MAX);
        String lastName = optionalLine(contact.lastName(), "lastName", NAME_MAX);
        String email = optionalLine(contact.email(), "email", EMAIL_MAX);
        InvalidValue.require(email == null || EMAIL.matcher(email).matches(), "email", "must be an email address");
        String phone = optionalLine(contact.phone(), "phone", PHONE_MAX);
        InvalidValue.require(phone == null || PHONE.matcher(phone).matches(), "phone",
                "must be a phone number (digits, spaces, '+', '.', '-', parentheses)");
        String description = report.description() == null || report.description().isBlank() ? null
                : Text.requireMultiline(report.description(), "description", DESCRIPTION_MAX);
        if (report.address() != null) {
            Text.requireLine(report.address(), "address", ReportCommands.ADDRESS_MAX);
        }
        if (report.mediaUrl() != null) {
            ReportCommands.requireMediaUrl(report.mediaUrl());
        }
        if (report.assetId() != null) {
            Identifiers.require(report.assetId(), "assetId");
        }
        String assetId = assetOf(report);
        Commune commune = report.commune() != null || report.position() == null ? report.commune()
                : queries.find(new FindNearestLightPoint(report.position(), COMMUNE_SEARCH_METRES), LightPointView.class)
                        .map(LightPointView::commune).orElse(null);

        ReporterId reporter = report.reporterId() != null ? report.reporterId() : new ReporterId("RPT-" + shortId());
        Function<String, Sealed> seal = text -> text == null ? null : vault.seal(reporter, text);
        PersonalDetails personal = new PersonalDetails(seal.apply(firstName), seal.apply(lastName), seal.apply(email),
                seal.apply(phone), seal.apply(description));
        ServiceRequestId id = new ServiceRequestId("SR-" + shortId());
        commands.send(new ReportServiceRequest(id, reporter, report.channel(), report.serviceCode(), report.position(),
                report.address(), commune, assetId, personal, report.mediaUrl(), clock.instant()), actor);
        return new Reported(id, reporter);
    }

    /**
     * Twelve hex digits (48 bits) of a fresh id: short enough to read out over the phone. Two reports drawing the same
     * id cannot merge: the second is refused as another report under a known id.
     */
    private String shortId() {
        return ids.next().replace("-", "").substring(0, 12).toUpperCase(java.util.Locale.ROOT);
    }

    /** A light point named by id must exist; one not named is the nearest to the position, if any is close enough. */
    private String assetOf(NewReport report) {
        if (report.serviceCode() != ServiceCode.STREET_LIGHT_OUT) {
            return report.assetId();
        }
        if (report.assetId() != null) {
            queries.find(new FindLightPoint(report.assetId()), LightPointView.class)
                    .orElseThrow(() -> new RuleViolation(new ReportedLightPointMustExist(report.assetId())));
            return report.assetId();
        }
        if (report.position() == null) {
            return null;
        }
        return queries.find(new FindNearestLightPoint(report.position(), NEAREST_POINT_METRES), LightPointView.class)
                .map(LightPointView::lightPointId).orElse(null);
    }

    private static String optionalLine(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Text.requireLine(value.trim(), field, max);
    }
}
