package com.example.logins;

import io.maskpipe.core.MaskContext;
import io.maskpipe.core.Masker;

/**
 * The consumer's own masker: keeps the /24 network of an IPv4 address and zeroes the host, so {@code 203.0.113.7}
 * becomes {@code 203.0.113.0}. Anything else is refused, naming the rule and never the value.
 */
public final class NetworkOnlyMasker implements Masker {
    @Override
    public String mask(String value, MaskContext context) {
        String[] octets = value.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("not a dotted IPv4 address");
        }
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                throw new IllegalArgumentException("not a dotted IPv4 address");
            }
        }
        return octets[0] + "." + octets[1] + "." + octets[2] + ".0";
    }

    @Override
    public String toString() {
        return "NetworkOnlyMasker";
    }
}
