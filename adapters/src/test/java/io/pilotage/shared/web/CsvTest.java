package io.pilotage.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void givenPlainCells_whenWritten_thenCommaSeparatedWithCrlf() {
        assertThat(Csv.table(List.of("month", "penalty_eur"), List.of(List.of("2026-03", 120.5), Arrays.asList("2026-04", null))))
                .isEqualTo("month,penalty_eur\r\n2026-03,120.5\r\n2026-04,\r\n");
    }

    @Test
    void givenCommasQuotesAndLineEnds_whenWritten_thenQuotedWithQuotesDoubled() {
        assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void givenTextThatLooksLikeAFormula_whenWritten_thenShownAsText() {
        assertThat(Csv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(Csv.cell("+33")).isEqualTo("'+33");
        assertThat(Csv.cell("@SUM")).isEqualTo("'@SUM");
        assertThat(Csv.cell(-12)).isEqualTo("-12");
    }
}
