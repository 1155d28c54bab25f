package io.maskpipe.fpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.MaskContext;
import io.maskpipe.core.TokenException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The maskers' invariants over generated values; a failure prints QuickTheories' seed. */
class Ff1MaskerPropertiesTest {
    private static final String BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final MaskContext DEVICE_ID = MaskContext.forField("device_id");
    private static final MaskContext IP = MaskContext.forField("ip");

    private final Ff1Masker digits = Ff1Maskers.digits(TestRings.rotated());
    private final Ff1Masker deviceIds = Ff1Maskers.pattern(TestRings.rotated(), "NNN-NN-NNNN");
    private final Ff1Masker plates = Ff1Maskers.pattern(TestRings.rotated(), "AA-NNN-aa");
    private final Ff1Masker base36 = Ff1Maskers.alphabet(TestRings.rotated(), BASE36);
    private final Ff1Masker ips = Ff1Maskers.ipv4(TestRings.rotated());

    @Test
    void digits_anyLength_roundTripsAndStaysDigitsOfTheSameLength() {
        qt().withExamples(300).forAll(digitStrings(6, 40)).checkAssert(value -> {
            String masked = digits.mask(value, DEVICE_ID);
            assertThat(masked).hasSameSizeAs(value).containsOnlyDigits();
            assertThat(digits.reveal(masked, DEVICE_ID)).isEqualTo(value);
        });
    }

    @Test
    void pattern_deviceIds_roundTripAndKeepTheDashes() {
        qt().withExamples(300).forAll(digitStrings(9, 9).map(d -> d.substring(0, 3) + "-" + d.substring(3, 5) + "-"
                + d.substring(5))).checkAssert(value -> {
                    String masked = deviceIds.mask(value, DEVICE_ID);
                    assertThat(masked).matches("\\d{3}-\\d{2}-\\d{4}");
                    assertThat(deviceIds.reveal(masked, DEVICE_ID)).isEqualTo(value);
                });
    }

    @Test
    void pattern_mixedLettersAndDigits_roundTripsKeepingEachPositionsKind() {
        Gen<String> upper = strings().betweenCodePoints('A', 'Z').ofLength(2);
        Gen<String> lower = strings().betweenCodePoints('a', 'z').ofLength(2);
        qt().withExamples(300).forAll(upper, digitStrings(3, 3), lower).asWithPrecursor((u, d, l) -> u + "-" + d
                + "-" + l).checkAssert((u, d, l, value) -> {
                    String masked = plates.mask(value, DEVICE_ID);
                    assertThat(masked).matches("[A-Z]{2}-\\d{3}-[a-z]{2}");
                    assertThat(plates.reveal(masked, DEVICE_ID)).isEqualTo(value);
                });
    }

    @Test
    void alphabet_base36_roundTripsAndStaysInTheAlphabet() {
        qt().withExamples(300).forAll(strings().betweenCodePoints('0', 'z').ofLengthBetween(4, 30)
                .map(s -> s.chars().map(c -> BASE36.charAt(c % 36)).collect(StringBuilder::new,
                        StringBuilder::appendCodePoint, StringBuilder::append).toString())).checkAssert(value -> {
                            String masked = base36.mask(value, DEVICE_ID);
                            assertThat(masked).hasSameSizeAs(value).matches("[0-9a-z]+");
                            assertThat(base36.reveal(masked, DEVICE_ID)).isEqualTo(value);
                        });
    }

    @Test
    void ipv4_anyAddress_roundTripsToACanonicalDottedQuad() {
        qt().withExamples(500).forAll(addresses()).checkAssert(value -> {
            String masked = ips.mask(value, IP);
            assertThat(Ipv4Format.format(Ipv4Format.parse(masked, "ip"))).as("canonical, no leading zeros")
                    .isEqualTo(masked);
            assertThat(ips.reveal(masked, IP)).isEqualTo(value);
        });
    }

    @Test
    void mask_sameValueKeyAndDomain_isDeterministicAcrossMaskers() {
        Ff1Masker again = Ff1Maskers.digits(TestRings.rotated());
        qt().withExamples(200).forAll(digitStrings(6, 20)).check(value ->
                digits.mask(value, DEVICE_ID).equals(again.mask(value, DEVICE_ID)));
    }

    @Test
    void mask_twoDomains_differForNearlyEveryValue() {
        assertNearlyAlwaysDiffer(digitStrings(9, 9), digits, v -> digits.mask(v, MaskContext.forField("device_id")),
                v -> digits.mask(v, MaskContext.forField("account_id")));
        assertNearlyAlwaysDiffer(addresses(), ips, v -> ips.mask(v, MaskContext.forField("ip")),
                v -> ips.mask(v, MaskContext.forField("gateway_ip")));
    }

    @Test
    void mask_twoKeys_differForNearlyEveryValue() {
        Ff1Masker oldDigits = digits.withKey(KeyId.of("k1"));
        Ff1Masker oldIps = ips.withKey(KeyId.of("k1"));
        assertNearlyAlwaysDiffer(digitStrings(9, 9), digits, v -> digits.mask(v, DEVICE_ID),
                v -> oldDigits.mask(v, DEVICE_ID));
        assertNearlyAlwaysDiffer(addresses(), ips, v -> ips.mask(v, IP), v -> oldIps.mask(v, IP));
    }

    @Test
    void refusals_anyMalformedValue_neverQuoteIt() {
        List<Ff1Masker> maskers = List.of(digits, deviceIds, plates, base36, ips);
        qt().withExamples(300).forAll(strings().basicLatinAlphabet().ofLengthBetween(6, 40)).checkAssert(value -> {
            for (Ff1Masker masker : maskers) {
                Throwable refusal = catchThrowable(() -> masker.mask(value, DEVICE_ID));
                if (refusal != null) {
                    assertThat(refusal).isInstanceOf(IllegalArgumentException.class);
                    assertThat(refusal.getMessage()).as(masker.toString()).startsWith("field 'device_id': ")
                            .doesNotContain(value);
                }
                Throwable refusedReveal = catchThrowable(() -> masker.reveal(value, DEVICE_ID));
                if (refusedReveal != null) {
                    assertThat(refusedReveal).isInstanceOf(TokenException.class)
                            .hasMessage("token: cannot be revealed with this key ring and domain")
                            .hasNoCause();
                }
            }
        });
    }

    /**
     * Over many random values, two maskings that ought to be independent permutations agree on a value only by
     * chance (about one in 10^9 for 9 digits, 2^32 for IPv4): allow 2 agreements in 200 values.
     */
    private static void assertNearlyAlwaysDiffer(Gen<String> values, Ff1Masker masker, UnaryOperator<String> one,
            UnaryOperator<String> other) {
        qt().withExamples(5).forAll(lists().of(values).ofSize(200)).checkAssert(batch ->
                assertThat(batch.stream().filter(v -> one.apply(v).equals(other.apply(v))).count())
                        .as(masker.toString()).isLessThanOrEqualTo(2));
    }

    private static Gen<String> digitStrings(int min, int max) {
        return strings().betweenCodePoints('0', '9').ofLengthBetween(min, max);
    }

    private static Gen<String> addresses() {
        return longs().between(0, 0xFFFF_FFFFL).map(address -> Ipv4Format.format(address));
    }
}
