package io.maskpipe.sqs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.record.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes a JSON object into a {@link Record} with Jackson's streaming parser: numbers exact as {@link BigDecimal},
 * nested objects and arrays kept, JSON null apart from an absent field.
 *
 * <p>Refuses, with a rejection naming the place and never the text: malformed JSON (line and column), a top level
 * that is not an object, content after the object, a key given twice in one object (JSON leaves its meaning open,
 * so a masker could see one value and a database the other), nesting deeper than the limit, text holding an
 * unpaired surrogate (from a {@code \ud800} escape, say), and numbers whose exponent would write out to more than
 * {@value #MAX_SCALE} digits. Thread-safe: the factory is shared, each call has its own parser.
 */
final class JsonBodyDecoder implements BodyDecoder {
    /** The largest exponent (either sign) a number may have; {@code 1e999999999} would print a billion digits. */
    static final int MAX_SCALE = 1000;

    private final JsonFactory factory = new JsonFactory();
    private final int maxDepth;

    JsonBodyDecoder(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    @Override
    public Outcome decode(String body) {
        JsonParser parser;
        try {
            parser = factory.createParser(body);
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory", e); // a String reader does no I/O
        }
        try (parser) {
            return decode(parser);
        } catch (Invalid e) {
            return Outcome.reject(e.rejection);
        } catch (StreamConstraintsException e) {
            return Outcome.reject(Rejection.of(ReasonCode.MALFORMED_JSON,
                    "exceeds the parser's length limits at " + where(parser.currentLocation())));
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending characters: only the position is kept. It refuses unpaired
            // surrogates in keys itself, saying so in its message.
            String message = String.valueOf(e.getOriginalMessage());
            if (message.contains("surrogate")) {
                return Outcome.reject(Rejection.of(ReasonCode.INVALID_ENCODING,
                        "unpaired surrogate in a key at " + where(e.getLocation())));
            }
            return Outcome.reject(Rejection.of(ReasonCode.MALFORMED_JSON,
                    "not valid JSON at " + where(e.getLocation())));
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory", e);
        }
    }

    private Outcome decode(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return Outcome.reject(Rejection.of(ReasonCode.MALFORMED_JSON, "no JSON value in the body"));
        }
        if (first != JsonToken.START_OBJECT) {
            return Outcome.reject(Rejection.of(ReasonCode.NOT_AN_OBJECT,
                    "top level is " + kindOf(first) + ", not an object"));
        }
        Record record = readObject(parser, null, 1);
        if (parser.nextToken() != null) {
            return Outcome.reject(Rejection.of(ReasonCode.MALFORMED_JSON,
                    "content after the top-level object at " + where(parser.currentTokenLocation())));
        }
        return Outcome.accept(record);
    }

    private Record readObject(JsonParser parser, Step step, int depth) throws IOException {
        if (depth > maxDepth) {
            throw new Invalid(step, ReasonCode.MALFORMED_JSON,
                    "nested deeper than " + maxDepth + " levels at " + where(parser.currentTokenLocation()));
        }
        Record.Builder fields = Record.builder();
        Names names = new Names();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (!names.add(name)) {
                throw new Invalid(new Step(step, name, -1), ReasonCode.MALFORMED_JSON,
                        "key given twice in one object, again at " + where(parser.currentTokenLocation()));
            }
            fields.put(name, readValue(parser, parser.nextToken(), step, name, -1, depth));
        }
        return fields.build();
    }

    /** Reads the value of field {@code name} (or list position {@code index}) of the container at {@code parent}. */
    private Value readValue(JsonParser parser, JsonToken token, Step parent, String name, int index, int depth)
            throws IOException {
        switch (token) {
            case VALUE_STRING:
                String text = parser.getText();
                if (Utf8.hasUnpairedSurrogate(text)) {
                    throw new Invalid(new Step(parent, name, index), ReasonCode.INVALID_ENCODING,
                            "text holds an unpaired surrogate");
                }
                return Value.of(text);
            case VALUE_NUMBER_INT:
                JsonParser.NumberType type = parser.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    return Value.of(parser.getLongValue());
                }
                return Value.of(parser.getDecimalValue());
            case VALUE_NUMBER_FLOAT:
                BigDecimal number = parser.getDecimalValue();
                if (Math.abs(number.scale()) > MAX_SCALE) {
                    throw new Invalid(new Step(parent, name, index), ReasonCode.INVALID_VALUE,
                            "number's exponent is beyond +/-" + MAX_SCALE);
                }
                return Value.of(number);
            case VALUE_TRUE:
                return Value.of(true);
            case VALUE_FALSE:
                return Value.of(false);
            case VALUE_NULL:
                return Value.nullValue();
            case START_OBJECT:
                return readObject(parser, new Step(parent, name, index), depth + 1);
            case START_ARRAY:
                return readArray(parser, new Step(parent, name, index), depth + 1);
            default:
                throw new IllegalStateException("JSON parser gave " + token + " where a value belongs");
        }
    }

    private Value readArray(JsonParser parser, Step step, int depth) throws IOException {
        if (depth > maxDepth) {
            throw new Invalid(step, ReasonCode.MALFORMED_JSON,
                    "nested deeper than " + maxDepth + " levels at " + where(parser.currentTokenLocation()));
        }
        List<Value> elements = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            elements.add(readValue(parser, token, step, null, elements.size(), depth));
        }
        return Value.of(elements);
    }

    private static String kindOf(JsonToken token) {
        switch (token) {
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            default:
                return "null";
        }
    }

    private static String where(JsonLocation location) {
        if (location == null) {
            return "an unknown position";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The way from the top-level object to a value, turned into a {@link FieldPath} only for a rejection. */
    private record Step(Step parent, String name, int index) {
        FieldPath toPathOrNull() {
            FieldPath base = parent == null ? null : parent.toPathOrNull();
            if (name == null) {
                return base == null ? null : base.index(index);
            }
            if (name.isEmpty()) {
                return base; // no path can name this key: point at its parent
            }
            return base == null ? FieldPath.of(name) : base.child(name);
        }
    }

    /**
     * The keys of one object so far, to refuse a key given twice: a short list scanned (objects are mostly small,
     * and the parser hands out one instance per distinct key, so most comparisons are identity), a hash set past
     * {@value #SCANNED} keys.
     */
    private static final class Names {
        private static final int SCANNED = 16;
        private final String[] first = new String[SCANNED];
        private int count;
        private Set<String> more;

        /** Adds a key; returns false when the object already has it. */
        boolean add(String name) {
            if (more != null) {
                return more.add(name);
            }
            for (int i = 0; i < count; i++) {
                if (first[i].equals(name)) {
                    return false;
                }
            }
            if (count < SCANNED) {
                first[count++] = name;
                return true;
            }
            more = new HashSet<>(Arrays.asList(first));
            return more.add(name);
        }
    }

    /** Stops decoding with a rejection; cheap, with no stack trace. */
    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Rejection rejection;

        Invalid(Step step, ReasonCode reason, String rule) {
            super(rule, null, false, false);
            FieldPath path = step == null ? null : step.toPathOrNull();
            this.rejection = path == null ? Rejection.of(reason, rule) : Rejection.of(reason, path, rule);
        }
    }
}
