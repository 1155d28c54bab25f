package io.maskpipe.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ColumnsTest {

    private static Object version(String text) {
        return Columns.versionNumber("v").valueOf(Record.builder().put("v", text).build());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0.96, 96000", "2.3.0, 2003000", "2.3, 2003000", "2, 2000000", "0.2.6, 2006", "0.26, 26000",
        "2.6, 2006000", "999.999.999, 999999999", "0, 0", "1.02.003, 1002003"})
    void versionNumber_dottedVersion_mapsToInteger(String text, int expected) {
        assertThat(version(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "1.2.3.4", "1000", "1.1000", "2.x", "v2", "1..2", "1.", ".1", " 1", "-1", "1e3"})
    void versionNumber_notAVersion_isRejectedWithTheRule(String text) {
        assertThatThrownBy(() -> version(text)).isInstanceOfSatisfying(ColumnRejection.class, e -> {
            assertThat(e.reason()).isEqualTo(ReasonCode.INVALID_VALUE);
            assertThat(e.rule()).isEqualTo("not a version of 1 to 3 dot-separated numbers, each 0 to 999");
        });
    }

    private static Object versionOfNumber(String json) {
        return Columns.versionNumber("v").valueOf(Record.builder().put("v", Value.of(new BigDecimal(json))).build());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"2, 2000000", "0, 0", "999, 999000000", "12345678901234567890, -1"})
    void versionNumber_wholeJsonNumber_isAMajorVersion(String json, int expected) {
        if (expected < 0) {
            assertThatThrownBy(() -> versionOfNumber(json)).isInstanceOf(ColumnRejection.class);
        } else {
            assertThat(versionOfNumber(json)).isEqualTo(expected);
            assertThat(Columns.versionNumber("v").valueOf(Record.builder().put("v", Long.parseLong(json)).build()))
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2.10", "2.1", "2.0", "1e1", "1E+1", "0.96", "2.3e0", "20e-1", "-1.5"})
    void versionNumber_jsonNumberNotWrittenWhole_isRejectedWithTheNumberRule(String json) {
        assertThatThrownBy(() -> versionOfNumber(json)).isInstanceOfSatisfying(ColumnRejection.class, e -> {
            assertThat(e.reason()).isEqualTo(ReasonCode.INVALID_VALUE);
            assertThat(e.rule()).isEqualTo(Columns.VERSION_NUMBER_RULE).doesNotContain(json);
        });
    }

    @Test
    void versionNumber_isOrderPreservingAndCollisionFree() {
        // Invariant: comparing the integers compares the versions part by part (reference: lexicographic order).
        qt().forAll(integers().between(0, 999), integers().between(0, 999), integers().between(0, 999),
                integers().between(0, 999)).checkAssert((a, b, c, d) -> {
                    int left = Columns.versionNumberOf(a + "." + b + "." + c);
                    int right = Columns.versionNumberOf(b + "." + c + "." + d);
                    int reference = !a.equals(b) ? Integer.compare(a, b) : !b.equals(c) ? Integer.compare(b, c)
                            : Integer.compare(c, d);
                    assertThat(Integer.signum(Integer.compare(left, right))).isEqualTo(reference);
                });
    }

    @Test
    void versionNumber_absentOrNull_isSqlNull() {
        assertThat(Columns.versionNumber("v").valueOf(Record.empty())).isNull();
        assertThat(Columns.versionNumber("v").valueOf(Record.builder().putNull("v").build())).isNull();
    }

    @Test
    void sentDate_sentTimestamp_isTheUtcDay() {
        Record record = Record.builder().metadata(Metadata.of(Map.of(Metadata.SENT_TIMESTAMP,
                "1767311999999"))).build(); // 2026-01-01T23:59:59.999Z
        assertThat(Columns.sentDate().valueOf(record)).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void sentDate_noSentTimestamp_isRejected() {
        assertThatThrownBy(() -> Columns.sentDate().valueOf(Record.empty()))
                .isInstanceOfSatisfying(ColumnRejection.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.MISSING_FIELD))
                .hasMessage("metadata 'sent_timestamp' is absent or not epoch milliseconds");
    }

    private static String text(CopyText copy) {
        return new String(copy.bytes(), 0, copy.size(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void copyText_specialCharacters_areEscaped() {
        CopyText out = new CopyText(0).value("a\tb\\c\nd\re").tab().value(null).newline();
        assertThat(text(out)).isEqualTo("a\\tb\\\\c\\nd\\re\t\\N\n");
    }

    @Test
    void copyText_escapeAtEitherEndOrNone_isEscapedOnlyThere() {
        CopyText out = new CopyText(0).value("k1:plain-value_09").tab().value("\\lead").tab().value("trail\t")
                .tab().value("");
        assertThat(text(out)).isEqualTo("k1:plain-value_09\t\\\\lead\ttrail\\t\t");
    }

    @Test
    void copyText_nonAsciiText_isUtf8WithEscapesAfterIt() {
        CopyText out = new CopyText(0).value("caf\u00e9\t\ud83d\ude00\\");
        assertThat(out.size()).isEqualTo(3 + 2 + 2 + 4 + 2);
        assertThat(text(out)).isEqualTo("caf\u00e9\\t\ud83d\ude00\\\\");
    }

    @Test
    void copyText_longerThanItsFirstBuffer_grows() {
        String value = "x".repeat(1000);
        CopyText out = new CopyText(0);
        for (int i = 0; i < 50; i++) {
            out.value(value).newline();
        }
        assertThat(out.size()).isEqualTo(50 * 1001);
        assertThat(text(out)).startsWith(value + "\n" + value);
    }
}
