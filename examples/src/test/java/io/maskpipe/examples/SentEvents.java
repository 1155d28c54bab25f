package io.maskpipe.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an example run sent, rebuilt from the generator with the example's seed: the well-formed events as field maps,
 * the malformed ones by kind, and every raw ip and device id (for the leak checks). Read here with a plain pattern, so
 * the expectations do not depend on the code under test.
 */
final class SentEvents {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\": (?:\"([^\"]*)\"|null)");
    private static final Pattern RAW = Pattern.compile("\"(?:ip|device_id)\": \"([^\"]+)\"");

    final List<Map<String, String>> wellFormed = new ArrayList<>();
    final Set<String> rawValues = new LinkedHashSet<>();
    int wrongType;
    int brokenJson;
    int missingField;

    private SentEvents() {
    }

    static SentEvents of(int messages) {
        SentEvents events = new SentEvents();
        for (String body : LoginEventGenerator.seeded(LoginsExample.SEED, LoginsExample.MALFORMED_EVERY)
                .next(messages)) {
            Matcher raw = RAW.matcher(body);
            while (raw.find()) {
                events.rawValues.add(raw.group(1));
            }
            if (body.equals(LoginEventGenerator.WRONG_MESSAGE_TYPE)) {
                events.wrongType++;
            } else if (!body.endsWith("}")) {
                events.brokenJson++;
            } else if (!body.contains("\"device_id\"")) {
                events.missingField++;
            } else {
                Map<String, String> fields = new LinkedHashMap<>();
                Matcher field = FIELD.matcher(body);
                while (field.find()) {
                    fields.put(field.group(1), field.group(2));
                }
                events.wellFormed.add(fields);
            }
        }
        return events;
    }

    int malformed() {
        return wrongType + brokenJson + missingField;
    }

    /** Returns how often each value of a field came in the well-formed events. */
    Map<String, Integer> counts(String field) {
        Map<String, Integer> counts = new HashMap<>();
        wellFormed.forEach(e -> counts.merge(e.get(field), 1, Integer::sum));
        return counts;
    }

    /** Returns how many values of a field came more than once: what the analysts' duplicate query must find. */
    long repeated(String field) {
        return counts(field).values().stream().filter(n -> n > 1).count();
    }

    /** The reference of the sink's version number: major * 1,000,000 + minor * 1,000 + patch. */
    static int versionNumber(String version) {
        String[] parts = version.split("\\.");
        int number = 0;
        for (int i = 0; i < 3; i++) {
            number = number * 1000 + (i < parts.length ? Integer.parseInt(parts[i]) : 0);
        }
        return number;
    }
}
