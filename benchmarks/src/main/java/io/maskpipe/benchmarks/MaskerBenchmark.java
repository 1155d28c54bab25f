package io.maskpipe.benchmarks;

import io.maskpipe.core.HmacMasker;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.MaskContext;
import io.maskpipe.core.Maskers;
import io.maskpipe.core.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One thread masking an IPv4 address: keyed HMAC masking, AES-SIV tokenize and reveal, beside the baseline of the
 * JDK's bare {@code Mac.doFinal} (HmacSHA256) over the same text's bytes, so {@code docs/performance.md} can give
 * ratios measured in one run.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MaskerBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MaskerBenchmark {
    private static final String IP = "203.0.113.7";

    private final MaskContext context = MaskContext.forField("ip");
    private byte[] ipBytes;
    private Mac bareMac;
    private HmacMasker hmac;
    private Tokenizer tokenizer;
    private String token;

    /** Builds the maskers from a fresh random key, as a pipeline builds them once at start. */
    @Setup
    public void setUp() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Keyring ring = Keyring.of("k1", key);
        bareMac = Mac.getInstance("HmacSHA256");
        bareMac.init(new SecretKeySpec(key, "HmacSHA256"));
        ipBytes = IP.getBytes(StandardCharsets.UTF_8);
        hmac = Maskers.hmac(ring);
        tokenizer = Maskers.tokenize(ring);
        token = tokenizer.mask(IP, context);
    }

    /** The baseline: the JDK's HMAC-SHA256 over the value's bytes, nothing else. */
    @Benchmark
    public byte[] baselineBareMacDoFinal() {
        return bareMac.doFinal(ipBytes);
    }

    /** HMAC masking including UTF-8 framing, base64url and the returned string. */
    @Benchmark
    public String hmacMask() {
        return hmac.mask(IP, context);
    }

    /** AES-SIV tokenization including encoding. */
    @Benchmark
    public String tokenize() {
        return tokenizer.mask(IP, context);
    }

    /** AES-SIV reveal including decoding and the check. */
    @Benchmark
    public String reveal() {
        return tokenizer.reveal(token, context);
    }
}
