package io.maskpipe.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.record.Value;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyDecoderTest {
    private static final String SECRET = "198.51.100.77";
    private final JsonBodyDecoder decoder = new JsonBodyDecoder(4);

    @Test
    void decode_object_keepsShapeNumbersAndNulls() {
        Record record = accepted("{\"a\":\"x\",\"n\":-0.10,\"i\":7,\"t\":true,\"f\":false,\"z\":null,"
                + "\"o\":{\"p\":[1,{\"q\":\"y\"}]},\"e\":{},\"l\":[]}");

        assertThat(record.fields().keySet()).containsExactly("a", "n", "i", "t", "f", "z", "o", "e", "l");
        assertThat(record.get("n")).contains(Value.of(new BigDecimal("-0.10")));
        assertThat(((Value.Number) record.getOrNull(FieldPath.parse("n"))).number().scale()).isEqualTo(2);
        assertThat(record.get("i")).contains(Value.of(7));
        assertThat(record.get("t")).contains(Value.of(true));
        assertThat(record.get("f")).contains(Value.of(false));
        assertThat(record.get("z")).contains(Value.nullValue());
        assertThat(record.textOrNull("o.p[1].q")).isEqualTo("y");
        assertThat(record.get("e")).contains(Record.empty());
        assertThat(record.get("l")).contains(Value.of(List.of()));
    }

    @Test
    void decode_keysWithDotsAndUnicode_areKeptAsGiven() {
        Record record = accepted("{\"a.b\":\"1\",\"\u00e9t\u00e9\":\"\ud83d\ude00\",\"\":\"empty key\"}");

        assertThat(record.fields()).containsKeys("a.b", "\u00e9t\u00e9", "");
        assertThat(record.get(FieldPath.of("\u00e9t\u00e9"))).contains(Value.of("\ud83d\ude00"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "truncated object | {\"ip\":\"" + SECRET + "\" | MALFORMED_JSON | | not valid JSON at line 1, column 22",
        "bare word | {\"ip\":" + SECRET + "x} | MALFORMED_JSON | | not valid JSON at line 1, column 13",
        "second line | `{\n\"ip\":}` | MALFORMED_JSON | | not valid JSON at line 2, column 6",
        "trailing object | {}{} | MALFORMED_JSON | | content after the top-level object at line 1, column 3",
        "trailing garbage | {} " + SECRET + " | MALFORMED_JSON | | not valid JSON at line 1, column 10",
        "whitespace only | ` ` | MALFORMED_JSON | | no JSON value in the body",
        "array | [\"" + SECRET + "\"] | NOT_AN_OBJECT | | top level is an array, not an object",
        "string | \"" + SECRET + "\" | NOT_AN_OBJECT | | top level is a string, not an object",
        "number | 42 | NOT_AN_OBJECT | | top level is a number, not an object",
        "null | null | NOT_AN_OBJECT | | top level is null, not an object",
        "duplicate key | {\"ip\":\"a\",\"d\":{\"k\":1,\"k\":2}} | MALFORMED_JSON | d.k "
            + "| key given twice in one object, again at line 1, column 22",
        "too deep | {\"a\":{\"b\":[{\"c\":{}}]}} | MALFORMED_JSON | a.b[0].c "
            + "| nested deeper than 4 levels at line 1, column 17",
        "lone surrogate | {\"ip\":[\"\\ud800" + SECRET + "\"]} | INVALID_ENCODING | ip[0] "
            + "| text holds an unpaired surrogate",
        "surrogate key | {\"o\":{\"\\udc00\":1}} | INVALID_ENCODING | "
            + "| unpaired surrogate in a key at line 1, column 14",
        "huge exponent | {\"n\":1e999999999} | INVALID_VALUE | n | number's exponent is beyond +/-1000",
        "NaN | {\"n\":NaN} | MALFORMED_JSON | | not valid JSON at line 1, column 9",
        "comment | {/*x*/} | MALFORMED_JSON | | not valid JSON at line 1, column 2",
        "single quotes | {'ip':'x'} | MALFORMED_JSON | | not valid JSON at line 1, column 2",
    })
    void decode_poisonBody_isRejectedWithPreciseReasonAndNoValue(String kind, String body, ReasonCode reason,
                                                                 String field, String rule) {
        Rejection rejection = rejected(body);

        assertThat(rejection.reason()).as(kind).isEqualTo(reason);
        assertThat(rejection.field().map(FieldPath::toString).orElse(null)).as(kind).isEqualTo(field);
        assertThat(rejection.rule()).as(kind).isEqualTo(rule);
        assertThat(rejection.toString()).as(kind).doesNotContain(SECRET).doesNotContain("198.51");
    }

    @ParameterizedTest(name = "{0} keys")
    @ValueSource(ints = {2, 16, 17, 40})
    void decode_keyGivenTwiceAmongManyKeys_isRejectedAtItsSecondPlace(int keys) {
        StringBuilder body = new StringBuilder("{\"o\":{");
        for (int i = 0; i < keys; i++) {
            body.append("\"k").append(i).append("\":1,");
        }
        body.append("\"k").append(keys - 1).append("\":2}}");

        Rejection rejection = rejected(body.toString());
        Record distinct = accepted(body.toString().replace("\"k" + (keys - 1) + "\":2", "\"last\":2"));

        assertThat(rejection.reason()).isEqualTo(ReasonCode.MALFORMED_JSON);
        assertThat(rejection.field().map(FieldPath::toString)).contains("o.k" + (keys - 1));
        assertThat(rejection.rule()).startsWith("key given twice in one object, again at line 1, column ");
        assertThat(((Record) distinct.fields().get("o")).fields()).hasSize(keys + 1);
    }

    @Test
    void decode_numberLongerThanParserLimit_isRejected() {
        Rejection rejection = rejected("{\"n\":" + "9".repeat(1001) + "}");

        assertThat(rejection.reason()).isEqualTo(ReasonCode.MALFORMED_JSON);
        assertThat(rejection.rule()).startsWith("exceeds the parser's length limits at line 1");
    }

    private Record accepted(String body) {
        Outcome outcome = decoder.decode(body);
        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        return ((Outcome.Accepted) outcome).record();
    }

    private Rejection rejected(String body) {
        Outcome outcome = decoder.decode(body);
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection();
    }
}
