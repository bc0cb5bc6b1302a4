package io.pilotage.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotage.shared.InvalidValue;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CommuneTest {

    @Test
    void theMetropoleHas23Communes() {
        assertThat(Commune.values()).hasSize(23);
    }

    @Test
    void givenTheWaysOperatorsSpellACommune_whenLookedUp_thenTheSameCommune() {
        assertThat(Commune.lookup("Fontaine-lès-Dijon")).contains(Commune.FONTAINE_LES_DIJON);
        assertThat(Commune.lookup("fontaine les dijon")).contains(Commune.FONTAINE_LES_DIJON);
        assertThat(Commune.lookup("FONTAINE_LES_DIJON")).contains(Commune.FONTAINE_LES_DIJON);
        assertThat(Commune.lookup("Chenove")).contains(Commune.CHENOVE);
    }

    @Test
    void givenACommuneOutsideTheMetropole_whenParsed_thenInvalidNamingTheField() {
        assertThatThrownBy(() -> Commune.parse("Beaune", "commune"))
                .isInstanceOf(InvalidValue.class)
                .satisfies(e -> assertThat(((InvalidValue) e).field()).isEqualTo("commune"));
    }

    @Property
    void everyOfficialNameAndConstantFindsItsCommune(@ForAll Commune commune) {
        assertThat(Commune.lookup(commune.displayName())).contains(commune);
        assertThat(Commune.lookup(commune.name())).contains(commune);
        assertThat(Commune.lookup(commune.displayName().toUpperCase())).contains(commune);
    }
}
