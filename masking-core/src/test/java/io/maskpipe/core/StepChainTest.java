package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A chain of built-in steps works on one copy of the record's fields (WorkingRecord) and the strict field policy
 * looks fields up in a tree of the named paths: both must give exactly what the plain definitions give, step by
 * step, on random records and random steps, and leave the input record as it was.
 */
class StepChainTest {
    private static final String[] NAMES = {"a", "b", "c", "ip", "device"};
    private static final Masker MASKER = (value, context) -> value == null ? "was-null" : "m" + value.length();
    private static final Masker BLANK_TO_NULL = new Masker() {
        @Override
        public String mask(String value, MaskContext context) {
            return value == null ? null : "k" + value.hashCode();
        }

        @Override
        public boolean masksNull() {
            return true;
        }
    };

    @Test
    void chain_randomStepsOnRandomRecords_sameOutcomeAsEachStepAppliedInTurn() {
        for (long seed = 1; seed <= 3_000; seed++) {
            Random random = new Random(seed);
            Record record = randomRecord(random, 0);
            List<Transform> steps = randomSteps(random);
            String copy = describe(record);

            Outcome chained = Transforms.chain(steps).apply(record);
            Outcome stepwise = oneByOne(steps, record);

            assertThat(describe(chained)).as("seed %d, steps %s", seed, steps).isEqualTo(describe(stepwise));
            assertThat(describe(record)).as("seed %d: the input is unchanged", seed).isEqualTo(copy);
        }
    }

    @Test
    void chain_recordReturnedByOneStep_isNotChangedByTheNextSteps() {
        Record record = Record.builder().put("ip", "203.0.113.7").put("device", "d-1").build();
        List<Record> seen = new ArrayList<>();
        Transform peek = r -> {
            seen.add(r);
            return Outcome.accept(r);
        };

        Outcome outcome = Transforms.chain(List.of(Transforms.mask("ip", MASKER), peek,
                Transforms.mask("device", MASKER))).apply(record);

        assertThat(seen.get(0).textOrNull("ip")).isEqualTo("m11");
        assertThat(seen.get(0).textOrNull("device")).isEqualTo("d-1");
        assertThat(((Outcome.Accepted) outcome).record().textOrNull("device")).isEqualTo("m3");
    }

    @Test
    void unknownFields_randomNamedPathsAndRecords_findTheFieldsThePlainDefinitionFinds() {
        for (long seed = 1; seed <= 3_000; seed++) {
            Random random = new Random(seed);
            Record record = randomRecord(random, 0);
            Set<FieldPath> named = new LinkedHashSet<>();
            for (int i = random.nextInt(4); i >= 0; i--) {
                named.add(randomPath(random));
            }
            List<FieldPath> dropped = new ArrayList<>();
            PipelineListener listener = new PipelineListener() {
                @Override
                public void unknownFieldDropped(String messageId, FieldPath field) {
                    dropped.add(field);
                }
            };
            UnknownFieldsStep step = new UnknownFieldsStep(Set.copyOf(named), UnknownFields.DROP,
                    new GuardedListener(listener));

            step.apply(record);

            assertThat(dropped).as("seed %d, named %s", seed, named).isEqualTo(plainUnknown(record, null, named));
        }
    }

    /** The strict policy's definition, path by path: named when a named path covers it, looked into when inside. */
    private static List<FieldPath> plainUnknown(Record record, FieldPath parent, Set<FieldPath> named) {
        List<FieldPath> unknown = new ArrayList<>();
        for (Map.Entry<String, Value> field : record.fields().entrySet()) {
            FieldPath path = parent == null ? FieldPath.of(field.getKey()) : parent.child(field.getKey());
            if (named.stream().anyMatch(n -> FieldRules.covers(n, path))) {
                continue;
            }
            boolean inside = named.stream().anyMatch(n -> FieldRules.covers(path, n));
            if (inside && field.getValue() instanceof Record nested) {
                unknown.addAll(plainUnknown(nested, path, named));
            } else if (!inside || !(field.getValue() instanceof Value.Array)) {
                unknown.add(path);
            }
        }
        return unknown;
    }

