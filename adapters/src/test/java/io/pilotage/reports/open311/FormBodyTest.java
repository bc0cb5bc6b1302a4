package io.pilotage.reports.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void givenAFormEncodedBody_whenParsed_thenPlusIsASpaceAndEscapesAreUtf8() {
        var fields = FormBody.parse(bytes("service_code=pothole&address_string=Place+Fran%C3%A7ois+Rude&attribute%5Blight_point_id%5D=LP-1&empty="));

        assertThat(fields).containsEntry("service_code", "pothole")
                .containsEntry("address_string", "Place François Rude")
                .containsEntry("attribute[light_point_id]", "LP-1")
                .containsEntry("empty", "");
    }

    @Test
    void givenANameTwice_whenParsed_thenRefusedWith400() {
        assertThatThrownBy(() -> FormBody.parse(bytes("lat=1&lat=2")))
                .isInstanceOfSatisfying(Open311Error.class, error -> {
                    assertThat(error.code()).isEqualTo(400);
                    assertThat(error.description()).isEqualTo("lat is given more than once");
                });
    }

    @Test
    void givenABrokenEscapeOrBytesThatAreNotUtf8_whenParsed_thenRefusedWith400() {
        assertThatThrownBy(() -> FormBody.parse(bytes("description=100%"))).isInstanceOf(Open311Error.class);
        assertThatThrownBy(() -> FormBody.parse(bytes("description=%ZZ"))).isInstanceOf(Open311Error.class);
        assertThatThrownBy(() -> FormBody.parse(bytes("description=%C3%28"))).isInstanceOfSatisfying(Open311Error.class,
                error -> assertThat(error.description()).contains("UTF-8"));
    }

    @Test
    void givenAStrangeName_whenQuotedInAnError_thenItIsNotEchoed() {
        assertThat(FormBody.show("attribute[light_point_id]")).isEqualTo("attribute[light_point_id]");
        assertThat(FormBody.show("jean.dupont@example.org")).isEqualTo("a parameter");
    }
}
