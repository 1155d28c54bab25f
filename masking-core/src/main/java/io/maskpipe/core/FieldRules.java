package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.spi.Sink;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a pipeline's steps for the paths they name (for a strict field policy) and for where a declared personal
 * field ends up (for the check at start); not API. Only built-in steps are read: a custom transform names nothing
 * and masks nothing, and only a {@code mask} step masks.
 */
final class FieldRules {
    private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());

    private FieldRules() {
    }

    /** Returns every path a built-in step names: masked, kept, dropped, renamed from, required, limited, converted. */
    static Set<FieldPath> named(List<Transform> steps) {
        Set<FieldPath> named = new LinkedHashSet<>();
        for (Transform step : flatten(steps)) {
            if (step instanceof MaskStep m) {
                named.add(m.path());
            } else if (step instanceof DropStep d) {
                named.addAll(d.paths());
            } else if (step instanceof RenameStep r) {
                named.add(r.from());
            } else if (step instanceof KeepOnlyStep k) {
                named.addAll(k.paths());
            } else if (step instanceof KeepStep k) {
                named.addAll(k.paths());
            } else if (step instanceof RequireStep r) {
                named.addAll(r.paths());
            } else if (step instanceof MaxLengthStep m) {
                named.add(m.path());
            } else if (step instanceof ConvertStep c) {
                named.add(c.path());
            } else if (step instanceof DeriveStep d) {
                named.add(d.target());
            }
        }
        return Set.copyOf(named);
    }

    /**
     * Follows a field through the steps: returns where it reaches the sink unmasked, or empty when a {@code mask}
     * step masks it, or a {@code drop} or {@code keepOnly} removes it. Renames move it; everything else leaves it.
     */
    static Optional<FieldPath> unmaskedAtEnd(FieldPath field, List<Transform> steps) {
        FieldPath at = field;
        for (Transform step : flatten(steps)) {
            FieldPath here = at;
            if (step instanceof MaskStep m && m.path().equals(here)) {
                return Optional.empty();
            } else if (step instanceof DropStep d && d.paths().stream().anyMatch(p -> covers(p, here))) {
                return Optional.empty();
            } else if (step instanceof KeepOnlyStep k
                    && k.paths().stream().noneMatch(p -> covers(p, here) || covers(here, p))) {
                return Optional.empty();
            } else if (step instanceof RenameStep r && covers(r.from(), at)) {
                at = moved(at, r.from(), r.to());
            }
        }
        return Optional.of(at);
    }

    /**
     * Checks declared personal fields against the steps and the sink's columns: returns the problems, one line
     * each, naming the field and the column, or none.
     */
    static List<String> personalProblems(List<FieldPath> personal, List<Transform> steps, Sink sink,
            boolean unsealedDeadLetters) {
        if (unsealedDeadLetters && !personal.isEmpty()) {
            LOG.log(Level.WARNING, () -> "pipeline: dead letters are unsealed (deadLettersUnsealed): the raw bodies of"
                    + " rejected messages, with the personal fields " + personal + ", go to the dead-letter store;"
                    + " give it a key ring with deadLetters(store, keyring) to seal them");
        }
        Map<String, String> columns = sink.fieldsByColumn();
        List<String> problems = new ArrayList<>();
        for (FieldPath field : personal) {
            Optional<FieldPath> end = unmaskedAtEnd(field, steps);
            if (end.isEmpty()) {
                continue;
            }
            FieldPath at = end.get();
            String name = "personal field '" + field + "'" + (at.equals(field) ? "" : " (renamed to '" + at + "')");
            if (columns.isEmpty()) {
                problems.add(name + " reaches the sink's records unmasked (the sink " + sink
                        + " does not say which fields it writes, so the whole record is forwarded)");
                continue;
            }
            for (Map.Entry<String, String> column : columns.entrySet()) {
                if (reaches(at, column.getValue())) {
                    problems.add(name + " reaches column '" + column.getKey() + "' unmasked"
                            + (Sink.ANY_FIELD.equals(column.getValue()) ? " (a computed column that may read any field)"
                                    : ""));
                }
            }
        }
        return problems;
    }

    private static boolean reaches(FieldPath at, String columnField) {
        if (Sink.ANY_FIELD.equals(columnField)) {
            return true;
        }
        FieldPath read;
        try {
            read = FieldPath.parse(columnField);
        } catch (IllegalArgumentException e) {
            return true; // a column whose field cannot be read is assumed to take anything
        }
        return covers(read, at) || covers(at, read);
    }

    /** Whether {@code outer} is {@code inner} or one of its parents. */
    static boolean covers(FieldPath outer, FieldPath inner) {
        List<Object> o = outer.segments();
        List<Object> i = inner.segments();
        return o.size() <= i.size() && i.subList(0, o.size()).equals(o);
    }

    private static FieldPath moved(FieldPath at, FieldPath from, FieldPath to) {
        FieldPath result = to;
        for (Object segment : at.segments().subList(from.segments().size(), at.segments().size())) {
            result = segment instanceof Integer i ? result.index(i) : result.child((String) segment);
        }
        return result;
    }

    private static List<Transform> flatten(List<Transform> steps) {
        List<Transform> flat = new ArrayList<>();
        for (Transform step : steps) {
            if (step instanceof ChainStep chain) {
                flat.addAll(flatten(chain.steps()));
            } else {
                flat.add(step);
            }
        }
        return flat;
    }
}
