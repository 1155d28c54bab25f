package io.maskpipe.fpe;

import java.math.BigInteger;

/**
 * IPv4 addresses in dotted-decimal form, masked as one 32-bit number: FF1 over radix 2 with 32 numerals (the
 * address's bits, most significant first), so every address maps to another valid address and back.
 *
 * <p>Why radix 2 and not 10 decimal digits: {@code 10^10 > 2^32}, so a decimal domain would need cycle walking (on
 * average 2.3 FF1 calls, a number that varies with the value); 32 bits are exactly the address space, one FF1 call
 * every time. The domain, 2^32, is far above NIST's minimum of a million. Input must be canonical: four numbers
 * 0 to 255 joined by dots, no leading zeros (they read as octal in some parsers), no spaces; output is canonical too.
 */
final class Ipv4Format implements Format {
    private static final BigInteger SIZE = BigInteger.ONE.shiftLeft(32);
    private static final int LONGEST = "255.255.255.255".length();

    @Override
    public String apply(String value, String field, Permutation permutation) {
        long address = parse(value, field);
        return format(permutation.applyBelow(BigInteger.valueOf(address), SIZE).longValue());
    }

    /**
     * Parses a canonical dotted-decimal address.
     *
     * @param value the address
     * @param field the field, for messages
     * @return the address as an unsigned 32-bit number
     * @throws IllegalArgumentException naming the field and what is wrong, never the value
     */
    static long parse(String value, String field) {
        if (value.length() > LONGEST) {
            throw notAnAddress(field);
        }
        long address = 0;
        int offset = 0;
        for (int part = 1; part <= 4; part++) {
            int start = offset;
            int octet = 0;
            while (offset < value.length() && value.charAt(offset) != '.') {
                char c = value.charAt(offset);
                if (c < '0' || c > '9') {
                    throw badPart(field, part);
                }
                octet = octet * 10 + (c - '0');
                offset++;
            }
            int digits = offset - start;
            if (digits == 0) {
                throw new IllegalArgumentException("field '" + field + "': IPv4 part " + part + " is empty");
            }
            if (digits > 3 || octet > 255) {
                throw badPart(field, part);
            }
            if (digits > 1 && value.charAt(start) == '0') {
                throw new IllegalArgumentException("field '" + field + "': IPv4 part " + part
                        + " has a leading zero");
            }
            address = address << 8 | octet;
            if (part < 4) {
                if (offset == value.length()) {
                    throw notAnAddress(field);
                }
                offset++;
            }
        }
        if (offset != value.length()) {
            throw notAnAddress(field);
        }
        return address;
    }

    /** Writes an unsigned 32-bit number as a canonical dotted-decimal address. */
    static String format(long address) {
        return (address >>> 24 & 0xFF) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "."
                + (address & 0xFF);
    }

    private static IllegalArgumentException notAnAddress(String field) {
        return new IllegalArgumentException("field '" + field
                + "': not an IPv4 address (four numbers 0 to 255 joined by dots expected)");
    }

    private static IllegalArgumentException badPart(String field, int part) {
        return new IllegalArgumentException("field '" + field + "': IPv4 part " + part
                + " is not a number from 0 to 255");
    }

    @Override
    public String describe() {
        return "ipv4";
    }
}
