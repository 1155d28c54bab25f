/**
 * JMH benchmarks of the maskers and the end-to-end harness behind {@code docs/performance.md}; not a library.
 */
package io.maskpipe.benchmarks;
