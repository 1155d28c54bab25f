package io.maskpipe.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Makes login events shaped like the real ones (JSON bodies as they arrive on the queue), from a seed, so every
 * run of the example and its test sees the same messages.
 *
 * <p>About one event in five reuses an ip or device id seen before, so the analysts' duplicate query finds
 * something, and a few messages are malformed in each of the ways production sends them: the wrong message type,
 * broken JSON and a missing field. The values are made up; nothing here comes from real users. Not thread-safe.
 *
 * @since 0.1.0
 */
public final class LoginEventGenerator {
    /** The wrong-type message production queues really carry. */
    static final String WRONG_MESSAGE_TYPE = "{\"foo\": \"oops_wrong_msg_type\", \"bar\": \"123\"}";

    private static final String[] LOCALES = {"US", "RU", "PH", "ID", "FR", "PT", "BR", "DE", "IN", "JP", "NG", "MX"};
    private static final String[] DEVICE_TYPES = {"ios", "android"};
    /** How many distinct ips and device ids are remembered for reuse, so memory stays flat on long runs. */
    private static final int POOL = 10_000;

    private final Random random;
    private final int malformedEvery;
    private final List<String> ips = new ArrayList<>();
    private final List<String> deviceIds = new ArrayList<>();
    private final Map<String, Integer> wellFormedIpCounts = new LinkedHashMap<>();
    private String lastIp;

    private LoginEventGenerator(long seed, int malformedEvery) {
        this.random = new Random(seed);
        this.malformedEvery = malformedEvery;
    }

    /**
     * Returns a generator with a fixed seed and one malformed message in every {@code malformedEvery}.
     *
     * @param seed the seed; the same seed gives the same messages
     * @param malformedEvery how often a malformed message comes (0 for never)
     * @return the generator
     */
    public static LoginEventGenerator seeded(long seed, int malformedEvery) {
        if (malformedEvery < 0) {
            throw new IllegalArgumentException("malformedEvery: must be 0 or more, got " + malformedEvery);
        }
        return new LoginEventGenerator(seed, malformedEvery);
    }

    /**
     * Makes the next {@code count} message bodies.
     *
     * @param count how many
     * @return the bodies, in order
     */
    public List<String> next(int count) {
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(next());
        }
        return bodies;
    }

    /**
     * Makes the next message body.
     *
     * @return a JSON body, now and then a malformed one
     */
    public String next() {
        if (malformedEvery > 0 && random.nextInt(malformedEvery) == 0) {
            return malformed();
        }
        String event = loginEvent(null);
        if (wellFormedIpCounts.size() < POOL || wellFormedIpCounts.containsKey(lastIp)) {
            wellFormedIpCounts.merge(lastIp, 1, Integer::sum);
        }
        return event;
    }

    /**
     * Returns the ip that came most often in the well-formed events made so far (the first such, on a tie), so a
     * demo can look up a value it knows is in the table several times; empty before the first event.
     *
     * @return the ip, or empty
     */
    public Optional<String> mostRepeatedIp() {
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> entry : wellFormedIpCounts.entrySet()) {
            if (entry.getValue() > bestCount) {
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return Optional.ofNullable(best);
    }

    private String malformed() {
        switch (random.nextInt(3)) {
            case 0:
                return WRONG_MESSAGE_TYPE;
            case 1:
                String event = loginEvent(null);
                return event.substring(0, event.length() / 2); // broken JSON: cut mid-message
            default:
                return loginEvent("device_id"); // a required field missing
        }
    }

    private String loginEvent(String omit) {
        StringBuilder json = new StringBuilder(200).append('{');
        field(json, "user_id", UUID.nameUUIDFromBytes(longBytes(random.nextLong())).toString(), omit);
        field(json, "app_version", version(), omit);
        field(json, "device_type", DEVICE_TYPES[random.nextInt(DEVICE_TYPES.length)], omit);
        lastIp = reuseOrNew(ips, this::ipv4);
        field(json, "ip", lastIp, omit);
        field(json, "locale", random.nextInt(5) == 0 ? null : LOCALES[random.nextInt(LOCALES.length)], omit);
        field(json, "device_id", reuseOrNew(deviceIds, this::deviceId), omit);
        json.setLength(json.length() - 2); // the last ", "
        return json.append('}').toString();
    }

    private static void field(StringBuilder json, String name, String value, String omit) {
        if (Objects.equals(name, omit)) {
            return;
        }
        json.append('"').append(name).append("\": ");
        if (value == null) {
            json.append("null");
        } else {
            json.append('"').append(value).append('"');
        }
        json.append(", ");
    }

    private String reuseOrNew(List<String> seen, Supplier<String> fresh) {
        if (!seen.isEmpty() && random.nextInt(5) == 0) {
            return seen.get(random.nextInt(seen.size()));
        }
        String value = fresh.get();
        if (seen.size() < POOL) {
            seen.add(value);
        }
        return value;
    }

    private String ipv4() {
        return (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + (1 + random.nextInt(254));
    }

    private String deviceId() {
        return String.format("%03d-%02d-%04d", random.nextInt(1000), random.nextInt(100), random.nextInt(10_000));
    }

    private String version() {
        // Both shapes production sends: "2.3.0" and "0.96".
        if (random.nextBoolean()) {
            return random.nextInt(4) + "." + random.nextInt(10) + "." + random.nextInt(10);
        }
        return random.nextInt(2) + "." + (1 + random.nextInt(99));
    }

    private static byte[] longBytes(long value) {
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }
}
