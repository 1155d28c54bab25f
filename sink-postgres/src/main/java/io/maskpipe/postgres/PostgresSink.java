package io.maskpipe.postgres;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.ConnectorException.Kind;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.WriteResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Sink} that writes masked records into an existing PostgreSQL table, typed by the live catalog and
 * idempotent on each record's message id, even for a table with no key of its own.
 *
 * <pre>{@code
 * PostgresSink sink = PostgresSink.into("user_logins")
 *         .dataSource(dataSource)
 *         .column("user_id", "user_id")
 *         .column("masked_ip", "ip")
 *         .column("app_version", Columns.versionNumber("app_version"))
 *         .column("create_date", Columns.sentDate())
 *         .build();
 * }</pre>
 *
 * <p>At {@link #open()} the sink reads the table's columns and types and fails fast, with a message naming the
 * column, when one is missing or cannot take its value. Each batch is one transaction: the message ids go into a
 * ledger table ({@code maskpipe_ledger} by default) beside the rows, so a redelivered record is reported
 * {@link WriteResult.Status#DUPLICATE} and never written twice. A value that does not fit its column (too long,
 * out of range, a broken constraint) rejects its record, naming the column and never the value, while the rest of
 * the batch commits. Any other error stores nothing of the batch and throws a {@link SinkException} whose
 * {@link SinkException#kind() kind} the SQLSTATE decides: transient (a lost connection, a failover, a read-only
 * database, a lock or statement timeout, and anything unknown), the row's data, or the setup (privileges, a missing
 * table or column, credentials). The sink does not retry: the pipeline does, with its one backoff.
 * Identifiers are always quoted and values always bound. Immutable and thread-safe; see docs/postgres.md.
 *
 * @since 0.1.0
 */
