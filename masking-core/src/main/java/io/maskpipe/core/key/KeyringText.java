package io.maskpipe.core.key;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads a {@link Keyring} from its text form ({@code k1:<base64>,primary=k1}), from text, an environment variable or a
 * file. Every error names the source, the entry's position and the rule, never an entry's text: an entry written
 * the wrong way round may hold a key where an id belongs.
 */
final class KeyringText {
    private KeyringText() {
    }

    static Keyring fromEnvironment(String variable, Function<String, String> environment) {
        Objects.requireNonNull(variable, "variable");
        String text = environment.apply(variable);
        String source = "keyring variable '" + variable + "'";
        if (text == null) {
            throw new KeyringException(source + ": not set");
        }
        return parse(text, source);
    }

    static Keyring fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        String source = "keyring file '" + file + "'";
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KeyringException(source + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
        return parse(text, source);
    }

    static Keyring parse(String text, String source) {
        Keyring.Builder builder = Keyring.builder();
        int position = 0;
        for (String raw : text.split(",|\\r?\\n")) {
            String entry = raw.strip();
            position++;
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String where = source + ": entry " + position;
            int colon = entry.indexOf(':');
            int equals = entry.indexOf('=');
            if (entry.startsWith("primary") && equals >= 0 && entry.substring(7, equals).isBlank()) {
                String id = entry.substring(equals + 1).strip();
                try {
                    builder.primary(id);
                } catch (IllegalArgumentException e) {
                    throw new KeyringException(where + ": primary " + e.getMessage());
                } catch (IllegalStateException e) {
                    throw new KeyringException(where + ": primary named twice");
                }
            } else if (colon > 0 && (equals < 0 || colon < equals)) {
                builder.key(parseId(entry.substring(0, colon).strip(), where), decode(entry.substring(colon + 1)
                        .strip(), where), where);
            } else {
                throw new KeyringException(where + ": expected '<id>:<base64 key>' or 'primary=<id>'");
            }
        }
        try {
            return builder.build();
        } catch (KeyringException e) {
            // the builder names the primary's id, which in text may be a misplaced key: say the rule alone
            String rule = e.getMessage().contains("named primary but not in the ring")
                    ? "primary names no key of the ring" : e.getMessage().replaceFirst("^keyring: ", "");
            throw new KeyringException(source + ": " + rule);
        }
    }

    private static String parseId(String id, String where) {
        try {
            return KeyId.of(id).value();
        } catch (IllegalArgumentException e) {
            throw new KeyringException(where + ": " + e.getMessage());
        }
    }

    private static byte[] decode(String base64, String where) {
        try {
            boolean urlSafe = base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0;
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(base64);
        } catch (IllegalArgumentException e) {
            throw new KeyringException(where + ": key is not valid base64");
        }
    }
}
