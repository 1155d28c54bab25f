package io.maskpipe.postgres;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in COPY's text format (PostgreSQL docs, COPY, "Text Format"), encoded straight to UTF-8 bytes: backslash
 * escapes, {@code \N} for NULL, a tab between values and a newline after each row. A chunk of rows at a time, handed
 * to the driver as it is, so a value is copied once (no intermediate {@code String} of the batch, no stream).
 */
final class CopyText {
    private byte[] bytes;
    private int size;

    CopyText(int expectedBytes) {
        bytes = new byte[Math.max(64, expectedBytes)];
    }

    /** Appends a value, escaped; {@code null} is SQL NULL. */
    CopyText value(String value) {
        if (value == null) {
            ensure(2);
            bytes[size++] = '\\';
            bytes[size++] = 'N';
            return this;
        }
        int length = value.length();
        ensure(length * 2);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> escape('\\');
                    case '\n' -> escape('n');
                    case '\r' -> escape('r');
                    case '\t' -> escape('t');
                    default -> bytes[size++] = (byte) c;
                }
            } else {
                // Values reach here checked (no lone surrogate); the JDK's encoder handles the rest of the text.
                byte[] rest = value.substring(i).getBytes(StandardCharsets.UTF_8);
                appendEscaped(rest);
                return this;
            }
        }
        return this;
    }

    /** Ends a value: a tab. */
    CopyText tab() {
        ensure(1);
        bytes[size++] = '\t';
        return this;
    }

    /** Ends a row: a newline. */
    CopyText newline() {
        ensure(1);
        bytes[size++] = '\n';
        return this;
    }

    /** Empties the buffer for the next chunk, keeping its capacity. */
    void clear() {
        size = 0;
    }

    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    @Override
    public String toString() {
        return "CopyText[" + size + " bytes]";
    }

    // UTF-8 bytes of a value's tail: the ASCII escapes still apply (multi-byte sequences never contain them).
    private void appendEscaped(byte[] rest) {
        ensure(rest.length * 2);
        for (byte b : rest) {
            switch (b) {
                case '\\' -> escape('\\');
                case '\n' -> escape('n');
                case '\r' -> escape('r');
                case '\t' -> escape('t');
                default -> bytes[size++] = b;
            }
        }
    }

    private void escape(char c) {
        bytes[size++] = '\\';
        bytes[size++] = (byte) c;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
