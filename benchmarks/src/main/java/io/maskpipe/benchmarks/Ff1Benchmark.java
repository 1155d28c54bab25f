package io.maskpipe.benchmarks;

import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.MaskContext;
import io.maskpipe.core.Masker;
import io.maskpipe.core.Maskers;
import io.maskpipe.fpe.Ff1Masker;
import io.maskpipe.fpe.Ff1Maskers;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * FF1 masks per second for a 9-digit device id ({@code NNN-NN-NNNN}, and bare digits) and an IPv4 address, beside
 * HMAC masking ({@code Maskers.hmac}) of the same values in the same run: the baseline of the ratios in
 * {@code docs/performance.md}. Run: {@code java -jar benchmarks/target/benchmarks.jar Ff1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Ff1Benchmark {
    private static final int VALUES = 1024;
    private static final MaskContext DEVICE_ID = MaskContext.forField("device_id");
    private static final MaskContext IP = MaskContext.forField("ip");

    private Masker hmac;
    private Ff1Masker deviceIds;
    private Ff1Masker digits;
    private Ff1Masker ips;
    private final String[] ids = new String[VALUES];
    private final String[] bareIds = new String[VALUES];
    private final String[] addresses = new String[VALUES];
    private int next;

    /** Builds the maskers on a fresh random key and 1,024 random values of each kind. */
    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        Keyring ring = Keyring.of("k1", key);
        hmac = Maskers.hmac(ring);
        deviceIds = Ff1Maskers.pattern(ring, "NNN-NN-NNNN");
        digits = Ff1Maskers.digits(ring);
        ips = Ff1Maskers.ipv4(ring);
        for (int i = 0; i < VALUES; i++) {
            String nine = String.format("%09d", random.nextInt(1_000_000_000));
            bareIds[i] = nine;
            ids[i] = nine.substring(0, 3) + "-" + nine.substring(3, 5) + "-" + nine.substring(5);
            addresses[i] = random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256);
        }
    }

    private int index() {
        next = (next + 1) & (VALUES - 1);
        return next;
    }

    /** The baseline: HMAC-SHA256 mask of a device id. */
    @Benchmark
    public String hmacDeviceId() {
        return hmac.mask(ids[index()], DEVICE_ID);
    }

    /** The baseline: HMAC-SHA256 mask of an IPv4 address. */
    @Benchmark
    public String hmacIpv4() {
        return hmac.mask(addresses[index()], IP);
    }

    /** FF1 radix 10 over the nine digits of {@code NNN-NN-NNNN}, dashes kept. */
    @Benchmark
    public String ff1DeviceIdPattern() {
        return deviceIds.mask(ids[index()], DEVICE_ID);
    }

    /** FF1 radix 10 over nine bare digits. */
    @Benchmark
    public String ff1Digits9() {
        return digits.mask(bareIds[index()], DEVICE_ID);
    }

    /** FF1 radix 2 over the address's 32 bits. */
    @Benchmark
    public String ff1Ipv4() {
        return ips.mask(addresses[index()], IP);
    }

    /** FF1 reveal of a masked IPv4 address (the same work backwards). */
    @Benchmark
    public String ff1Ipv4Reveal() {
        return ips.reveal(addresses[index()], IP);
    }
}
