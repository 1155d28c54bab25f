/**
 * Runnable examples: {@link io.maskpipe.examples.UserLoginsPipeline}, the user-logins pipeline from SQS to
 * PostgreSQL on embedded defaults, and {@link io.maskpipe.examples.CustomMaskerPipeline}, the same with a masker
 * written by its user ({@link io.maskpipe.examples.Ipv4NetworkMasker}). Not a library API; read them, copy them.
 *
 * <p>Nothing is null unless its javadoc says so.
 */
package io.maskpipe.examples;
