package io.maskpipe.postgres;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type the sink can write: its kind and modifiers (a length, a numeric precision and scale), read from the
 * catalog or parsed from a type declared in the mapping. It renders its own SQL, so no configured text ever reaches
 * a statement.
 */
record ColumnType(Kind kind, int length, int precision, int scale) {
    static final String SUPPORTED = "text, varchar(n), char(n), smallint, integer, bigint, numeric, numeric(p,s), "
            + "boolean, date, timestamptz, uuid, jsonb";

    private static final Pattern DECLARED = Pattern.compile(
            "([a-z][a-z ]*[a-z]|[a-z0-9]+)\\s*(?:\\(\\s*(\\d{1,9})\\s*(?:,\\s*(\\d{1,4})\\s*)?\\))?");

    /** What a column holds, with the catalog name, the SQL name and the cast used for bound text. */
    enum Kind {
        TEXT("text", "text"), VARCHAR("varchar", "text"), CHAR("bpchar", "text"),
        SMALLINT("int2", "int2"), INTEGER("int4", "int4"), BIGINT("int8", "int8"), NUMERIC("numeric", "numeric"),
        BOOLEAN("bool", "bool"), DATE("date", "date"), TIMESTAMPTZ("timestamptz", "timestamptz"),
        UUID("uuid", "uuid"), JSONB("jsonb", "jsonb");

        final String catalogName;
        final String cast;

        Kind(String catalogName, String cast) {
            this.catalogName = catalogName;
            this.cast = cast;
        }

        boolean isText() {
            return this == TEXT || this == VARCHAR || this == CHAR;
        }

        boolean isInteger() {
            return this == SMALLINT || this == INTEGER || this == BIGINT;
        }
    }

    static ColumnType of(Kind kind) {
        return new ColumnType(kind, -1, -1, 0);
    }

    /** Reads a type from the catalog's type name and {@code atttypmod}; empty when the sink cannot write it. */
    static Optional<ColumnType> fromCatalog(String typeName, int typmod) {
        for (Kind kind : Kind.values()) {
            if (kind.catalogName.equals(typeName)) {
                return Optional.of(switch (kind) {
                    case VARCHAR, CHAR -> new ColumnType(kind, typmod < 4 ? -1 : typmod - 4, -1, 0);
                    // numeric's typmod (PostgreSQL numeric.c): ((precision << 16) | scale) + VARHDRSZ, scale signed
                    case NUMERIC -> typmod < 4 ? of(kind)
                            : new ColumnType(kind, -1, ((typmod - 4) >> 16) & 0xFFFF,
                                    ((((typmod - 4) & 0x7FF) ^ 1024) - 1024));
                    default -> of(kind);
                });
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a declared type such as {@code varchar(256)}, {@code integer} or {@code numeric(10,2)}.
     *
     * @throws IllegalArgumentException naming the column when the type is not one the sink supports
     */
    static ColumnType parse(String column, String declared) {
        Matcher m = DECLARED.matcher(declared.trim().toLowerCase(Locale.ROOT));
        IllegalArgumentException unsupported = new IllegalArgumentException("column \"" + column
                + "\": type '" + declared + "' is not supported (supported: " + SUPPORTED + ")");
        if (!m.matches()) {
            throw unsupported;
        }
        String name = m.group(1).replaceAll("\\s+", " ");
        Integer first = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer second = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        Kind kind = switch (name) {
            case "text" -> Kind.TEXT;
            case "varchar", "character varying" -> Kind.VARCHAR;
            case "char", "character", "bpchar" -> Kind.CHAR;
            case "smallint", "int2" -> Kind.SMALLINT;
            case "integer", "int", "int4" -> Kind.INTEGER;
            case "bigint", "int8" -> Kind.BIGINT;
            case "numeric", "decimal" -> Kind.NUMERIC;
            case "boolean", "bool" -> Kind.BOOLEAN;
            case "date" -> Kind.DATE;
            case "timestamptz", "timestamp with time zone" -> Kind.TIMESTAMPTZ;
            case "uuid" -> Kind.UUID;
            case "jsonb" -> Kind.JSONB;
            default -> throw unsupported;
        };
        boolean lengthType = kind == Kind.VARCHAR || kind == Kind.CHAR;
        if (second != null && kind != Kind.NUMERIC || first != null && !lengthType && kind != Kind.NUMERIC) {
            throw unsupported;
        }
        if (lengthType) {
            int length = first == null ? (kind == Kind.CHAR ? 1 : -1) : first;
            if (first != null && (first < 1 || first > 10_485_760)) {
                throw unsupported;
            }
            return new ColumnType(kind, length, -1, 0);
        }
        if (kind == Kind.NUMERIC && first != null) {
            int scale = second == null ? 0 : second;
            if (first < 1 || first > 1000 || scale > first) {
                throw unsupported;
            }
            return new ColumnType(kind, -1, first, scale);
        }
        return of(kind);
    }

    /** Returns the type as SQL writes it, e.g. {@code varchar(32)}; also used in messages. */
    String sql() {
        return switch (kind) {
            case TEXT -> "text";
            case VARCHAR -> length < 0 ? "varchar" : "varchar(" + length + ")";
            case CHAR -> "char(" + Math.max(length, 1) + ")";
            case SMALLINT -> "smallint";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case NUMERIC -> precision < 0 ? "numeric" : "numeric(" + precision + "," + scale + ")";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case TIMESTAMPTZ -> "timestamptz";
            case UUID -> "uuid";
            case JSONB -> "jsonb";
        };
    }
}
