package io.maskpipe.core;

import io.maskpipe.core.internal.Base64Url;
import io.maskpipe.core.internal.CanonicalIp;
import io.maskpipe.core.internal.SecretBytes;
import io.maskpipe.core.internal.Utf8;
import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.key.KeyringException;
import io.maskpipe.core.key.Subkeys;
import io.maskpipe.core.record.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A keyed, deterministic, one-way masker: HMAC-SHA256 of the value and its domain label, named by the key that made
 * it, such as {@code k1:3q2-7wAAAAB...}. Use it where analysts must find duplicates and join on masked values but
 * must never see the originals.
 *
 * <p>Built with {@link #builder(Keyring)}, or {@link Maskers#hmac(Keyring)} for the defaults: the ring's primary key,
 * the field's path as domain, all 32 bytes of the MAC, base64url. The byte format is specified in
 * {@code docs/format.md}: the HMAC key is the subkey {@value #SUBKEY_LABEL} derived from the master key with
 * HKDF-SHA256, and the MAC runs over the 4-byte big-endian length of the UTF-8 domain, the domain, then the UTF-8
 * value. Fields that must join share a domain; a normalization makes equal values spelled differently mask equal:
 *
 * <pre>{@code
 * HmacMasker ips = HmacMasker.builder(keyring)
 *         .domain("ip")                               // src_ip and dst_ip masks join
 *         .normalize(Normalization.TRIM, Normalization.CANONICAL_IP)
 *         .build();
 * String mask = ips.mask(" 2001:DB8::0:1", MaskContext.forField("src_ip"));  // as for "2001:db8::1"
 * }</pre>
 *
 * <p>Security: without the key, a mask reveals nothing of the value and cannot be brute-forced, even over a space as
 * small as the 2^32 IPv4 addresses (an unkeyed hash can). What leaks is equality: the same value, domain and key
 * always give the same mask, which is the point (duplicates stay findable) but also lets anyone who can see masks
 * count repeats. A different domain gives an unrelated mask, so values cannot be linked across fields unless they
 * share a domain. Whoever holds the master key, or the exported HMAC subkey, can test guesses; keep both secret.
 * Master keys are at least 32 bytes; masks are 32 bytes (256 bits), or no fewer than 16 when truncated. Rotating
 * the primary key changes every mask; {@link #masksUnderEveryKey} gives a known value's mask under each key of the
 * ring, for look-ups across a rotation. A blank value becomes JSON null, not a mask, unless
 * {@link Builder#blankValues} says otherwise.
 *
 * <p>Immutable and thread-safe: each thread keeps its own keyed HMAC state and buffers, so masking allocates only the
 * returned string.
 *
 * @since 0.1.0
 */
public final class HmacMasker implements Masker {
    /** The HKDF info label of the HMAC subkey, see {@code docs/format.md}. */
    public static final String SUBKEY_LABEL = "maskpipe/v1/hmac-sha256";
    /** The fewest bytes a mask may be truncated to: 128 bits. */
    public static final int MIN_TRUNCATED_BYTES = 16;

    private static final int MAC_BYTES = 32;

    private final KeyId keyId;
    private final SecretBytes subkey;
    private final Encoding encoding;
    private final int maskBytes;
    private final String fixedDomain;
    private final List<Normalization> normalizations;
    private final BlankValues blankValues;
    private final byte[] prefix;
    private final ThreadLocal<HmacState> state;
    /** The same masker under each other key of the ring, in ring order; empty in those maskers themselves. */
    private final List<HmacMasker> otherKeys;

    private HmacMasker(Builder builder, KeyId keyId, boolean primary) {
        this.keyId = keyId;
        byte[] key = Subkeys.derive(builder.keyring, keyId, SUBKEY_LABEL, MAC_BYTES);
        this.subkey = SecretBytes.copyOf(key);
        Arrays.fill(key, (byte) 0);
        this.encoding = builder.encoding == null ? Encoding.BASE64URL : builder.encoding;
        this.maskBytes = builder.maskBytes == 0 ? MAC_BYTES : builder.maskBytes;
        this.fixedDomain = builder.domain;
        this.normalizations = builder.normalizations == null ? List.of() : builder.normalizations;
        this.blankValues = builder.blankValues == null ? BlankValues.NULL : builder.blankValues;
        this.prefix = (keyId.value() + ":").getBytes(StandardCharsets.US_ASCII);
        this.state = ThreadLocal.withInitial(() -> new HmacState(subkey, prefix));
        List<HmacMasker> others = new ArrayList<>();
        if (primary) {
            for (KeyId id : builder.keyring.ids()) {
                if (!id.equals(keyId)) {
                    others.add(new HmacMasker(builder, id, false));
                }
            }
        }
        this.otherKeys = List.copyOf(others);
    }

    /**
     * Returns a builder of a masker using the ring's primary key.
     *
     * @param keyring the key ring; its primary key makes the masks
     * @return a new builder
     */
    public static Builder builder(Keyring keyring) {
        return new Builder(Objects.requireNonNull(keyring, "keyring"));
    }

    /**
     * Masks a value in the context's domain, or in this masker's fixed {@link Builder#domain domain} if it has one.
     * The pipeline never calls it with a blank value unless {@link #blankValues()} is {@link BlankValues#MASK}.
     *
     * @param value the value, not null
     * @param context the field and domain it comes with
     * @return {@code <keyId>:<mask>}
     * @throws InvalidValueException when a normalization cannot read the value, or the value is not well-formed
     *     UTF-16; the rule names the normalization, never the value, and the pipeline rejects the message as
     *     {@code INVALID_VALUE} with it
     */
    @Override
    public String mask(String value, MaskContext context) {
        Objects.requireNonNull(context, "context");
        try {
            return mask(value, fixedDomain != null ? fixedDomain : context.domain());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(e.getMessage()); // our own wording: the rule, never the value
        }
    }

    /**
     * Masks a value in the given domain, ignoring any fixed domain: how a key holder computes the mask of a known
     * value to look it up, as in {@code WHERE ip = ?} with {@code masker.mask("203.0.113.7", "ip")}. It finds only
     * rows written under the primary key; {@link #masksUnderEveryKey} finds those of earlier keys too.
     *
     * <p>It computes the mask of any value, blank ones too, though the pipeline writes no mask for a blank value
     * unless built with {@link BlankValues#MASK}.
     *
     * @param value the value, not null
     * @param domain the domain label, by default the field's path
     * @return {@code <keyId>:<mask>}
     * @throws IllegalArgumentException when a normalization cannot read the value, or the value is not well-formed
     *     UTF-16; the message names the rule, never the value
     */
    public String mask(String value, String domain) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(domain, "domain");
        for (int i = 0; i < normalizations.size(); i++) {
            value = normalizations.get(i).apply(value);
        }
        HmacState s = state.get();
        int frameEnd = s.frame(domain);
        int end = s.value(value, frameEnd);
        s.mac.tag(s.input, 0, end, s.tag, 0);
        byte[] out = s.output;
        int outEnd = encoding == Encoding.HEX
                ? Base64Url.encodeHex(s.tag, 0, maskBytes, out, prefix.length)
                : Base64Url.encode(s.tag, 0, maskBytes, out, prefix.length);
        return new String(out, 0, outEnd, StandardCharsets.ISO_8859_1);
    }

    /**
     * Returns the masks of a known value in a domain under every key in the ring, the primary key's first, then the
     * others in ring order, each with this masker's settings: how a key holder finds a person's rows written before
     * and after a rotation, as in {@code WHERE masked_ip = ANY(?)} with these masks as a text array.
     *
     * <p>Each mask names its key ({@code k2:...}, {@code k1:...}), so the list has one entry per key of the ring
     * and no two are equal.
     *
     * @param value the value, not null
     * @param domain the domain label, by default the field's path
     * @return an unmodifiable list, one mask per key, the primary key's first
     * @throws IllegalArgumentException when a normalization cannot read the value, or the value is not well-formed
     *     UTF-16; the message names the rule, never the value
     */
    public List<String> masksUnderEveryKey(String value, String domain) {
        List<String> masks = new ArrayList<>(1 + otherKeys.size());
        masks.add(mask(value, domain));
        for (HmacMasker other : otherKeys) {
            masks.add(other.mask(value, domain));
        }
        return List.copyOf(masks);
    }

    /**
     * Returns what the pipeline does with a blank value (empty or white space only) in a field this masker masks:
     * {@link BlankValues#NULL} unless set with {@link Builder#blankValues}.
     *
     * @return the policy for blank values
     */
    @Override
    public BlankValues blankValues() {
        return blankValues;
    }

    /**
     * Returns the id of the key that makes this masker's masks, which starts each of them.
     *
     * @return the primary key's id at build time
     */
    public KeyId keyId() {
        return keyId;
    }

    /**
     * Returns the HMAC subkey of one key in a ring: whoever holds it can compute masks outside maskpipe, for
     * instance in SQL with pgcrypto's {@code hmac()} ({@code docs/masking.md}), and test guesses against masks.
     *
     * <p>It does not reveal tokens or other subkeys, but it is as secret as the masks' protection: hand it only to
     * whom may unmask by guessing, never log it, and wipe the array when done.
     *
     * @param keyring the key ring
     * @param id the key whose subkey to export
     * @return a new 32-byte array with the subkey
     * @throws KeyringException when the ring has no key with that id
     */
    public static byte[] exportSubkeyInsecure(Keyring keyring, KeyId id) {
        return Subkeys.derive(Objects.requireNonNull(keyring, "keyring"), Objects.requireNonNull(id, "id"),
                SUBKEY_LABEL, MAC_BYTES);
    }

    /** Returns the settings and key id, never key bytes: {@code HmacMasker[key=k1, domain=<field>, ...]}. */
    @Override
    public String toString() {
        return "HmacMasker[key=" + keyId + ", domain=" + (fixedDomain == null ? "<field>" : "'" + fixedDomain + "'")
                + ", bytes=" + maskBytes + ", encoding=" + encoding + ", normalize=" + normalizations
                + ", blankValues=" + blankValues + ", keys=" + (1 + otherKeys.size()) + "]";
    }

    /**
     * How a mask's bytes are written as text after the key id.
     *
     * @since 0.1.0
     */
    public enum Encoding {
        /** Base64url without padding (RFC 4648 section 5): 43 characters for 32 bytes. The default. */
        BASE64URL,
        /** Lowercase hexadecimal: 64 characters for 32 bytes. */
        HEX
    }

    /**
     * A rewrite applied before masking so that values meant as equal mask equal, applied in the order given to
     * {@link Builder#normalize}.
     *
     * @since 0.1.0
     */
    public enum Normalization {
        /**
         * Strips leading and trailing white space as {@link String#strip()} does: the characters for which
         * {@link Character#isWhitespace(int)} is true. That excludes the no-break spaces U+00A0, U+2007, U+202F and
         * U+0085 (next line), which stay, and includes U+001C to U+001F; {@code docs/format.md} lists the set.
         */
        TRIM {
            @Override
            String apply(String value) {
                return value.strip();
            }
        },
        /** Lower-cases with {@link Locale#ROOT}, so the result does not depend on the machine's locale. */
        LOWER_CASE {
            @Override
            String apply(String value) {
                return value.toLowerCase(Locale.ROOT);
            }
        },
        /**
         * Rewrites IPv6 addresses in the RFC 5952 canonical form (lowercase, no leading zeros, longest zero run as
         * {@code ::}, IPv4-mapped as {@code ::ffff:a.b.c.d}) and keeps IPv4 dotted quads as they are. Text that is
         * neither, an IPv4 part with a leading zero, or digits other than ASCII ones (fullwidth, Arabic-Indic...) is
         * refused with an exception naming the rule only, which the pipeline turns into an {@code INVALID_VALUE}
         * rejection of the message.
         */
        CANONICAL_IP {
            @Override
            String apply(String value) {
                String canonical = CanonicalIp.canonicalOrNull(value);
                if (canonical == null) {
                    throw new IllegalArgumentException("normalization CANONICAL_IP: not an IPv4 or IPv6 address");
                }
                return canonical;
            }
        };

        abstract String apply(String value);
    }

    /**
     * Collects the settings of an {@link HmacMasker}; each may be given once. Not thread-safe; {@link #build()}
     * copies, so later changes never reach a built masker.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final Keyring keyring;
        private Encoding encoding;
        private int maskBytes;
        private String domain;
        private List<Normalization> normalizations;
        private BlankValues blankValues;

        private Builder(Keyring keyring) {
            this.keyring = keyring;
        }

        /**
         * Sets how masks are written; {@link Encoding#BASE64URL} by default.
         *
         * @param encoding the encoding
         * @return this builder
         * @throws IllegalStateException when the encoding was set before
         */
        public Builder encoding(Encoding encoding) {
            Objects.requireNonNull(encoding, "encoding");
            once(this.encoding == null, "encoding");
            this.encoding = encoding;
            return this;
        }

        /**
         * Keeps only the first bytes of each MAC; all 32 by default. Shorter masks are cheaper to store but collide
         * sooner: 16 bytes still make a collision among 2^64 values unlikely.
         *
         * @param bytes the mask length in bytes, {@value #MIN_TRUNCATED_BYTES} to 32
         * @return this builder
         * @throws IllegalArgumentException when the length is out of range
         * @throws IllegalStateException when the length was set before
         */
        public Builder truncateTo(int bytes) {
            if (bytes < MIN_TRUNCATED_BYTES || bytes > MAC_BYTES) {
                throw new IllegalArgumentException("hmac masker: truncateTo must be " + MIN_TRUNCATED_BYTES + " to "
                        + MAC_BYTES + " bytes, got " + bytes);
            }
            once(maskBytes == 0, "truncateTo");
            this.maskBytes = bytes;
            return this;
        }

        /**
         * Uses one fixed domain label instead of each field's path, so fields masked with the same label (and key)
         * give equal masks for equal values and analysts can join them, such as {@code src_ip} and {@code dst_ip}
         * with {@code domain("ip")}.
         *
         * @param label the shared domain label; may be empty
         * @return this builder
         * @throws IllegalStateException when the domain was set before
         */
        public Builder domain(String label) {
            Objects.requireNonNull(label, "label");
            once(this.domain == null, "domain");
            Utf8.encode(label, new byte[Utf8.maxBytes(label.length())], 0); // refuse unpaired surrogates now
            this.domain = label;
            return this;
        }

        /**
         * Rewrites values before masking, in the order given, so that values meant as equal mask equal; none by
         * default.
         *
         * @param steps the normalizations, each at most once
         * @return this builder
         * @throws IllegalArgumentException when a step is given twice
         * @throws IllegalStateException when normalization was set before
         */
        public Builder normalize(Normalization... steps) {
            Objects.requireNonNull(steps, "steps");
            once(normalizations == null, "normalize");
            Set<Normalization> seen = EnumSet.noneOf(Normalization.class);
            for (Normalization step : steps) {
                if (!seen.add(Objects.requireNonNull(step, "step"))) {
                    throw new IllegalArgumentException("hmac masker: normalize lists " + step + " twice");
                }
            }
            this.normalizations = List.of(steps);
            return this;
        }

        /**
         * Sets what the pipeline does with a blank value (empty or white space only, see {@link BlankValues}):
         * {@link BlankValues#NULL} by default, so blanks become JSON null instead of one mask shared by every blank.
         *
         * @param policy the policy
         * @return this builder
         * @throws IllegalStateException when the policy was set before
         */
        public Builder blankValues(BlankValues policy) {
            Objects.requireNonNull(policy, "policy");
            once(this.blankValues == null, "blankValues");
            this.blankValues = policy;
            return this;
        }

        /**
         * Builds the masker, deriving the HMAC subkey of each key in the ring once: the primary's makes the masks,
         * the others serve {@link HmacMasker#masksUnderEveryKey}.
         *
         * @return the masker
         */
        public HmacMasker build() {
            return new HmacMasker(this, keyring.primary(), true);
        }

        private static void once(boolean unset, String setting) {
            if (!unset) {
                throw new IllegalStateException("hmac masker: " + setting + " already set");
            }
        }
    }
}
