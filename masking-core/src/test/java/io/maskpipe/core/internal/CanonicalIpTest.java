package io.maskpipe.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.net.InetAddress;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CanonicalIpTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // RFC 5952 section 4.1, 4.2.1, 4.2.2, 4.2.3, 4.3 and 5
        "2001:0db8::0001, 2001:db8::1",
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:DB8::ABCD, 2001:db8::abcd",
        "0:0:0:0:0:ffff:c000:0280, ::ffff:192.0.2.128",
        "::FFFF:192.0.2.128, ::ffff:192.0.2.128",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "1:0:0:0:0:0:0:0, 1::",
        "1::2:3:4:5:6:7, 1:0:2:3:4:5:6:7",
        "::1.2.3.4, ::102:304",
        "203.0.113.7, 203.0.113.7",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
    })
    void canonical_rfc5952Examples_giveTheCanonicalText(String text, String canonical) {
        assertThat(CanonicalIp.canonicalOrNull(text)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4 ", "1..2.3", "::1::",
        ":1::2", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "12345::", "g::1", "fe80::1%eth0", "[::1]", "::1/128",
        "1:2:3:4:5:6:7:", "1.2.3.4::", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "localhost", "1:2"})
    void canonical_notAnAddress_givesNull(String text) {
        assertThat(CanonicalIp.canonicalOrNull(text)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "\uff12\uff10\uff10\uff11:db8::\uff11", // fullwidth digits
        "2001:db8::\uff11",
        "\u0662\u0660\u0660\u0661:db8::\u0661", // Arabic-Indic digits
        "2001:db8::\u06f1", // extended Arabic-Indic
        "2001:\uff44\uff42\uff18::1", // fullwidth letters
        "::ffff:\uff11.2.3.4", "\uff12\uff10\uff13.0.113.7", "1.2.3.\u0664", "2001:db8::\u0967"})
    void canonical_nonAsciiDigits_areRefusedNotReadAsTheirAsciiTwin(String text) {
        assertThat(CanonicalIp.canonicalOrNull(text)).isNull();
    }

    /** The JDK's reading of an IP literal (no name lookup happens for literals). */
    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void canonical_anyIpv6_isTheSameAddressAndAFixedPoint() {
        qt().withExamples(500).forAll(lists().of(integers().between(0, 0xffff)).ofSize(8)).checkAssert(groups -> {
            String zeroed = groups.stream().map(g -> g % 4 == 0 ? "0" : Integer.toHexString(g))
                    .collect(Collectors.joining(":"));
            String canonical = CanonicalIp.canonicalOrNull(zeroed);
            assertThat(canonical).isNotNull();
            assertThat(CanonicalIp.canonicalOrNull(canonical)).isEqualTo(canonical);
            assertThat(address(canonical)).isEqualTo(address(zeroed));
        });
    }
}
