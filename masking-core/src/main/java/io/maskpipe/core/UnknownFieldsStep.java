package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strict field policy, run before every other step: finds the incoming record's fields that no step names (a
 * field is named when its path or a parent's is; a record is looked into when a step names something inside it, a
 * list is not) and rejects the message as {@code UNKNOWN_FIELD} or drops them and reports each drop.
 *
 * <p>The named paths are laid out once as a tree of names, so a message costs one map look-up per field and no
 * path is built unless a field is unknown or looked into.
 */
record UnknownFieldsStep(Set<FieldPath> named, UnknownFields policy, GuardedListener listener, Node root)
        implements Transform {

    UnknownFieldsStep(Set<FieldPath> named, UnknownFields policy, GuardedListener listener) {
        this(named, policy, listener, Node.of(named));
    }

    @Override
    public Outcome apply(Record record) {
        List<FieldPath> unknown = collect(record, null, root, null);
        if (unknown == null) {
            return Outcome.accept(record);
        }
        if (policy == UnknownFields.REJECT) {
            return Steps.reject(ReasonCode.UNKNOWN_FIELD, unknown.get(0),
                    "no step names this field (strict field policy)");
        }
        Record result = record;
        for (FieldPath path : unknown) {
            Outcome removed = Steps.remove(result, path);
            if (!(removed instanceof Outcome.Accepted accepted)) {
                return removed;
            }
            result = accepted.record();
        }
        String messageId = record.metadata().messageId().orElse("");
        for (FieldPath path : unknown) {
            listener.unknownFieldDropped(messageId, path);
        }
        return Outcome.accept(result);
    }

    /**
     * Adds the unknown fields of a record at {@code parent} (null: the top level) whose named paths below it are
     * {@code node}'s; returns the list, made at the first unknown field, or null when there is none.
     */
    private static List<FieldPath> collect(Record record, FieldPath parent, Node node, List<FieldPath> unknown) {
        for (Map.Entry<String, Value> field : record.fields().entrySet()) {
            Node child = node.children.get(field.getKey());
            if (child != null && child.named) {
                continue; // this field or a parent is named
            }
            // A field with a child node has a named path inside it; one without has none.
            if (child != null && field.getValue() instanceof Record nested) {
                unknown = collect(nested, pathOf(parent, field.getKey()), child, unknown);
            } else if (child == null || !(field.getValue() instanceof Value.Array)) {
                if (unknown == null) {
                    unknown = new ArrayList<>();
                }
                unknown.add(pathOf(parent, field.getKey()));
            }
        }
        return unknown;
    }

    private static FieldPath pathOf(FieldPath parent, String name) {
        return parent == null ? FieldPath.of(name) : parent.child(name);
    }

    @Override
    public String toString() {
        return "unknownFields(" + policy + ")";
    }

    /**
     * The named paths as a tree: a node per named path's prefix, keyed by the names leading to it ({@code named}
     * where a named path ends). A list position ends a branch: a record field's path never holds one, so nothing
     * past it can name a field looked into, though the position still marks its parent as having a path inside.
     */
    static final class Node {
        private final Map<String, Node> children = new HashMap<>();
        private boolean named;

        static Node of(Set<FieldPath> paths) {
            Node root = new Node();
            for (FieldPath path : paths) {
                Node node = root;
                List<Object> segments = path.segments();
                boolean whole = true;
                for (int i = 0; i < segments.size(); i++) {
                    if (!(segments.get(i) instanceof String name)) {
                        whole = false;
                        break;
                    }
                    node = node.children.computeIfAbsent(name, n -> new Node());
                }
                if (whole) {
                    node.named = true;
                }
            }
            return root;
        }
    }
}
