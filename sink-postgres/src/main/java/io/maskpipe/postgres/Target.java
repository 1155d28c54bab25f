package io.maskpipe.postgres;

import io.maskpipe.core.spi.ConnectorException.Kind;
import io.maskpipe.core.spi.SinkException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * The live table a sink writes to, resolved at {@code open()}: its schema, and each mapped column checked against
 * the catalog ({@code pg_attribute}, {@code pg_type}). Every problem is a setup {@link SinkException} whose
 * message names the table, the column and the rule.
 */
record Target(String schema, String table, List<TargetColumn> columns) {

    private static final String COLUMNS = """
            SELECT a.attname, t.typname, a.atttypmod, format_type(a.atttypid, a.atttypmod) AS type_text,
                   a.attnotnull, a.atthasdef OR a.attidentity <> '' AS has_default, a.attgenerated <> '' AS generated
              FROM pg_catalog.pg_attribute a
              JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
             WHERE a.attrelid = :relation AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum""";
    private static final String RELATION = """
            SELECT c.oid, c.relkind
              FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = :schema AND c.relname = :table""";

    private record LiveColumn(String typeName, int typmod, String typeText, boolean notNull, boolean hasDefault,
            boolean generated) {
    }

    /** Returns the quoted, schema-qualified name, as SQL and messages print it. */
    String quoted() {
        return Sql.quote(schema, table);
    }

    static String currentSchema(Handle handle) {
        String schema = handle.createQuery("SELECT current_schema()").mapTo(String.class).one();
        if (schema == null) {
            throw new SinkException("no schema given and the connection's search_path names none; "
                    + "set one with schema(...)", Kind.SETUP, null);
        }
        return schema;
    }

    /** Returns whether a table (or partitioned table) of that name exists. */
    static boolean exists(Handle handle, String schema, String table) {
        return relation(handle, schema, table) != null;
    }

    /** Creates the table from the mapping's declared types, unless it exists. */
    static void create(Handle handle, String schema, String table, List<ColumnMapping> mappings) {
        StringJoiner columns = new StringJoiner(", ", "CREATE TABLE IF NOT EXISTS " + Sql.quote(schema, table)
                + " (", ")");
        for (ColumnMapping mapping : mappings) {
            columns.add(Sql.quote(mapping.column()) + " " + mapping.createTypeOrNull().sql());
        }
        try {
            handle.execute(columns.toString());
        } catch (JdbiException e) {
            // Another sink may have created it at the same moment: IF NOT EXISTS does not cover that race.
            if (!(e.getCause() instanceof SQLException sql) || !SqlStates.isConcurrentCreate(sql)) {
                throw e;
            }
        }
    }

    /** Reads the live table and checks every mapped column against it. */
    static Target resolve(Handle handle, String schema, String table, List<ColumnMapping> mappings) {
        String name = Sql.quote(schema, table);
        Map<String, Object> relation = relation(handle, schema, table);
        if (relation == null) {
            throw invalid("table " + name + " does not exist; create it, or call createTableIfMissing()");
        }
        String kind = String.valueOf(relation.get("relkind"));
        if (!kind.equals("r") && !kind.equals("p")) {
            throw invalid(name + " is not a table");
        }
        Map<String, LiveColumn> live = new HashMap<>();
        handle.createQuery(COLUMNS).bind("relation", relation.get("oid"))
                .map((rs, ctx) -> Map.entry(rs.getString("attname"), new LiveColumn(rs.getString("typname"),
                        rs.getInt("atttypmod"), rs.getString("type_text"), rs.getBoolean("attnotnull"),
                        rs.getBoolean("has_default"), rs.getBoolean("generated"))))
                .forEach(e -> live.put(e.getKey(), e.getValue()));
        List<TargetColumn> columns = new ArrayList<>();
        for (ColumnMapping mapping : mappings) {
            columns.add(check(name, mapping, live.remove(mapping.column())));
        }
        live.forEach((column, rest) -> {
            if (rest.notNull() && !rest.hasDefault()) {
                throw invalid("column " + Sql.quote(column) + " of table " + name
                        + " is NOT NULL without a default, but no mapping fills it");
            }
        });
        return new Target(schema, table, List.copyOf(columns));
    }

    private static TargetColumn check(String table, ColumnMapping mapping, LiveColumn live) {
        String column = "column " + Sql.quote(mapping.column()) + " of table " + table;
        if (live == null) {
            throw invalid("table " + table + " has no column " + Sql.quote(mapping.column()));
        }
        if (live.generated()) {
            throw invalid(column + " is generated and cannot be written");
        }
        ColumnType type = ColumnType.fromCatalog(live.typeName(), live.typmod()).orElseThrow(() -> invalid(column
                + " has type " + live.typeText() + ", which the sink cannot write (supported: "
                + ColumnType.SUPPORTED + ")"));
        if (mapping.declaredType() != null && !mapping.declaredType().equals(type)) {
            throw invalid(column + " has type " + type.sql() + ", but the mapping declares "
                    + mapping.declaredType().sql());
        }
        if (mapping.value() instanceof BuiltinColumnValue builtin && !builtin.produces().fits(type.kind())) {
            throw invalid(column + " has type " + type.sql() + ", which cannot take " + builtin.produces().noun()
                    + " (" + builtin + ")");
        }
        return new TargetColumn(mapping, type, live.notNull());
    }

    private static Map<String, Object> relation(Handle handle, String schema, String table) {
        return handle.createQuery(RELATION).bind("schema", schema).bind("table", table).mapToMap()
                .findOne().orElse(null);
    }

    private static SinkException invalid(String message) {
        return new SinkException(message, Kind.SETUP, null);
    }
}
