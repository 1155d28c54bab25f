package io.maskpipe.core.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable message: named fields in order (text, numbers, booleans, nulls, lists, nested records) plus the
 * {@link Metadata} its source gave it.
 *
 * <p>Fields are addressed by {@link FieldPath}, as in {@code device.id} or {@code items[0].ip}. Every change
 * returns a new record, so a record can be shared between threads and stages. Its {@code toString()} prints field
 * names, never values. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Record implements Value {
    private static final Record EMPTY = new Record(Map.of(), Metadata.empty());

    private final Map<String, Value> fields;
    private final Metadata metadata;

    private Record(Map<String, Value> fields, Metadata metadata) {
        this.fields = fields;
        this.metadata = metadata;
    }

    /**
     * Returns a record with no fields and no metadata.
     *
     * @return the empty record
     */
    public static Record empty() {
        return EMPTY;
    }

    /**
     * Returns a builder for a record.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Converts plain Java values into a record: {@link String}, {@link java.lang.Number}, {@link Boolean},
     * {@code null}, {@link Map} (a nested record), {@link List} and {@link Value} are accepted.
     *
     * @param fields field names and values, in iteration order
     * @return the record, with empty metadata
     * @throws IllegalArgumentException naming the field whose value has an unsupported type
     */
    public static Record of(Map<String, ?> fields) {
        Objects.requireNonNull(fields, "fields");
        Builder builder = builder();
        fields.forEach((name, value) -> builder.put(name, toValue(value, name)));
        return builder.build();
    }

    @Override
    public Kind kind() {
        return Kind.RECORD;
    }

    /**
     * Returns the top-level fields.
     *
     * @return an unmodifiable map in field order
     */
    public Map<String, Value> fields() {
        return fields;
    }

    /**
     * Returns the metadata carried beside the fields.
     *
     * @return the metadata
     */
    public Metadata metadata() {
        return metadata;
    }

    /**
     * Returns the value at a path.
     *
     * @param path the field's path
     * @return the value (possibly {@link Value.Null}), or empty when the field is absent
     */
    public Optional<Value> get(FieldPath path) {
        return Optional.ofNullable(getOrNull(path));
    }

    /**
     * Returns the value at a path given as text, such as {@code device.id}.
     *
     * @param path the field's path, parsed with {@link FieldPath#parse}
     * @return the value (possibly {@link Value.Null}), or empty when the field is absent
     */
    public Optional<Value> get(String path) {
        return get(FieldPath.parse(path));
    }

    /**
     * Returns the value at a path, or {@code null} when the field is absent.
     *
     * @param path the field's path
     * @return the value (possibly {@link Value.Null}), or {@code null} when absent
     */
    public Value getOrNull(FieldPath path) {
        Objects.requireNonNull(path, "path");
        Value current = this;
        for (Object segment : path.segments()) {
            if (segment instanceof String name) {
                if (!(current instanceof Record record)) {
                    return null;
                }
                current = record.fields.get(name);
            } else {
                int index = (Integer) segment;
                if (!(current instanceof Value.Array array) || index >= array.elements().size()) {
                    return null;
                }
                current = array.elements().get(index);
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /**
     * Returns the text at a path, or {@code null} when the field is absent, JSON null or not text.
     *
     * @param path the field's path, parsed with {@link FieldPath#parse}
     * @return the text, or {@code null}
     */
    public String textOrNull(String path) {
        return getOrNull(FieldPath.parse(path)) instanceof Value.Text text ? text.text() : null;
    }

    /**
     * Returns a copy of this record with the value at a path set, creating missing intermediate records.
     *
     * @param path the field's path
     * @param value the new value
     * @return the new record
     * @throws IllegalArgumentException when the path goes through a value that is not a record or list, or
     *     through a list position that does not exist
     */
    public Record with(FieldPath path, Value value) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        return (Record) replace(this, path.segments(), 0, value, path);
    }

    /**
     * Returns a copy of this record with the value at a path set.
     *
     * @param path the field's path, parsed with {@link FieldPath#parse}
     * @param value the new value
     * @return the new record
     */
    public Record with(String path, Value value) {
        return with(FieldPath.parse(path), value);
    }

    /**
     * Returns a copy of this record with the text at a path set.
     *
     * @param path the field's path, parsed with {@link FieldPath#parse}
     * @param text the new text, or {@code null} for JSON null
     * @return the new record
     */
    public Record with(String path, String text) {
        return with(FieldPath.parse(path), text == null ? Value.nullValue() : Value.of(text));
    }

    /**
     * Returns a copy of this record without the field at a path; the same record when it is absent.
     *
     * @param path the field's path
     * @return the new record
     */
    public Record without(FieldPath path) {
        Objects.requireNonNull(path, "path");
        if (getOrNull(path) == null) {
            return this;
        }
        return (Record) replace(this, path.segments(), 0, null, path);
    }

    /**
     * Returns a copy of this record with other metadata.
     *
     * @param metadata the metadata
     * @return the new record
     */
    public Record withMetadata(Metadata metadata) {
        Objects.requireNonNull(metadata, "metadata");
        return new Record(fields, metadata);
    }

    /**
     * Returns a builder holding this record's fields and metadata, for several changes at once.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.fields = fields; // copied at the builder's first change
        builder.shared = true;
        builder.metadata = metadata;
        return builder;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record other && fields.equals(other.fields) && metadata.equals(other.metadata);
    }

    @Override
    public int hashCode() {
        return 31 * fields.hashCode() + metadata.hashCode();
    }

    /** Returns the field names and metadata keys, never values: {@code Record[ip, device_id; Metadata[...]]}. */
    @Override
    public String toString() {
        return "Record" + fields.keySet() + (metadata.asMap().isEmpty() ? "" : " " + metadata);
    }

    // Rebuilds the containers along the path; value == null removes the last segment.
    private static Value replace(Value container, List<Object> segments, int depth, Value value, FieldPath path) {
        Object segment = segments.get(depth);
        boolean last = depth == segments.size() - 1;
        if (segment instanceof String name) {
            if (!(container instanceof Record record)) {
                throw new IllegalArgumentException("field '" + path + "': goes through a " + container.kind()
                        + ", not a record");
            }
            Map<String, Value> copy = new LinkedHashMap<>(record.fields);
            if (last) {
                if (value == null) {
                    copy.remove(name);
                } else {
                    copy.put(name, value);
                }
            } else {
                Value child = record.fields.get(name);
                if (child == null || child instanceof Value.Null) {
                    child = EMPTY;
                }
                copy.put(name, replace(child, segments, depth + 1, value, path));
            }
            return new Record(Collections.unmodifiableMap(copy), record.metadata);
        }
        int index = (Integer) segment;
        if (!(container instanceof Value.Array array) || index >= array.elements().size()) {
            throw new IllegalArgumentException("field '" + path + "': no list element at [" + index + "]");
        }
        List<Value> copy = new ArrayList<>(array.elements());
        if (last) {
            if (value == null) {
                copy.remove(index);
            } else {
                copy.set(index, value);
            }
        } else {
            copy.set(index, replace(copy.get(index), segments, depth + 1, value, path));
        }
        return new Value.Array(copy);
    }

    private static Value toValue(Object value, String field) {
        if (value == null) {
            return Value.nullValue();
        } else if (value instanceof Value v) {
            return v;
        } else if (value instanceof String s) {
            return Value.of(s);
        } else if (value instanceof Boolean b) {
            return Value.of(b);
        } else if (value instanceof BigDecimal d) {
            return Value.of(d);
        } else if (value instanceof BigInteger i) {
            return Value.of(new BigDecimal(i));
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            return Value.of(((java.lang.Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((java.lang.Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("field '" + field + "': not a finite number");
            }
            return Value.of(BigDecimal.valueOf(d));
        } else if (value instanceof Map<?, ?> map) {
            Builder nested = builder();
            map.forEach((k, v) -> {
                if (!(k instanceof String name)) {
                    throw new IllegalArgumentException("field '" + field + "': map keys must be strings");
                }
                nested.put(name, toValue(v, field + "." + name));
            });
            return nested.build();
        } else if (value instanceof List<?> list) {
            List<Value> elements = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                elements.add(toValue(list.get(i), field + "[" + i + "]"));
            }
            return new Value.Array(elements);
        }
        throw new IllegalArgumentException("field '" + field + "': unsupported type "
                + value.getClass().getName());
    }

    /**
     * Collects fields and metadata for a {@link Record}. Not thread-safe; later changes to the builder never reach a
     * built record.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        // Copy on write: build() hands the map to the record and the next change works on a copy, so a builder
        // built once (the usual case) copies nothing.
        private Map<String, Value> fields = new LinkedHashMap<>();
        private boolean shared;
        private Metadata metadata = Metadata.empty();

        private Builder() {
        }

        /**
         * Sets a top-level field, replacing an earlier value of the same name.
         *
         * @param name the field's name
         * @param value the value
         * @return this builder
         */
        public Builder put(String name, Value value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            writable().put(name, value);
            return this;
        }

        /**
         * Sets a text field.
         *
         * @param name the field's name
         * @param text the text, or {@code null} for JSON null
         * @return this builder
         */
        public Builder put(String name, String text) {
            return put(name, text == null ? Value.nullValue() : Value.of(text));
        }

        /**
         * Sets a number field.
         *
         * @param name the field's name
         * @param number the number
         * @return this builder
         */
        public Builder put(String name, long number) {
            return put(name, Value.of(number));
        }

        /**
         * Sets a boolean field.
         *
         * @param name the field's name
         * @param bool the boolean
         * @return this builder
         */
        public Builder put(String name, boolean bool) {
            return put(name, Value.of(bool));
        }

        /**
         * Sets a field to JSON null.
         *
         * @param name the field's name
         * @return this builder
         */
        public Builder putNull(String name) {
            return put(name, Value.nullValue());
        }

        /**
         * Returns the value this builder holds so far for a top-level field, so that code building a record in steps
         * can read what it set before.
         *
         * @param name the field's name
         * @return the value, or null when the builder has no such field
         */
        public Value get(String name) {
            return fields.get(Objects.requireNonNull(name, "name"));
        }

        /**
         * Removes a top-level field.
         *
         * @param name the field's name
         * @return this builder
         */
        public Builder remove(String name) {
            Objects.requireNonNull(name, "name");
            if (fields.containsKey(name)) {
                writable().remove(name);
            }
            return this;
        }

        /**
         * Sets the metadata.
         *
         * @param metadata the metadata
         * @return this builder
         */
        public Builder metadata(Metadata metadata) {
            this.metadata = Objects.requireNonNull(metadata, "metadata");
            return this;
        }

        /**
         * Builds the record.
         *
         * @return a new immutable record
         */
        public Record build() {
            if (fields.isEmpty() && metadata.asMap().isEmpty()) {
                return EMPTY;
            }
            shared = true;
            return new Record(Collections.unmodifiableMap(fields), metadata);
        }

        private Map<String, Value> writable() {
            if (shared) {
                fields = new LinkedHashMap<>(fields);
                shared = false;
            }
            return fields;
        }
    }
}
