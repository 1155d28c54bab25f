/**
 * The record model: {@link io.maskpipe.core.record.Record} and its {@link io.maskpipe.core.record.Value}s addressed
 * by {@link io.maskpipe.core.record.FieldPath}, the message's {@link io.maskpipe.core.record.Metadata}, and what a
 * step decides about a message: an {@link io.maskpipe.core.record.Outcome}, or a
 * {@link io.maskpipe.core.record.Rejection} with its {@link io.maskpipe.core.record.ReasonCode}. It also holds
 * {@link io.maskpipe.core.record.MaskpipeException}, the root of every exception maskpipe throws, at the bottom of
 * the package graph so every package can extend it.
 *
 * <p>Every parameter and return value in this package is non-null unless its javadoc says otherwise; methods that
 * may return {@code null} end in {@code OrNull}. No {@code toString()} here prints a field's value.
 *
 * @since 0.1.0
 */
package io.maskpipe.core.record;
