package io.maskpipe.benchmarks;

import io.maskpipe.core.HmacMasker;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.MaskContext;
import io.maskpipe.core.Maskers;
import io.maskpipe.core.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A paired companion to {@link MaskerBenchmark} for noisy machines: it alternates short rounds of the baseline
 * ({@code Mac.doFinal}) and each masker, one thread, and reports the median of the per-round ratios, so load that
 * drifts during the run hits both sides of every ratio alike. JMH's sequential runs cannot cancel that drift.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.maskpipe.benchmarks.PairedMaskerRatio}
 */
public final class PairedMaskerRatio {
    private static final String IP = "203.0.113.7";
    private static final int ROUNDS = 40;
    private static final long ROUND_NANOS = 100_000_000L;
    private static int sink;

    private PairedMaskerRatio() {
    }

    /** Prints the median ratio of each masker's ops/s to the baseline's. */
    public static void main(String[] args) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Keyring ring = Keyring.of("k1", key);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] ipBytes = IP.getBytes(StandardCharsets.UTF_8);
        MaskContext context = MaskContext.forField("ip");
        HmacMasker hmac = Maskers.hmac(ring);
        Tokenizer tokenizer = Maskers.tokenize(ring);
        String token = tokenizer.mask(IP, context);

        Supplier<Object> baseline = () -> mac.doFinal(ipBytes);
        report("hmacMask", baseline, () -> hmac.mask(IP, context));
        report("tokenize", baseline, () -> tokenizer.mask(IP, context));
        report("reveal", baseline, () -> tokenizer.reveal(token, context));
    }

    private static void report(String name, Supplier<Object> baseline, Supplier<Object> candidate) {
        for (int i = 0; i < 10; i++) { // warm-up rounds
            rate(baseline);
            rate(candidate);
        }
        double[] ratios = new double[ROUNDS];
        double[] bases = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            bases[i] = rate(baseline);
            ratios[i] = rate(candidate) / bases[i];
        }
        Arrays.sort(ratios);
        Arrays.sort(bases);
        System.out.printf("%-9s median %.2fx of Mac.doFinal (quartiles %.2f-%.2f, %d paired rounds of 100 ms;"
                + " baseline median %.0f ops/s)%n", name, ratios[ROUNDS / 2], ratios[ROUNDS / 4],
                ratios[3 * ROUNDS / 4], ROUNDS, bases[ROUNDS / 2]);
    }

    private static double rate(Supplier<Object> op) {
        long start = System.nanoTime();
        long end = start + ROUND_NANOS;
        long ops = 0;
        long now;
        do {
            for (int i = 0; i < 256; i++) {
                sink += System.identityHashCode(op.get());
            }
            ops += 256;
            now = System.nanoTime();
        } while (now < end);
        return ops * 1e9 / (now - start);
    }
}
