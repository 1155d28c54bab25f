/**
 * A PostgreSQL sink for maskpipe pipelines: {@link io.maskpipe.postgres.PostgresSink} writes masked records into an
 * existing table, typed by the live catalog, idempotent on each record's message id, with row-level rejections.
 *
 * <p>Start at {@link io.maskpipe.postgres.PostgresSink#into(String)}; {@link io.maskpipe.postgres.Columns} has the
 * reusable column values (a field as it is, the sent date, a dotted version as an integer). Every parameter and
 * return value is non-null unless its javadoc says otherwise.
 *
 * @since 0.1.0
 */
package io.maskpipe.postgres;
