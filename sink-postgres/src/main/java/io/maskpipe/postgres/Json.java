package io.maskpipe.postgres;

import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import java.util.Map;

/** Writes a maskpipe {@link Value} as JSON text for a {@code jsonb} column. */
final class Json {
    private Json() {
    }

    static String write(Value value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        appendString(out, text);
        return out.toString();
    }

    private static void append(StringBuilder out, Value value) {
        if (value instanceof Value.Text text) {
            appendString(out, text.text());
        } else if (value instanceof Value.Number number) {
            out.append(number.toPlainText());
        } else if (value instanceof Value.Bool bool) {
            out.append(bool.bool());
        } else if (value instanceof Value.Null) {
            out.append("null");
        } else if (value instanceof Value.Array array) {
            out.append('[');
            for (int i = 0; i < array.elements().size(); i++) {
                out.append(i == 0 ? "" : ",");
                append(out, array.elements().get(i));
            }
            out.append(']');
        } else {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Value> field : ((Record) value).fields().entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                appendString(out, field.getKey());
                out.append(':');
                append(out, field.getValue());
            }
            out.append('}');
        }
    }

    // RFC 8259 section 7; PostgreSQL's jsonb cannot hold U+0000, so that is refused rather than escaped.
    private static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\0' -> throw new ColumnRejection(ReasonCode.INVALID_VALUE,
                        "contains a NUL character, which jsonb cannot hold");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
