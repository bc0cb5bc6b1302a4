package io.pilotage.reports.open311;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.reports.ServiceCode;
import org.junit.jupiter.api.Test;

class Open311CatalogueTest {

    @Test
    void givenEveryServiceOfTheDomain_whenListedThroughOpen311_thenItHasKeywordsAndAnAttributeExactlyWhenItIsAboutEquipment() {
        for (ServiceCode service : ServiceCode.values()) {
            assertThat(Open311Catalogue.keywords(service)).as(service.code()).isNotBlank();
            assertThat(Open311Catalogue.attributes(service)).as(service.code())
                    .hasSize(service.assetKind().isPresent() ? 1 : 0);
        }
        assertThat(Open311Catalogue.attribute(ServiceCode.STREET_LIGHT_OUT, "light_point_id")).isPresent();
        assertThat(Open311Catalogue.attribute(ServiceCode.TRAFFIC_SIGNAL_FAULT, "intersection_id")).isPresent();
        assertThat(Open311Catalogue.attribute(ServiceCode.POTHOLE, "light_point_id")).isEmpty();
    }

    @Test
    void givenPaths_whenAskedWhichMethodsAnswer_thenResourcesAreKnownAndOthersAreNot() {
        assertThat(Open311Resources.methodsOf("/open311/v2/requests.json")).contains("GET", "POST");
        assertThat(Open311Resources.methodsOf("/open311/v2/services.xml")).containsExactly("GET", "HEAD");
        assertThat(Open311Resources.methodsOf("/open311/v2/requests/SR-1.xml")).containsExactly("GET", "HEAD");
        assertThat(Open311Resources.methodsOf("/open311/v2/nothing.json")).isEmpty();
        assertThat(Open311Format.forErrorsOn("/open311/v2/requests.xml")).isEqualTo(Open311Format.XML);
        assertThat(Open311Format.forErrorsOn("/open311/v2/requests.csv")).isEqualTo(Open311Format.JSON);
    }
}
