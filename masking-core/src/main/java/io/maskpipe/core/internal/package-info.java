/** Implementation details shared across maskpipe's packages; not API, may change in any release. */
package io.maskpipe.core.internal;
