package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.maskpipe.core.HmacMasker.Normalization;
import io.maskpipe.core.key.Keyring;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plants a known value and key, then looks for them in every toString and exception message. */
class LeakTest {
    private static final String VALUE = "planted-secret-4242";
    private static final byte[] KEY = "planted-key-bytes-0123456789abcd".getBytes(StandardCharsets.US_ASCII);
    private static final Keyring RING = Keyring.of("k1", KEY);

    @Test
    void toStringsAndExceptions_plantedValueAndKey_neverAppear() {
        List<String> texts = new ArrayList<>();
        Tokenizer tokenizer = Maskers.tokenize(RING);
        String token = tokenizer.mask(VALUE, MaskContext.forField("f"));
        HmacMasker hmac = HmacMasker.builder(RING).normalize(Normalization.CANONICAL_IP).build();
        texts.add(RING.toString());
        texts.add(tokenizer.toString());
        texts.add(hmac.toString());
        texts.add(Maskers.keepLast(2).toString());
        texts.add(Maskers.redact().toString());
        texts.add(message(() -> hmac.mask(VALUE, "f")));
        texts.add(message(() -> tokenizer.reveal(token, "other")));
        texts.add(message(() -> tokenizer.reveal(token.substring(0, token.length() - 2), "f")));
        texts.add(message(() -> tokenizer.mask(VALUE + "\uD800", MaskContext.forField("f"))));
        String keyText = Base64.getEncoder().encodeToString(KEY);
        texts.add(message(() -> Keyring.parse("k1:" + keyText.substring(4))));
        texts.add(message(() -> Keyring.parse(keyText + ":" + keyText)));
        texts.add(message(() -> Keyring.parse(VALUE)));

        for (String text : texts) {
            assertThat(text).isNotBlank()
                    .doesNotContain(VALUE)
                    .doesNotContain(token.substring(3))
                    .doesNotContain(keyText.substring(0, 8))
                    .doesNotContain(new String(KEY, StandardCharsets.US_ASCII))
                    .doesNotContain(HexFormat.of().formatHex(KEY).substring(0, 16));
        }
    }

    private static String message(Runnable action) {
        Throwable thrown = catchThrowable(action::run);
        assertThat(thrown).isNotNull();
        return thrown.getClass().getName() + ": " + thrown.getMessage();
    }
}
