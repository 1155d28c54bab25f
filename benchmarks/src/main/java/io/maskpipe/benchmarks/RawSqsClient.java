package io.maskpipe.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw ceiling's client: the JDK's {@link HttpClient} speaking SQS's JSON protocol ({@code AmazonSQS.*} targets,
 * {@code application/x-amz-json-1.0}) over HTTP/1.1 keep-alive connections, with nothing the SDK adds: no signing,
 * no interceptors, no MD5 check, no model objects. What ElasticMQ allows, not a client anyone should ship. The body
 * of each message is read as a string and otherwise ignored. Thread-safe.
 */
final class RawSqsClient {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http;
    private final URI endpoint;

    RawSqsClient(URI endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** {@code ReceiveMessage}: up to {@code max} messages, long-polling {@code waitSeconds}; the receipt handles. */
    List<String> receive(String queueUrl, int max, int waitSeconds) {
        String request = json(g -> {
            g.writeStringField("QueueUrl", queueUrl);
            g.writeNumberField("MaxNumberOfMessages", max);
            g.writeNumberField("WaitTimeSeconds", waitSeconds);
        });
        String response = call("ReceiveMessage", request);
        List<String> handles = new ArrayList<>(max);
        try (JsonParser parser = JSON.createParser(response)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING && parser.getParsingContext().getParent() != null) {
                    String name = parser.currentName();
                    if ("ReceiptHandle".equals(name)) {
                        handles.add(parser.getText());
                    } else if ("Body".equals(name)) {
                        parser.getText(); // decoded like any client would, then unused
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ReceiveMessage: unreadable response", e);
        }
        return handles;
    }

    /** {@code DeleteMessageBatch} of up to ten receipt handles; fails when any entry failed. */
    void deleteBatch(String queueUrl, List<String> handles) {
        String request = json(g -> {
            g.writeStringField("QueueUrl", queueUrl);
            g.writeArrayFieldStart("Entries");
            for (int i = 0; i < handles.size(); i++) {
                g.writeStartObject();
                g.writeStringField("Id", Integer.toString(i));
                g.writeStringField("ReceiptHandle", handles.get(i));
                g.writeEndObject();
            }
            g.writeEndArray();
        });
        String response = call("DeleteMessageBatch", request);
        try (JsonParser parser = JSON.createParser(response)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && "Failed".equals(parser.currentName())
                        && parser.nextToken() == JsonToken.START_ARRAY && parser.nextToken() != JsonToken.END_ARRAY) {
                    throw new IllegalStateException("DeleteMessageBatch: some entries failed");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("DeleteMessageBatch: unreadable response", e);
        }
    }

    private String call(String target, String body) {
        // A bound on every call: once in a few hundred thousand calls, a request on a pooled connection got no answer
        // and the loop waited forever; timed out, it is sent once more on a fresh connection like any I/O failure.
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(CALL_TIMEOUT)
                .header("Content-Type", CONTENT_TYPE)
                .header("X-Amz-Target", "AmazonSQS." + target)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // A pooled connection the server had closed fails before the request is read: once more, fresh.
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(target + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": I/O failure", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(target + ": interrupted", e);
        }
    }

    private interface Fields {
        void write(JsonGenerator generator) throws IOException;
    }

    private static String json(Fields fields) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            fields.write(generator);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
