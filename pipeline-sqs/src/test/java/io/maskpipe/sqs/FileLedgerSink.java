package io.maskpipe.sqs;

import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A durable, idempotent sink for tests that span processes: one line per stored message id in a file, forced to
 * disk before {@link #write} returns; an id already in the file is a duplicate. One process at a time.
 */
final class FileLedgerSink implements Sink {
    private final Path file;
    private final Duration delay;
    private final Set<String> ids = new HashSet<>();

    FileLedgerSink(Path file, Duration delay) {
        this.file = file;
        this.delay = delay;
    }

    @Override
    public synchronized void open() {
        try {
            if (Files.exists(file)) {
                ids.addAll(Files.readAllLines(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized List<WriteResult> write(List<Record> records) {
        try {
            Thread.sleep(delay.toMillis()); // a slow database
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("ledger: interrupted", true, e);
        }
        List<WriteResult> results = new ArrayList<>(records.size());
        StringBuilder lines = new StringBuilder();
        for (Record record : records) {
            String id = record.metadata().messageId().orElseThrow();
            if (ids.add(id)) {
                lines.append(id).append('\n');
                results.add(WriteResult.written());
            } else {
                results.add(WriteResult.duplicate());
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        } catch (IOException e) {
            throw new SinkException("ledger: " + e.getClass().getName(), true, e);
        }
        return results;
    }

    /** Returns the stored ids, in the order written, read from the file. */
    static List<String> read(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
