package io.pilotage.reports;

import static io.pilotage.shared.web.JsonWords.as;

import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.stereotype.Component;

/**
 * Writes the reports vocabularies in the API as Open311 and FixMyStreet spell them: service codes as the catalogue
 * lists them ("street-light-out"), statuses in FixMyStreet's words ("action_scheduled"), channels in lower case.
 * Events keep the enum constants, which never change.
 */
@Component
public class ReportsJson extends SimpleModule {

    public ReportsJson() {
        super("pilotage-reports");
        addSerializer(ServiceCode.class, as(ServiceCode::code));
        addSerializer(RequestStatus.class, as(RequestStatus::wireName));
        addSerializer(ReportChannel.class, as(ReportChannel::wireName));
    }
}
