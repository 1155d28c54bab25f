package io.maskpipe.sqs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Looks for raw values in text in every form a leak could take: as is, base64 (standard and URL alphabet, at each
 * of the three byte alignments), URL-encoded, JSON-escaped and hex. Returns the forms found, to name in a failure.
 */
final class Sweep {
    private Sweep() {
    }

    static List<String> findings(String haystack, List<String> values) {
        List<String> found = new ArrayList<>();
        String lower = haystack.toLowerCase(Locale.ROOT);
        for (int i = 0; i < values.size(); i++) {
            for (String form : forms(values.get(i))) {
                // base64 is case-sensitive; the other forms may come in either case (%2E, %2e, hex)
                boolean hit = haystack.contains(form) || !isBase64Core(form, values.get(i))
                        && lower.contains(form.toLowerCase(Locale.ROOT));
                if (hit) {
                    found.add("value #" + i + " as '" + kind(form, values.get(i)) + "'");
                }
            }
        }
        return found;
    }

    private static boolean isBase64Core(String form, String value) {
        return !form.equals(value) && !form.contains("%") && !form.contains("\\") && !isHex(form);
    }

    private static String kind(String form, String value) {
        return form.equals(value) ? "raw" : form.contains("%") ? "url" : form.contains("\\") ? "json" : isHex(form)
                ? "hex" : "base64";
    }

    static List<String> forms(String value) {
        List<String> forms = new ArrayList<>();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        forms.add(value);
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        forms.add(jsonEscaped(value, false));
        forms.add(jsonEscaped(value, true));
        forms.add(HexFormat.of().formatHex(bytes));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + bytes.length];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                String encoded = encoder.withoutPadding().encodeToString(shifted);
                // the characters that depend on the value's bytes alone, whatever surrounds it
                int from = shift == 0 ? 0 : shift == 1 ? 2 : 3;
                int to = encoded.length() - 2;
                if (to > from) {
                    forms.add(encoded.substring(from, to));
                }
            }
        }
        return forms;
    }

    private static String jsonEscaped(String value, boolean everything) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (everything || c == '"' || c == '\\' || c == '/' || c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(String form) {
        return form.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
