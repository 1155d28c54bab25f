package io.maskpipe.postgres;

import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns a column value into the text PostgreSQL parses for the column's type, checking in Java what the catalog
 * type allows (length, range, precision, syntax), so that a batch rarely meets a server-side error. Problems are
 * thrown as {@link ColumnRejection}s whose rules name the type and the limit, never the value.
 */
final class ValueEncoder {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,40}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final BigDecimal[] INTEGER_LIMITS = {
        BigDecimal.valueOf(Short.MIN_VALUE), BigDecimal.valueOf(Short.MAX_VALUE),
        BigDecimal.valueOf(Integer.MIN_VALUE), BigDecimal.valueOf(Integer.MAX_VALUE),
        BigDecimal.valueOf(Long.MIN_VALUE), BigDecimal.valueOf(Long.MAX_VALUE)};
    // Years PostgreSQL and ISO-8601 text agree on without era suffixes.
    private static final int MIN_YEAR = 1;
    private static final int MAX_YEAR = 9999;

    private ValueEncoder() {
    }

    /** Returns the text form of a value for a column type, or {@code null} for SQL NULL. */
    static String encode(Object value, ColumnType type) {
        Object plain = unwrap(value);
        if (plain == null) {
            return null;
        }
        return switch (type.kind()) {
            case TEXT, VARCHAR, CHAR -> text(plain, type);
            case SMALLINT, INTEGER, BIGINT -> integer(plain, type);
            case NUMERIC -> numeric(plain, type);
            case BOOLEAN -> bool(plain, type);
            case DATE -> date(plain, type);
            case TIMESTAMPTZ -> timestamp(plain, type);
            case UUID -> uuid(plain, type);
            case JSONB -> json(value);
        };
    }

    private static Object unwrap(Object value) {
        if (value == null || value instanceof Value.Null) {
            return null;
        } else if (value instanceof Value.Text text) {
            return text.text();
        } else if (value instanceof Value.Number number) {
            return number.number();
        } else if (value instanceof Value.Bool bool) {
            return bool.bool();
        }
        return value;
    }

    private static String text(Object value, ColumnType type) {
        String text;
        if (value instanceof String s) {
            text = s;
        } else if (value instanceof Number || value instanceof Boolean || value instanceof UUID
                || value instanceof LocalDate) {
            text = value instanceof BigDecimal d ? new Value.Number(d).toPlainText() : value.toString();
        } else if (isTimestamp(value)) {
            text = instant(value, type).toString();
        } else {
            throw wrongType(value, type);
        }
        checkText(text);
        if (type.length() >= 0 && text.length() > type.length()) {
            int codePoints = text.codePointCount(0, text.length());
            // PostgreSQL silently drops excess trailing spaces, and refuses anything else past the limit.
            if (codePoints > type.length() && !text.substring(text.offsetByCodePoints(0, type.length())).isBlank()) {
                throw new ColumnRejection(ReasonCode.VALUE_TOO_LONG, "longer than " + type.length() + " characters");
            }
        }
        return text;
    }

    private static void checkText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                throw new ColumnRejection(ReasonCode.INVALID_VALUE,
                        "contains a NUL character, which PostgreSQL text cannot hold");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw new ColumnRejection(ReasonCode.INVALID_VALUE, "is not valid Unicode (a lone surrogate)");
                }
            }
        }
    }

    private static String integer(Object value, ColumnType type) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            // the common case (Columns.versionNumber gives an Integer) without BigDecimal and BigInteger
            long whole = ((Number) value).longValue();
            int limit = (type.kind().ordinal() - ColumnType.Kind.SMALLINT.ordinal()) * 2;
            if (whole < INTEGER_LIMITS[limit].longValue() || whole > INTEGER_LIMITS[limit + 1].longValue()) {
                throw new ColumnRejection(ReasonCode.INVALID_VALUE, "out of range for " + type.sql());
            }
            return Long.toString(whole);
        }
        BigDecimal number = decimal(value, type);
        BigInteger exact;
        try {
            exact = number.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new ColumnRejection(ReasonCode.INVALID_VALUE, "not a whole number, as " + type.sql() + " needs");
        }
        int limit = (type.kind().ordinal() - ColumnType.Kind.SMALLINT.ordinal()) * 2;
        BigDecimal whole = new BigDecimal(exact);
        if (whole.compareTo(INTEGER_LIMITS[limit]) < 0 || whole.compareTo(INTEGER_LIMITS[limit + 1]) > 0) {
            throw new ColumnRejection(ReasonCode.INVALID_VALUE, "out of range for " + type.sql());
        }
        return exact.toString();
    }

    private static String numeric(Object value, ColumnType type) {
        BigDecimal number = decimal(value, type);
        if (type.precision() < 0) {
            return number.toPlainString();
        }
        // PostgreSQL rounds half away from zero to the scale, then refuses more integer digits than p - s.
        BigDecimal rounded = number.setScale(type.scale(), RoundingMode.HALF_UP);
        int integerDigits = rounded.signum() == 0 ? 0 : rounded.precision() - rounded.scale();
        if (integerDigits > type.precision() - type.scale()) {
            throw new ColumnRejection(ReasonCode.INVALID_VALUE, "does not fit " + type.sql());
        }
        return rounded.toPlainString();
    }

    private static BigDecimal decimal(Object value, ColumnType type) {
        if (value instanceof BigDecimal d) {
            return d;
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new ColumnRejection(ReasonCode.INVALID_VALUE, "not a finite number, as " + type.sql()
                        + " needs");
            }
            return BigDecimal.valueOf(d);
        } else if (value instanceof String s) {
            String trimmed = s.trim();
            boolean syntax = type.kind().isInteger() ? INTEGER.matcher(trimmed).matches()
                    : !trimmed.isEmpty() && trimmed.length() <= 1000 && trimmed.chars().allMatch(
                            c -> c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E');
            if (syntax) {
                try {
                    return new BigDecimal(trimmed);
                } catch (NumberFormatException e) {
                    // falls through to the rejection below
                }
            }
            throw new ColumnRejection(ReasonCode.INVALID_VALUE, "not a number, as " + type.sql() + " needs");
        }
        throw wrongType(value, type);
    }

    private static String bool(Object value, ColumnType type) {
        if (value instanceof Boolean b) {
            return b.toString();
        } else if (value instanceof String s && (s.equals("true") || s.equals("false"))) {
            return s;
        } else if (value instanceof String) {
            throw new ColumnRejection(ReasonCode.INVALID_VALUE, "not true or false, as boolean needs");
        }
        throw wrongType(value, type);
    }

    private static String date(Object value, ColumnType type) {
        LocalDate date;
        if (value instanceof LocalDate d) {
            date = d;
        } else if (value instanceof String s) {
            try {
                date = LocalDate.parse(s.trim());
            } catch (DateTimeParseException e) {
                throw new ColumnRejection(ReasonCode.INVALID_VALUE, "not an ISO-8601 date (yyyy-mm-dd)");
            }
        } else if (isTimestamp(value)) {
            date = LocalDate.ofInstant(instant(value, type), ZoneOffset.UTC);
        } else {
            throw wrongType(value, type);
        }
        checkYear(date.getYear());
        return date.toString();
    }

    private static String timestamp(Object value, ColumnType type) {
        Instant instant;
        if (value instanceof String s) {
            try {
                instant = OffsetDateTime.parse(s.trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw new ColumnRejection(ReasonCode.INVALID_VALUE,
                        "not an ISO-8601 timestamp with an offset (2026-01-31T12:00:00Z)");
            }
        } else if (value instanceof LocalDate d) {
            instant = d.atStartOfDay(ZoneOffset.UTC).toInstant();
        } else {
            instant = instant(value, type);
        }
        checkYear(instant.atOffset(ZoneOffset.UTC).getYear());
        // PostgreSQL keeps microseconds; truncating here keeps the text short and the stored value unchanged.
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    private static boolean isTimestamp(Object value) {
        return value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime;
    }

    private static Instant instant(Object value, ColumnType type) {
        if (value instanceof Instant i) {
            return i;
        } else if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        } else if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        throw wrongType(value, type);
    }

    private static String uuid(Object value, ColumnType type) {
        if (value instanceof UUID u) {
            return u.toString();
        } else if (value instanceof String s && UUID_TEXT.matcher(s).matches()) {
            return s.toLowerCase(Locale.ROOT);
        } else if (value instanceof String) {
            throw new ColumnRejection(ReasonCode.INVALID_VALUE,
                    "not a UUID (8-4-4-4-12 hexadecimal digits)");
        }
        throw wrongType(value, type);
    }

    private static String json(Object value) {
        if (value instanceof Value v) {
            return Json.write(v);
        } else if (value instanceof String s) {
            return Json.quote(s);
        } else if (value instanceof Boolean) {
            return value.toString();
        } else if (value instanceof Number n) {
            return new Value.Number(decimal(n, ColumnType.of(ColumnType.Kind.JSONB))).toPlainText();
        }
        return Json.quote(text(value, ColumnType.of(ColumnType.Kind.TEXT)));
    }

    /** Refuses a year PostgreSQL and ISO-8601 text do not agree on without era suffixes. */
    static void checkYear(int year) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new ColumnRejection(ReasonCode.INVALID_VALUE, "outside the years " + MIN_YEAR + " to " + MAX_YEAR);
        }
    }

    private static ColumnRejection wrongType(Object value, ColumnType type) {
        return new ColumnRejection(ReasonCode.WRONG_TYPE, describe(value) + " cannot go into " + type.sql());
    }

    private static String describe(Object value) {
        if (value instanceof Record) {
            return "a record";
        } else if (value instanceof Value.Array) {
            return "a list";
        } else if (value instanceof String) {
            return "text";
        } else if (value instanceof Number) {
            return "a number";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (value instanceof LocalDate) {
            return "a date";
        } else if (value instanceof UUID) {
            return "a uuid";
        } else if (isTimestamp(value)) {
            return "a timestamp";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
