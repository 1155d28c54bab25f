package io.maskpipe.examples;

import io.maskpipe.core.HmacMasker;
import io.maskpipe.core.HmacMasker.Normalization;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.Masker;
import io.maskpipe.core.Maskers;

/**
 * How one example masks {@code ip} and {@code device_id}, and the table it writes by default. Each variant has its
 * own table, so a column never mixes two kinds of mask (which would no longer group as duplicates).
 */
enum Variant {
    /** Keyed HMAC for both fields: one-way, duplicates stay findable. */
    HMAC("user_logins", "HMAC-SHA256 (one-way)", "HMAC-SHA256 (one-way)"),
    /** Keyed HMAC for the ip, AES-SIV tokens for the device id: still deterministic, and a key holder can reveal. */
    TOKENIZED("user_logins_tokenized", "HMAC-SHA256 (one-way)", "AES-SIV token (reversible by a key holder)"),
    /** The user-written {@link Ipv4NetworkMasker} for the ip (keeps the /24), keyed HMAC for the device id. */
    NETWORK("user_logins_by_network", "Ipv4NetworkMasker (keeps the /24, keyed tag)", "HMAC-SHA256 (one-way)");

    private final String table;
    private final String ipMethod;
    private final String deviceMethod;

    Variant(String table, String ipMethod, String deviceMethod) {
        this.table = table;
        this.ipMethod = ipMethod;
        this.deviceMethod = deviceMethod;
    }

    String defaultTable() {
        return table;
    }

    String describe() {
        return "ip: " + ipMethod + "; device_id: " + deviceMethod;
    }

    /** Returns the ip masker, which also computes the mask a key holder looks up. */
    IpMasker ipMasker(Keyring keyring) {
        if (this == NETWORK) {
            Ipv4NetworkMasker masker = Ipv4NetworkMasker.of(keyring);
            return masker::mask;
        }
        // Canonical form first, so "2001:DB8::1" and "2001:db8:0:0:0:0:0:1" mask the same.
        HmacMasker masker = HmacMasker.builder(keyring).normalize(Normalization.TRIM, Normalization.CANONICAL_IP).build();
        return masker::mask;
    }

    Masker deviceMasker(Keyring keyring) {
        if (this == TOKENIZED) {
            return Maskers.tokenize(keyring);
        }
        return HmacMasker.builder(keyring).normalize(Normalization.TRIM).build();
    }

    /** An ip masker that can also mask a known value in a named domain, as a key holder does for a look-up. */
    @FunctionalInterface
    interface IpMasker {
        String mask(String value, String domain);

        default Masker asMasker() {
            return (value, context) -> mask(value, context.domain());
        }
    }
}
