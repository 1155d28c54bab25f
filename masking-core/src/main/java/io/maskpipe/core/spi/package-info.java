/**
 * What integrators implement: {@link io.maskpipe.core.spi.Source}, {@link io.maskpipe.core.spi.Sink} and the
 * types they exchange with the engine. A user who only writes {@code Pipeline.from(...)...to(...)} never imports
 * from here.
 *
 * <p>Optional capabilities are default methods, so adding one breaks no implementation. Every parameter and return
 * value is non-null unless its javadoc says otherwise.
 *
 * @since 0.1.0
 */
package io.maskpipe.core.spi;
