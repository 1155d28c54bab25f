package io.maskpipe.core.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The address of a field inside a {@link Record}: names separated by dots, list positions in brackets, as in
 * {@code ip}, {@code device.id} or {@code items[0].ip}.
 *
 * <p>Paths name fields in messages, rejections and logs, so they are safe to print: a path never holds a value.
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class FieldPath {
    private final List<Object> segments; // String names and Integer indexes, first is always a name
    private final String text;

    private FieldPath(List<Object> segments) {
        this.segments = List.copyOf(segments);
        this.text = render(this.segments);
    }

    /**
     * Parses a path such as {@code device.id} or {@code items[0].ip}.
     *
     * @param path the path text; names may hold any character but {@code .}, {@code [} and {@code ]}
     * @return the parsed path
     * @throws IllegalArgumentException if the text is empty or not a well-formed path
     */
    public static FieldPath parse(String path) {
        Objects.requireNonNull(path, "path");
        List<Object> segments = new ArrayList<>();
        int i = 0;
        int n = path.length();
        while (i < n) {
            int start = i;
            while (i < n && path.charAt(i) != '.' && path.charAt(i) != '[' && path.charAt(i) != ']') {
                i++;
            }
            if (i == start) {
                throw malformed(path, start);
            }
            segments.add(path.substring(start, i));
            while (i < n && path.charAt(i) == '[') {
                int close = path.indexOf(']', i);
                if (close < 0 || close == i + 1) {
                    throw malformed(path, i);
                }
                segments.add(parseIndex(path, i + 1, close));
                i = close + 1;
            }
            if (i < n) {
                if (path.charAt(i) != '.' || i == n - 1) {
                    throw malformed(path, i);
                }
                i++;
            }
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("field path: empty");
        }
        return new FieldPath(segments);
    }

    /**
     * Returns the path of a top-level field, taking the name as it is (dots and brackets included).
     *
     * @param name the field's name, not empty
     * @return a one-segment path
     */
    public static FieldPath of(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("field path: empty name");
        }
        return new FieldPath(List.of(name));
    }

    /**
     * Returns the path of a field inside this one.
     *
     * @param name the child field's name, not empty
     * @return this path followed by {@code name}
     */
    public FieldPath child(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("field path: empty name");
        }
        List<Object> next = new ArrayList<>(segments);
        next.add(name);
        return new FieldPath(next);
    }

    /**
     * Returns the path of a list element inside this field.
     *
     * @param index the element's position, zero or more
     * @return this path followed by {@code [index]}
     */
    public FieldPath index(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("field path: negative index " + index);
        }
        List<Object> next = new ArrayList<>(segments);
        next.add(index);
        return new FieldPath(next);
    }

    /**
     * Returns the segments of this path: {@link String} names and {@link Integer} list positions, a name first.
     *
     * @return an unmodifiable list
     */
    public List<Object> segments() {
        return segments;
    }

    /**
     * Returns the name of the first segment: the top-level field this path starts from.
     *
     * @return the top-level field's name
     */
    public String root() {
        return (String) segments.get(0);
    }

    /**
     * Returns whether this path names a top-level field.
     *
     * @return true for a one-segment path
     */
    public boolean isTopLevel() {
        return segments.size() == 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    /** Returns the path's text, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return text;
    }

    private static int parseIndex(String path, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            if (c < '0' || c > '9' || value > (Integer.MAX_VALUE - 9) / 10) {
                throw malformed(path, i);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static IllegalArgumentException malformed(String path, int position) {
        return new IllegalArgumentException("field path '" + path + "': malformed at position " + position);
    }

    private static String render(List<Object> segments) {
        StringBuilder sb = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(segment);
            }
        }
        return sb.toString();
    }
}
