package io.pilotage.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void givenControlCharacters_thenRefusedNamingTheField() {
        for (String poison : new String[] {"a\u0000b", "a\u0007b", "a\u001bb", "a\u007fb", "a\u0085b", "a\nb"}) {
            assertThatThrownBy(() -> Text.requireLine(poison, "name", 64)).isInstanceOf(InvalidValue.class)
                    .satisfies(e -> assertThat(((InvalidValue) e).field()).isEqualTo("name"));
        }
        assertThatThrownBy(() -> Text.requireMultiline("a\u0000b", "reason", 200)).isInstanceOf(InvalidValue.class);
    }

    @Test
    void givenUnpairedSurrogates_thenRefused() {
        assertThatThrownBy(() -> Text.requireLine("a\ud800b", "name", 64)).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> Text.requireLine("a\udc00", "name", 64)).isInstanceOf(InvalidValue.class);
    }

    @Test
    void givenOrdinaryTextInAnyScript_thenKept() {
        assertThat(Text.requireLine("Nuit 50 % – Chenôve 🌙", "name", 64)).isEqualTo("Nuit 50 % – Chenôve 🌙");
        assertThat(Text.requireMultiline("colonne penchée,\n\tcâble apparent\r\n", "reason", 200)).contains("\t");
    }

    @Test
    void givenBlankOrTooLong_thenRefused() {
        assertThatThrownBy(() -> Text.requireLine(" ", "name", 64)).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> Text.requireLine("x".repeat(65), "name", 64)).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> Text.requireLine(null, "name", 64)).isInstanceOf(InvalidValue.class);
    }
}
