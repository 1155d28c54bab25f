package io.maskpipe.core.internal;

/**
 * Canonical text of IP addresses, so that equal addresses mask equal: IPv4 dotted quads are kept as they are, IPv6
 * is rewritten in the RFC 5952 form.
 *
 * <p>Accepted: an IPv4 dotted quad with parts 0 to 255 and no leading zeros (which some parsers read as octal, so
 * {@code 010.0.0.1} is refused as ambiguous); an IPv6 address in any RFC 4291 section 2.2 text form, including
 * {@code ::} and an IPv4 tail. Only ASCII digits and letters count: digits of other scripts (fullwidth U+FF10 to
 * U+FF19, Arabic-Indic U+0660 to U+0669) are refused, as are zone ids ({@code %eth0}), brackets, prefixes
 * ({@code /64}) and host names.
 */
public final class CanonicalIp {
    private CanonicalIp() {
    }

    /** Returns the canonical text of an IPv4 or IPv6 address, or null when the text is neither. */
    public static String canonicalOrNull(String text) {
        if (text.indexOf(':') < 0) {
            return parseIpv4(text, 0, text.length()) >= 0 ? text : null;
        }
        int[] groups = parseIpv6(text);
        return groups == null ? null : format(groups);
    }

    /** Parses {@code a.b.c.d} in {@code text[from, to)}; returns it as an unsigned 32-bit value, or -1. */
    private static long parseIpv4(String text, int from, int to) {
        long value = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            int start = i;
            int part = 0;
            while (i < to && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                part = part * 10 + text.charAt(i) - '0';
                i++;
            }
            int digits = i - start;
            if (digits == 0 || part > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            value = value << 8 | part;
            parts++;
            if (parts < 4) {
                if (i >= to || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == to ? value : -1;
    }

    /** Parses IPv6 text into eight 16-bit groups (RFC 4291 section 2.2), or returns null. */
    private static int[] parseIpv6(String text) {
        int n = text.length();
        int[] groups = new int[8];
        int count = 0;
        int gap = -1; // index in groups where "::" stands
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
            if (n == 2) {
                return groups;
            }
        } else if (text.startsWith(":")) {
            return null;
        }
        while (i < n) {
            if (count == 8) {
                return null;
            }
            int start = i;
            int group = 0;
            while (i < n && i - start < 5 && hexDigit(text.charAt(i)) >= 0) {
                group = group << 4 | hexDigit(text.charAt(i));
                i++;
            }
            if (i < n && text.charAt(i) == '.') { // an IPv4 tail takes the last two groups
                long v4 = count <= 6 ? parseIpv4(text, start, n) : -1;
                if (v4 < 0) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
                i = n;
                break;
            }
            if (i - start == 0 || i - start > 4) {
                return null;
            }
            groups[count++] = group;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null; // "::" twice
                }
                gap = count;
                i++;
            } else if (i == n) {
                return null; // trailing single ':'
            }
        }
        if (gap < 0) {
            return count == 8 ? groups : null;
        }
        if (count == 8) {
            return null; // "::" must stand for at least one group
        }
        int[] full = new int[8];
        System.arraycopy(groups, 0, full, 0, gap);
        System.arraycopy(groups, gap, full, 8 - (count - gap), count - gap);
        return full;
    }

    /**
     * Returns the value of an ASCII hex digit ({@code 0-9}, {@code a-f}, {@code A-F}), or -1. Not
     * {@link Character#digit(char, int)}, which also reads fullwidth and other scripts' digits: {@code 2001::1}
     * written with fullwidth digits (U+FF10 to U+FF19) must be refused, not masked as its ASCII twin.
     */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** Formats eight groups per RFC 5952 section 4 (and section 5 for IPv4-mapped addresses). */
    private static String format(int[] g) {
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return "::ffff:" + (g[6] >>> 8) + "." + (g[6] & 0xff) + "." + (g[7] >>> 8) + "." + (g[7] & 0xff);
        }
        // RFC 5952 section 4.2: compress the longest run of two or more zero groups, the first one on a tie
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i])); // section 4.1 no leading zeros, 4.3 lowercase
        }
        return sb.toString();
    }
}
