package io.pilotage.lighting;

import static io.pilotage.shared.web.JsonWords.as;

import io.pilotage.shared.Commune;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Writes the lighting vocabularies in the API the way the standards spell them: communes by their
 * official name, statuses in FIWARE's words ("defectiveLamp"), failures in TALQ's ("lampFailure").
 * Events keep the enum constants, which never change.
 */
@Component
public class LightingJson extends SimpleModule {

    public LightingJson() {
        super("pilotage-lighting");
        addSerializer(Commune.class, as(Commune::displayName));
        addSerializer(StreetlightStatus.class, as(StreetlightStatus::fiwareName));
        addSerializer(FailureKind.class, as(FailureKind::talqName));
        addSerializer(FailureSource.class, as(source -> source.name().toLowerCase(Locale.ROOT)));
    }
}
