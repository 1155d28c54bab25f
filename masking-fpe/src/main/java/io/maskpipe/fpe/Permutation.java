package io.maskpipe.fpe;

import java.math.BigInteger;
import org.bouncycastle.crypto.util.RadixConverter;

/**
 * One keyed, tweaked FF1 permutation, run forward (to mask) or backward (to reveal): what a {@link Format} needs to
 * turn its numerals into others.
 */
final class Permutation {
    private static final RadixConverter BINARY = new RadixConverter(2);

    private final Ff1 ff1;
    private final byte[] tweak;
    private final boolean forward;

    Permutation(Ff1 ff1, byte[] tweak, boolean forward) {
        this.ff1 = ff1;
        this.tweak = tweak;
        this.forward = forward;
    }

    /**
     * Permutes a numeral string of the given radix with FF1.
     *
     * @param radix the radix, shared so its conversion tables are built once
     * @param numerals the numerals, most significant first
     * @return new numerals of the same length
     */
    int[] apply(RadixConverter radix, int[] numerals) {
        return forward ? ff1.encrypt(radix, tweak, numerals) : ff1.decrypt(radix, tweak, numerals);
    }

    /**
     * Permutes the integers {@code [0, size)}: FF1 over radix 2 with {@code n} numerals, the bit length of
     * {@code size - 1}, and cycle walking (Black and Rogaway, "Ciphers with Arbitrary Finite Domains", 2002): apply
     * FF1 again until the result falls below {@code size}. Since {@code size > 2^(n-1)}, the expected number of
     * rounds is below 2; the backward direction walks the same cycle the other way. When {@code size} is a power of
     * two (IPv4: 2^32) there is never a second round.
     *
     * @param x the integer, in {@code [0, size)}
     * @param size the domain's size, at least {@value Ff1#MIN_DOMAIN}
     * @return the permuted integer, in {@code [0, size)}
     */
    BigInteger applyBelow(BigInteger x, BigInteger size) {
        int bits = size.subtract(BigInteger.ONE).bitLength();
        BigInteger y = x;
        do {
            y = fromBits(apply(BINARY, toBits(y, bits)));
        } while (y.compareTo(size) >= 0);
        return y;
    }

    private static int[] toBits(BigInteger x, int bits) {
        int[] numerals = new int[bits];
        for (int i = 0; i < bits; i++) {
            numerals[i] = x.testBit(bits - 1 - i) ? 1 : 0;
        }
        return numerals;
    }

    private static BigInteger fromBits(int[] numerals) {
        BigInteger x = BigInteger.ZERO;
        for (int i = 0; i < numerals.length; i++) {
            if (numerals[i] != 0) {
                x = x.setBit(numerals.length - 1 - i);
            }
        }
        return x;
    }
}
