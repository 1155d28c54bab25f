package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Metadata;
import java.util.Objects;

/**
 * What a {@link Masker} knows about the value it masks: the field it comes from, the domain label keyed maskers mix
 * into their output, and the message's metadata.
 *
 * <p>The domain defaults to the field's path, so the same value in two fields masks differently; give two fields
 * one domain when analysts must join them. New information for maskers is added here, never to
 * {@link Masker#mask}'s signature.
 *
 * @param field the field being masked
 * @param domain the domain label; may be empty, never null
 * @param metadata the message's metadata
 * @since 0.1.0
 */
public record MaskContext(FieldPath field, String domain, Metadata metadata) {

    /**
     * Checks the components.
     *
     * @param field the field being masked
     * @param domain the domain label; may be empty
     * @param metadata the message's metadata
     */
    public MaskContext {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(metadata, "metadata");
    }

    /**
     * Returns the context of a field whose domain is its own path, with no metadata.
     *
     * @param field the field's path, parsed with {@link FieldPath#parse}
     * @return the context
     */
    public static MaskContext forField(String field) {
        FieldPath path = FieldPath.parse(field);
        return new MaskContext(path, path.toString(), Metadata.empty());
    }

    /**
     * Returns the context of a field whose domain is its own path.
     *
     * @param field the field's path
     * @param metadata the message's metadata
     * @return the context
     */
    public static MaskContext forField(FieldPath field, Metadata metadata) {
        return new MaskContext(field, field.toString(), metadata);
    }

    /**
     * Returns this context with another domain label.
     *
     * @param domain the domain label shared by the fields that must join
     * @return the new context
     */
    public MaskContext withDomain(String domain) {
        return new MaskContext(field, domain, metadata);
    }
}