public final class PostgresSink implements Sink {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSink.class);

    private final Jdbi jdbi;
    private final ReusableConnections ownConnections;
    private final String schema;
    private final String table;
    private final List<ColumnMapping> mappings;
    private final boolean createTableIfMissing;
    private final String ledgerTable;
    private final int copyThreshold;
    private volatile BatchWriter writer;
    private volatile boolean closed;

    private PostgresSink(Builder builder) {
        this.ownConnections = builder.url == null ? null
                : new ReusableConnections(builder.url, builder.user, builder.password);
        this.jdbi = builder.jdbi != null ? builder.jdbi
                : builder.dataSource != null ? Jdbi.create(builder.dataSource) : Jdbi.create(ownConnections);
        this.schema = builder.schema;
        this.table = builder.table;
        this.mappings = List.copyOf(builder.columns.values());
        this.createTableIfMissing = builder.createTableIfMissing;
        this.ledgerTable = builder.ledgerTable == null ? Ledger.DEFAULT_NAME : builder.ledgerTable;
        this.copyThreshold = builder.copyThreshold;
    }

    /**
     * Starts building a sink that writes into a table.
     *
     * @param table the table's name as it is in the catalog (quoted by the sink, so {@code user logins} works)
     * @return a new builder
     * @throws IllegalArgumentException when the name is empty, longer than 63 bytes or holds a NUL
     */
    public static Builder into(String table) {
        return new Builder(Sql.checkIdentifier("table", table));
    }

    /**
     * Checks the live table against the mapping (creating it first when asked) and creates the ledger when missing.
     * Calling it again does nothing; {@link #write} calls it when it was not called.
     *
     * @throws SinkException when the table cannot be written as mapped ({@link Kind#SETUP}, with a message naming
     *     the table, the column and the rule) or the database cannot be reached ({@link Kind#TRANSIENT})
     */
    @Override
    public synchronized void open() {
        if (closed) {
            throw new IllegalStateException("sink closed");
        }
        if (writer != null) {
            return;
        }
        try (Handle handle = jdbi.open()) {
            handle.getConfig(StatementExceptions.class).setMessageRendering(
                    StatementExceptions.MessageRendering.NONE);
            String resolvedSchema = schema != null ? schema : Target.currentSchema(handle);
            if (createTableIfMissing && !Target.exists(handle, resolvedSchema, table)) {
                Target.create(handle, resolvedSchema, table, mappings);
                LOG.info("created table {}", Sql.quote(resolvedSchema, table));
            }
            Target target = Target.resolve(handle, resolvedSchema, table, mappings);
            Ledger ledger = new Ledger(resolvedSchema, ledgerTable);
            ledger.ensure(handle);
            EarlierLedger earlier = ledger.earlierOrNull(handle, target);
            if (earlier != null) {
                LOG.info("also looking messages up in {}, the ledger of the earlier layout, until it is dropped",
                        earlier.quoted());
            }
            writer = new BatchWriter(jdbi, target, ledger, earlier, copyThreshold,
                    ownConnections == null ? () -> { } : ownConnections::evictIdle);
            LOG.info("writing to {} ({} columns), ledger {}", target.quoted(), mappings.size(), ledger.quoted());
        } catch (JdbiException e) {
            String name = schema == null ? Sql.quote(table) : Sql.quote(schema, table);
            if (e.getCause() instanceof SQLException sql) {
                if (ownConnections != null && SqlStates.retiresConnection(sql)) {
                    ownConnections.evictIdle(); // a read-only or broken connection must not serve the next batch
                }
                String fix = SqlStates.fixOrNull(SqlStates.of(sql));
                throw new SinkException("open " + name + ": " + Sql.describe(sql) + (fix == null ? "" : "; " + fix),
                        SqlStates.kindOf(sql), Sql.scrub(sql));
            }
            throw new SinkException("open " + name + ": " + e.getClass().getSimpleName(), Kind.TRANSIENT, null);
        }
    }

    /**
     * Writes a batch in one transaction and reports, per record, written, duplicate or rejected.
     *
     * @param records the masked records, each with its message id in its metadata (one without is rejected)
     * @return one result per record, in order
     * @throws SinkException when nothing of the batch was stored, of the kind its SQLSTATE gives (docs/postgres.md):
     *     {@link Kind#TRANSIENT} when the same batch may succeed later, {@link Kind#SETUP} for what only a person can
     *     fix (a privilege, a dropped table), {@link Kind#DATA} for a row's data refused at commit
     */
    @Override
    public List<WriteResult> write(List<Record> records) {
        Objects.requireNonNull(records, "records");
        if (closed) {
            throw new IllegalStateException("sink closed");
        }
        if (records.isEmpty()) {
            return List.of();
        }
        BatchWriter current = writer;
        if (current == null) {
            open();
            current = writer;
        }
        return current.write(records);
    }

    /**
     * Says which field each mapped column takes: the path of a {@link Columns#field} or
     * {@link Columns#versionNumber} mapping, {@link Sink#ANY_FIELD} for a custom {@link ColumnValue} (which may read
     * any field); columns from metadata alone (message id, sent time) are left out. Needs no connection.
     *
     * @return the fields by column, in mapping order
     */
    @Override
    public Map<String, String> fieldsByColumn() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (ColumnMapping mapping : mappings) {
            FieldPath field = mapping.fieldOrNull();
            if (field != null) {
                fields.put(mapping.column(), field.toString());
            } else if (!(mapping.value() instanceof BuiltinColumnValue)) {
                fields.put(mapping.column(), Sink.ANY_FIELD);
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    /**
     * Closes the connections the sink opened itself (when built from a URL; a given data source stays open) and
     * stops the daemon thread that claims large batches' message ids while their rows are encoded.
     */
    @Override
    public void close() {
        closed = true;
        BatchWriter current = writer;
        if (current != null) {
            current.close();
        }
        if (ownConnections != null) {
            ownConnections.close();
        }
    }

    /** Returns the table and the number of mapped columns: {@code PostgresSink["user_logins", 7 columns]}. */
    @Override
    public String toString() {
        return "PostgresSink[" + (schema == null ? "" : Sql.quote(schema) + ".") + Sql.quote(table) + ", "
                + mappings.size() + " columns]";
    }

    /**
     * Collects a sink's connection, column mapping and tuning. Not thread-safe; {@link #build()} copies, so later
     * changes never reach a built sink. Each setting may be given once.
     *
     * <p>This builder is long because each setting is documented here, where users look for it.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final String table;
        private final Map<String, ColumnMapping> columns = new LinkedHashMap<>();
        private final List<String> given = new ArrayList<>();
        private String schema;
        private DataSource dataSource;
        private Jdbi jdbi;
        private String url;
        private String user;
        private String password;
        private boolean createTableIfMissing;
        private String ledgerTable;
        private int copyThreshold = 10;

        private Builder(String table) {
            this.table = table;
        }

        /**
         * Connects through a data source, typically a pool; the sink borrows a connection per batch.
         *
         * @param dataSource the data source
         * @return this builder
         * @throws IllegalStateException when a connection source was given already
         */
        public Builder dataSource(DataSource dataSource) {
            connectionSource("dataSource");
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * Connects through a JDBI instance; the sink opens a handle per batch.
         *
         * @param jdbi the JDBI instance
         * @return this builder
         * @throws IllegalStateException when a connection source was given already
         */
        public Builder jdbi(Jdbi jdbi) {
            connectionSource("jdbi");
            this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
            return this;
        }

        /**
         * Connects with a PostgreSQL JDBC URL (credentials in it, or none needed); the sink keeps its connections
         * for the next batch and closes them in {@link PostgresSink#close()}.
         *
         * @param url a URL such as {@code jdbc:postgresql://localhost:5432/app}
         * @return this builder
         * @throws IllegalArgumentException when it is not a PostgreSQL JDBC URL
         * @throws IllegalStateException when a connection source was given already
         */
        public Builder url(String url) {
            Objects.requireNonNull(url, "url");
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("url: not a PostgreSQL JDBC URL (jdbc:postgresql://host/db)");
            }
            connectionSource("url");
            this.url = url;
            return this;
        }

        /**
         * Connects with a PostgreSQL JDBC URL, a user and a password.
         *
         * @param url a URL such as {@code jdbc:postgresql://localhost:5432/app}
         * @param user the user
         * @param password the password
         * @return this builder
         * @throws IllegalArgumentException when it is not a PostgreSQL JDBC URL
         * @throws IllegalStateException when a connection source was given already
         */
        public Builder url(String url, String user, String password) {
            url(url);
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Names the table's schema; by default the connection's current schema (the first of its
         * {@code search_path}), resolved once at open.
         *
         * @param schema the schema's name as it is in the catalog
         * @return this builder
         */
        public Builder schema(String schema) {
            once("schema");
            this.schema = Sql.checkIdentifier("schema", schema);
            return this;
        }

        /**
         * Maps a record field to a column, converted to the column's live type.
         *
         * @param column the column's name as it is in the catalog
         * @param fieldPath the field's path, such as {@code ip} or {@code device.id}
         * @return this builder
         * @throws IllegalArgumentException when the column is mapped already or a name is malformed
         */
        public Builder column(String column, String fieldPath) {
            return column(column, Columns.field(fieldPath));
        }

        /**
         * Maps a record field to a column and declares the column's type, which {@link #createTableIfMissing()}
         * uses and {@code open()} checks against the live table.
         *
         * @param column the column's name as it is in the catalog
         * @param fieldPath the field's path
         * @param sqlType one of {@code text, varchar(n), char(n), smallint, integer, bigint, numeric,
         *     numeric(p,s), boolean, date, timestamptz, uuid, jsonb}
         * @return this builder
         * @throws IllegalArgumentException when the column is mapped already, a name is malformed or the type is
         *     not supported
         */
        public Builder column(String column, String fieldPath, String sqlType) {
            return column(column, Columns.field(fieldPath), sqlType);
        }

        /**
         * Maps a computed value to a column, such as {@link Columns#sentDate()}.
         *
         * @param column the column's name as it is in the catalog
         * @param value computes the value from the record
         * @return this builder
         * @throws IllegalArgumentException when the column is mapped already or its name is malformed
         */
        public Builder column(String column, ColumnValue value) {
            return add(column, value, null);
        }

        /**
         * Maps a computed value to a column and declares the column's type.
         *
         * @param column the column's name as it is in the catalog
         * @param value computes the value from the record
         * @param sqlType the column's type, as for {@link #column(String, String, String)}
         * @return this builder
         * @throws IllegalArgumentException when the column is mapped already, its name is malformed or the type
         *     is not supported
         */
        public Builder column(String column, ColumnValue value, String sqlType) {
            Objects.requireNonNull(sqlType, "sqlType");
            return add(column, value, ColumnType.parse(column, sqlType));
        }

        /**
         * Creates the table at open when it does not exist, from the mapped columns' declared types (the built-ins
         * of {@link Columns} bring their own). An existing table is never altered.
         *
         * @return this builder
         */
        public Builder createTableIfMissing() {
            once("createTableIfMissing");
            this.createTableIfMissing = true;
            return this;
        }

        /**
         * Names the ledger table of written message ids, in the target's schema; {@code maskpipe_ledger} by
         * default. Created at open when missing; several sinks may share one, as entries are keyed by table.
         *
         * @param name the ledger's table name
         * @return this builder
         */
        public Builder ledgerTable(String name) {
            once("ledgerTable");
            this.ledgerTable = Sql.checkIdentifier("ledgerTable", name);
            return this;
        }

        /**
         * Sets the batch size from which rows go in with {@code COPY} rather than one {@code INSERT ... unnest};
         * 10 by default: COPY measured as fast or faster from 10 rows up (docs/performance.md).
         *
         * @param rows the smallest batch written with COPY, at least 1
         * @return this builder
         */
        public Builder copyThreshold(int rows) {
            once("copyThreshold");
            if (rows < 1) {
                throw new IllegalArgumentException("copyThreshold: " + rows + " given, at least 1 required");
            }
            this.copyThreshold = rows;
            return this;
        }

        /**
         * Builds the sink; nothing connects until {@link PostgresSink#open()}.
         *
         * @return the sink
         * @throws IllegalStateException when no connection source or no column was given, or
         *     {@code createTableIfMissing()} lacks a column's type
         */
        public PostgresSink build() {
            if (dataSource == null && jdbi == null && url == null) {
                throw new IllegalStateException("no connection: give dataSource(...), jdbi(...) or url(...)");
            }
            if (columns.isEmpty()) {
                throw new IllegalStateException("no column mapped: give at least one column(...)");
            }
            if (createTableIfMissing) {
                for (ColumnMapping mapping : columns.values()) {
                    if (mapping.createTypeOrNull() == null) {
                        throw new IllegalStateException("createTableIfMissing(): column "
                                + Sql.quote(mapping.column()) + " needs a declared type, as in column(\""
                                + mapping.column() + "\", \"field\", \"varchar(256)\")");
                    }
                }
            }
            return new PostgresSink(this);
        }

        private Builder add(String column, ColumnValue value, ColumnType declared) {
            Sql.checkIdentifier("column", column);
            Objects.requireNonNull(value, "value");
            if (columns.containsKey(column)) {
                throw new IllegalArgumentException("column " + Sql.quote(column) + " is mapped twice");
            }
            columns.put(column, new ColumnMapping(column, value, declared));
            return this;
        }

        private void connectionSource(String setting) {
            if (dataSource != null || jdbi != null || url != null) {
                throw new IllegalStateException(setting + "(...): a connection source is given already");
            }
        }

        private void once(String setting) {
            if (given.contains(setting)) {
                throw new IllegalStateException(setting + "(...) is given twice");
            }
            given.add(setting);
        }
    }
}
