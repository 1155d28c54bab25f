package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.doccheck.DocSnippets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealedDeadLetterTest {
    private static final String BODY = "{\"ip\":\"198.51.100.23\",\"device_id\":\"d-7731\"}";
    private static final Metadata META = Metadata.of(Map.of("message_id", "m-1", "attr.trace", "t-9"));

    private static Keyring rotated() {
        return Keyring.builder().key("k1", KeyFixtures.key(1)).key("k2", KeyFixtures.key(2)).primary("k2").build();
    }

    @Test
    void seal_sameLetterTwice_givesDifferentTextsThatBothOpen() {
        DeadLetterSeal seal = DeadLetterSeal.of(KeyFixtures.ring());

        String first = seal.seal("m-1", BODY, META);
        String second = seal.seal("m-1", BODY, META);

        assertThat(first).isNotEqualTo(second).startsWith("k1:").doesNotContain("198.51.100.23");
        assertThat(SealedDeadLetter.open(KeyFixtures.ring(), "m-1", first).body()).hasValue(BODY);
        assertThat(SealedDeadLetter.open(KeyFixtures.ring(), "m-1", second).metadata()).isEqualTo(META);
    }

    @Test
    void open_javadocExample_givesTheOriginalBodyAndMetadata() {
        Keyring keyring = KeyFixtures.ring();
        String sourceMessageId = "m-1";
        String deadLetterBody = DeadLetterSeal.of(keyring).seal(sourceMessageId, BODY, META);

        // --- masking-core/src/main/java/io/maskpipe/core/SealedDeadLetter.java: open ---
        SealedDeadLetter original = SealedDeadLetter.open(keyring, sourceMessageId, deadLetterBody);
        original.body();      // Optional<String>: the raw body, personal data included
        original.metadata();  // the original message's metadata
        // --- end ---

        assertThat(original.body()).hasValue(BODY);
        assertThat(original.metadata()).isEqualTo(META);
    }

    @Test
    void javadocExample_isQuotedWordForWord() {
        DocSnippets.forThisModule().assertQuoted(SealedDeadLetterTest.class);
    }

    @Test
    void open_sealedUnderRetiredKey_opensWhileTheKeyIsInTheRing() {
        String old = DeadLetterSeal.of(KeyFixtures.ring()).seal("m-1", BODY, META); // k1 was primary then

        SealedDeadLetter opened = SealedDeadLetter.open(rotated(), "m-1", old);

        assertThat(opened.keyId()).isEqualTo(KeyId.of("k1"));
        assertThat(opened.body()).hasValue(BODY);
        assertThat(DeadLetterSeal.of(rotated()).seal("m-1", BODY, META)).startsWith("k2:");
    }

    @Test
    void open_keyLeftTheRing_refusedWithoutQuotingTheLetter() {
        String old = DeadLetterSeal.of(KeyFixtures.ring()).seal("m-1", BODY, META);
        Keyring onlyK2 = Keyring.of("k2", KeyFixtures.key(2));

        assertThatThrownBy(() -> SealedDeadLetter.open(onlyK2, "m-1", old))
                .isInstanceOf(SealedDeadLetterException.class)
                .hasMessageContaining("m-1").hasMessageNotContaining(old.substring(3, 20));
    }

    @Test
    void open_otherMessageId_refused() {
        String sealed = DeadLetterSeal.of(KeyFixtures.ring()).seal("m-1", BODY, META);

        assertThatThrownBy(() -> SealedDeadLetter.open(KeyFixtures.ring(), "m-2", sealed))
                .isInstanceOf(SealedDeadLetterException.class);
    }

    @Test
    void open_changedOrUnsealedText_refusedWithOneMessage() {
        String sealed = DeadLetterSeal.of(KeyFixtures.ring()).seal("m-1", BODY, META);
        char last = sealed.charAt(sealed.length() - 5);
        String changed = sealed.substring(0, sealed.length() - 5) + (last == 'A' ? 'B' : 'A')
                + sealed.substring(sealed.length() - 4);

        assertThatThrownBy(() -> SealedDeadLetter.open(KeyFixtures.ring(), "m-1", changed))
                .isInstanceOf(SealedDeadLetterException.class);
        assertThatThrownBy(() -> SealedDeadLetter.open(KeyFixtures.ring(), "m-1", BODY))
                .isInstanceOf(SealedDeadLetterException.class).hasMessageNotContaining("198.51.100.23");
        assertThatThrownBy(() -> SealedDeadLetter.open(KeyFixtures.ring(), "m-1", "k1:"))
                .isInstanceOf(SealedDeadLetterException.class);
    }

    @Test
    void keyIdOf_sealedAndRawTexts_namesTheKeyOrNothing() {
        assertThat(SealedDeadLetter.keyIdOf("k1:AAAA")).hasValue(KeyId.of("k1"));
        assertThat(SealedDeadLetter.keyIdOf(BODY)).isEmpty();
        assertThat(SealedDeadLetter.open(KeyFixtures.ring(), "m-1",
                DeadLetterSeal.of(KeyFixtures.ring()).seal("m-1", BODY, META)).toString())
                .isEqualTo("SealedDeadLetter[id=m-1, key=k1]");
    }
}
