package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.HmacMasker.Normalization;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.doccheck.DocSnippets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of the javadoc of core's entry types, compiled and run. Each region marked
 * {@code // --- <file>: <name> ---} is quoted word for word by the javadoc of the file it names;
 * {@link #javadocExamples_everyBlock_isCopiedFromAMarkedRegion} checks that every javadoc example of masking-core is
 * such a quote. {@code Pipeline}'s example needs a source and a sink: maskpipe-testing's PipelineExamplesTest runs it.
 */
class JavadocExamplesTest {
    private static final DocSnippets DOCS = DocSnippets.forThisModule();

    @Test
    void javadocExamples_everyBlock_isCopiedFromAMarkedRegion() {
        DOCS.assertJavadocExamplesQuoted(Pipeline.class, Masker.class, Maskers.class, HmacMasker.class,
                Keyring.class);
    }

    @Test
    void masker_lambda_masksWhatItIsGiven() {
        // --- masking-core/src/main/java/io/maskpipe/core/Masker.java: lambda ---
        Masker emailDomainOnly = (value, context) -> {
            int at = value.lastIndexOf('@');
            return at < 0 ? "" : "*@" + value.substring(at + 1);
        };
        String shown = emailDomainOnly.mask("alice@example.com", MaskContext.forField("email"));  // "*@example.com"
        // --- end ---

        assertThat(shown).isEqualTo("*@example.com");
    }

    @Test
    void maskers_builtIns_maskAsTheirCommentsSay() {
        Keyring keyring = KeyFixtures.ring();
        // --- masking-core/src/main/java/io/maskpipe/core/Maskers.java: built-ins ---
        Masker hmac = Maskers.hmac(keyring);            // keyed, deterministic: duplicates stay findable
        Tokenizer tokens = Maskers.tokenize(keyring);   // reversible by whoever holds the key
        Masker lastFour = Maskers.keepLast(4);          // "123-45-6789" becomes "*******6789"
        Masker hidden = Maskers.redact();               // "[REDACTED]"
        // --- end ---
        MaskContext ssn = MaskContext.forField("ssn");

        assertThat(hmac.mask("123-45-6789", ssn)).isEqualTo(hmac.mask("123-45-6789", ssn)).startsWith("k1:");
        assertThat(tokens.reveal(tokens.mask("123-45-6789", ssn), ssn)).isEqualTo("123-45-6789");
        assertThat(lastFour.mask("123-45-6789", ssn)).isEqualTo("*******6789");
        assertThat(hidden.mask("123-45-6789", ssn)).isEqualTo("[REDACTED]");
    }

    @Test
    void hmacMasker_sharedDomainAndCanonicalIp_masksSpellingsOfOneAddressEqual() {
        Keyring keyring = KeyFixtures.ring();
        // --- masking-core/src/main/java/io/maskpipe/core/HmacMasker.java: builder ---
        HmacMasker ips = HmacMasker.builder(keyring)
                .domain("ip")                               // src_ip and dst_ip masks join
                .normalize(Normalization.TRIM, Normalization.CANONICAL_IP)
                .build();
        String mask = ips.mask(" 2001:DB8::0:1", MaskContext.forField("src_ip"));  // as for "2001:db8::1"
        // --- end ---

        assertThat(mask).isEqualTo(ips.mask("2001:db8::1", MaskContext.forField("dst_ip")))
                .isEqualTo(Maskers.hmac(keyring).mask("2001:db8::1", "ip"));
    }

    @Test
    void keyring_fromFileOfTwoKeys_masksWithThePrimaryAndRevealsBoth(@TempDir Path dir) throws IOException {
        Path keysFile = dir.resolve("keys");
        Files.writeString(keysFile, "# rotated on 2026-11-01\nk1:" + base64(KeyFixtures.key(1)) + "\nk2:"
                + base64(KeyFixtures.key(2)) + "\nprimary=k2\n");
        String oldToken = Maskers.tokenize(KeyFixtures.ring()).mask("alice", MaskContext.forField("email"));
        // --- masking-core/src/main/java/io/maskpipe/core/key/Keyring.java: file ---
        Keyring keyring = Keyring.fromFile(keysFile);   // or Keyring.fromEnvironment("MASKPIPE_KEYS")
        Masker hmac = Maskers.hmac(keyring);            // masks with the primary key
        Tokenizer tokens = Maskers.tokenize(keyring);   // reveals the tokens of every key in the ring
        // --- end ---

        assertThat(hmac.mask("alice", MaskContext.forField("email"))).startsWith("k2:");
        assertThat(tokens.reveal(oldToken, "email")).isEqualTo("alice");
    }

    private static String base64(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }
}
