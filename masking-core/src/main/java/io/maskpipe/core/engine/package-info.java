/**
 * The pipeline engine: polling, in-flight bookkeeping, batching, settlement, the visibility heartbeat and retries.
 * Not API: module-info does not export it, and {@code io.maskpipe.core.Pipeline} enters it through
 * {@link io.maskpipe.core.engine.PipelineEngine} alone.
 */
package io.maskpipe.core.engine;
