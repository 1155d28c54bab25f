package io.maskpipe.examples;

import io.maskpipe.core.HmacMasker;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.MaskContext;
import io.maskpipe.core.Masker;
import java.util.Objects;

/**
 * A custom masker as a user would write one: keeps the /24 network of an IPv4 address and replaces the host part with
 * a short keyed tag, so {@code 203.0.113.7} becomes {@code 203.0.113.x-k1:Qm9yZWRBbmRUaXJlZA}.
 *
 * <p>Why this shape: analysts can still count logins per network ({@code GROUP BY split_part(masked_ip, 'x-', 1)}:
 * one office, one mobile carrier's NAT, one data centre) and still find repeats of one address (the whole value is
 * deterministic), while the host, the part that points at one household or device, is hidden. The tag is the
 * library's keyed HMAC of the whole address truncated to 16 bytes (128 bits, the shortest {@link HmacMasker} allows),
 * so it cannot be brute-forced without the key even though only 256 hosts share a network, and it names its key so
 * keys can rotate. Keeping the network is a choice with a cost: a /24 can identify a small organisation, so use this
 * only where the network itself may be shown.
 *
 * <p>Anything but a dotted IPv4 address without leading zeros (IPv6 included) is refused with an
 * {@link IllegalArgumentException} naming the rule, never the value; the pipeline turns that into a rejection of the
 * message ({@code MASKER_FAILED}, field {@code ip}). Immutable and thread-safe, as the engine requires.
 *
 * @since 0.1.0
 */
public final class Ipv4NetworkMasker implements Masker {
    private static final int TAG_BYTES = 16;

    private final HmacMasker tag;

    private Ipv4NetworkMasker(HmacMasker tag) {
        this.tag = tag;
    }

    /**
     * Returns a masker whose tags are made with the ring's primary key.
     *
     * @param keyring the key ring
     * @return the masker
     */
    public static Ipv4NetworkMasker of(Keyring keyring) {
        return new Ipv4NetworkMasker(HmacMasker.builder(Objects.requireNonNull(keyring, "keyring"))
                .truncateTo(TAG_BYTES).build());
    }

    /**
     * Masks an IPv4 address: its first three octets, then {@code .x-} and the keyed tag of the whole address.
     *
     * @param value a dotted IPv4 address such as {@code 203.0.113.7}
     * @param context the field and domain; the domain separates the tag from other fields' masks
     * @return the masked address, such as {@code 203.0.113.x-k1:Qm9yZWRBbmRUaXJlZA}
     * @throws IllegalArgumentException when the value is not a dotted IPv4 address
     */
    @Override
    public String mask(String value, MaskContext context) {
        return mask(value, context.domain());
    }

    /**
     * Masks an IPv4 address in the given domain: how a key holder computes the value to look up.
     *
     * @param value a dotted IPv4 address
     * @param domain the domain label, by default the field's path ({@code ip})
     * @return the masked address
     * @throws IllegalArgumentException when the value is not a dotted IPv4 address
     */
    public String mask(String value, String domain) {
        Objects.requireNonNull(value, "value");
        int network = networkEnd(value);
        return value.substring(0, network) + ".x-" + tag.mask(value, domain);
    }

    /** Returns where the /24 network ends (the last dot), after checking the whole address. */
    private static int networkEnd(String value) {
        int octets = 0;
        int lastDot = -1;
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i < value.length() && value.charAt(i) != '.') {
                continue;
            }
            octets++;
            if (octets > 4 || !isOctet(value, start, i)) {
                throw new IllegalArgumentException("not a dotted IPv4 address (four octets 0-255, no leading zeros)");
            }
            if (octets == 3) {
                lastDot = i;
            }
            start = i + 1;
        }
        if (octets != 4) {
            throw new IllegalArgumentException("not a dotted IPv4 address (four octets 0-255, no leading zeros)");
        }
        return lastDot;
    }

    private static boolean isOctet(String value, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 3 || (length > 1 && value.charAt(from) == '0')) {
            return false;
        }
        int octet = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            octet = octet * 10 + (c - '0');
        }
        return octet <= 255;
    }

    /** Returns the tag's key id, never key bytes: {@code Ipv4NetworkMasker[key=k1]}. */
    @Override
    public String toString() {
        return "Ipv4NetworkMasker[key=" + tag.keyId().value() + "]";
    }
}
