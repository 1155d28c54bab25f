/**
 * maskpipe's PostgreSQL sink, on JDBI and the PostgreSQL JDBC driver.
 *
 * <p>Users import {@code io.maskpipe.postgres} ({@code PostgresSink}, {@code Columns}, {@code ColumnValue}); nothing
 * else is exported. The modules whose types the API takes or implements are required transitively, so a module that
 * reads this one reads them: core ({@code Sink}, {@code Record}), {@code java.sql} ({@code DataSource}) and JDBI
 * ({@code Jdbi}). JDBI's and PgJDBC's jars are automatic modules, which declare nothing they need, so this module
 * requires what they need at run time and no one else would resolve: {@code io.leangen.geantyref} (a named module
 * JDBI uses, without which {@code Jdbi.create} fails on the module path) and {@code java.naming} (the sink's own
 * connections come from PgJDBC's {@code PGSimpleDataSource}, a {@code javax.naming.Referenceable}).
 *
 * @since 0.1.0
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.maskpipe.postgres {
    requires transitive io.maskpipe.core;
    requires transitive java.sql;
    requires transitive org.jdbi.v3.core;
    requires io.leangen.geantyref;
    requires java.naming;
    requires org.postgresql.jdbc;
    requires org.slf4j;

    exports io.maskpipe.postgres;
}