    private static Outcome oneByOne(List<Transform> steps, Record record) {
        Outcome outcome = Outcome.accept(record);
        for (Transform step : steps) {
            outcome = step.apply(((Outcome.Accepted) outcome).record());
            if (!(outcome instanceof Outcome.Accepted)) {
                return outcome;
            }
        }
        return outcome;
    }

    private static List<Transform> randomSteps(Random random) {
        List<Transform> steps = new ArrayList<>();
        for (int i = 1 + random.nextInt(6); i > 0; i--) {
            String path = randomPath(random).toString();
            switch (random.nextInt(8)) {
                case 0, 1 -> steps.add(Transforms.mask(path, random.nextBoolean() ? MASKER : BLANK_TO_NULL));
                case 2 -> steps.add(Transforms.require(path));
                case 3 -> steps.add(Transforms.drop(path));
                case 4 -> steps.add(Transforms.rename(path, randomPath(random).toString()));
                case 5 -> steps.add(Transforms.maxLength(path, 1 + random.nextInt(4)));
                case 6 -> steps.add(random.nextBoolean() ? Transforms.keepOnly(path, randomPath(random).toString())
                        : Transforms.keepOnly(NAMES[random.nextInt(NAMES.length)], NAMES[random.nextInt(NAMES.length)]));
                default -> steps.add(KeepStep.of(path));
            }
        }
        return steps;
    }

    private static FieldPath randomPath(Random random) {
        FieldPath path = FieldPath.of(NAMES[random.nextInt(NAMES.length)]);
        while (random.nextInt(3) == 0) {
            path = random.nextInt(4) == 0 ? path.index(random.nextInt(2))
                    : path.child(NAMES[random.nextInt(NAMES.length)]);
        }
        return path;
    }

    private static Record randomRecord(Random random, int depth) {
        Record.Builder builder = Record.builder();
        for (int i = random.nextInt(5); i >= 0; i--) {
            builder.put(NAMES[random.nextInt(NAMES.length)], randomValue(random, depth));
        }
        if (depth == 0) {
            builder.metadata(Metadata.empty().with(Metadata.MESSAGE_ID, "id-" + random.nextInt(100)));
        }
        return builder.build();
    }

    private static Value randomValue(Random random, int depth) {
        switch (random.nextInt(depth < 2 ? 7 : 5)) {
            case 0:
                return Value.nullValue();
            case 1:
                return Value.of(random.nextBoolean() ? "" : " ");
            case 2:
                return Value.of(random.nextInt(1000));
            case 3:
                return Value.of(random.nextBoolean());
            case 4:
                return Value.of("v" + random.nextInt(100_000));
            case 5:
                return randomRecord(random, depth + 1);
            default:
                List<Value> elements = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    elements.add(randomValue(random, depth + 1));
                }
                return Value.of(elements);
        }
    }

    /** A record's whole content as text (its toString() prints names only), for comparing outcomes in tests. */
    private static String describe(Object o) {
        if (o instanceof Outcome.Accepted accepted) {
            return "accepted " + describe(accepted.record());
        } else if (o instanceof Outcome.Rejected rejected) {
            return "rejected " + rejected.rejection().reason() + " " + rejected.rejection().field().orElse(null)
                    + " " + rejected.rejection().rule();
        } else if (o instanceof Record record) {
            StringBuilder sb = new StringBuilder("{");
            record.fields().forEach((name, value) -> sb.append(name).append('=').append(describe(value)).append(','));
            return sb.append("}").append(record.metadata().asMap()).toString();
        } else if (o instanceof Value.Text text) {
            return '"' + text.text() + '"';
        } else if (o instanceof Value.Number number) {
            return number.toPlainText();
        } else if (o instanceof Value.Bool bool) {
            return Boolean.toString(bool.bool());
        } else if (o instanceof Value.Array array) {
            List<String> elements = new ArrayList<>();
            array.elements().forEach(element -> elements.add(describe(element)));
            return elements.toString();
        }
        return String.valueOf(o);
    }
}
