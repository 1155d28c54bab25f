package io.maskpipe.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import org.junit.jupiter.api.Test;

class SqsMessagesTest {
    private static final String SECRET = "192.0.2.44";

    @Test
    void decode_bodyOverLimit_isRejectedWithSizes() {
        SqsMessages messages = json(10);

        assertThat(rejected(messages, "{\"ip\":\"\u00e9\u00e9\"}"))
                .isEqualTo(Rejection.of(ReasonCode.BODY_TOO_LARGE, "body is 13 bytes, more than the limit of 10"));
    }

    @Test
    void decode_bodyAtLimitInUtf8Bytes_isDecoded() {
        assertThat(json(13).decode("{\"ip\":\"\u00e9\u00e9\"}")).isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void decode_rawUnpairedSurrogate_isRejectedAsInvalidEncoding() {
        assertThat(rejected(json(1024), "{\"ip\":\"" + SECRET + "\ud800\"}")).isEqualTo(Rejection.of(
                ReasonCode.INVALID_ENCODING, "body holds an unpaired surrogate, which UTF-8 cannot encode"));
    }

    @Test
    void decode_customDecoder_replacesJson() {
        SqsMessages messages = new SqsMessages("q", "q", 1024,
                body -> Outcome.accept(Record.builder().put("line", body).build()));

        Outcome outcome = messages.decode("a,b,c");

        assertThat(((Outcome.Accepted) outcome).record().textOrNull("line")).isEqualTo("a,b,c");
    }

    @Test
    void decode_customDecoderThrows_isRejectedWithClassNameOnly() {
        SqsMessages messages = new SqsMessages("q", "q", 1024, body -> {
            throw new IllegalStateException("cannot read " + body);
        });

        Rejection rejection = rejected(messages, SECRET);

        assertThat(rejection).isEqualTo(Rejection.of(ReasonCode.TRANSFORM_FAILED,
                "body decoder threw java.lang.IllegalStateException"));
    }

    @Test
    void decode_customDecoderReturnsNull_isRejected() {
        assertThat(rejected(new SqsMessages("q", "q", 1024, body -> null), "x"))
                .isEqualTo(Rejection.of(ReasonCode.TRANSFORM_FAILED, "body decoder returned nothing"));
    }

    private static SqsMessages json(int maxBodyBytes) {
        return new SqsMessages("q", "q", maxBodyBytes, new JsonBodyDecoder(64));
    }

    private static Rejection rejected(SqsMessages messages, String body) {
        Outcome outcome = messages.decode(body);
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection();
    }
}
