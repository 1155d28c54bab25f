package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strict field policy, run before every other step: finds the incoming record's fields that no step names (a
 * field is named when its path or a parent's is; a record is looked into when a step names something inside it, a
 * list is not) and rejects the message as {@code UNKNOWN_FIELD} or drops them and reports each drop.
 */
record UnknownFieldsStep(Set<FieldPath> named, UnknownFields policy, GuardedListener listener) implements Transform {

    @Override
    public Outcome apply(Record record) {
        List<FieldPath> unknown = new ArrayList<>();
        collect(record, null, unknown);
        if (unknown.isEmpty()) {
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

    private void collect(Record record, FieldPath parent, List<FieldPath> unknown) {
        for (Map.Entry<String, Value> field : record.fields().entrySet()) {
            FieldPath path = parent == null ? FieldPath.of(field.getKey()) : parent.child(field.getKey());
            if (named.stream().anyMatch(n -> FieldRules.covers(n, path))) {
                continue;
            }
            boolean inside = named.stream().anyMatch(n -> FieldRules.covers(path, n));
            if (inside && field.getValue() instanceof Record nested) {
                collect(nested, path, unknown);
            } else if (!inside || !(field.getValue() instanceof Value.Array)) {
                unknown.add(path);
            }
        }
    }

    @Override
    public String toString() {
        return "unknownFields(" + policy + ")";
    }
}
