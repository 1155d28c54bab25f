package io.maskpipe.sqs;

import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.WriteResult;
import io.maskpipe.testing.InMemorySink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Stores records in memory, but refuses, row by row, those a rule picks: a column constraint, say. */
final class RefusingSink implements Sink {
    final InMemorySink stored = InMemorySink.create();
    private final Predicate<Record> refuse;

    RefusingSink(Predicate<Record> refuse) {
        this.refuse = refuse;
    }

    @Override
    public List<WriteResult> write(List<Record> records) {
        List<WriteResult> results = new ArrayList<>(records.size());
        for (Record record : records) {
            results.add(refuse.test(record)
                    ? WriteResult.rejected(Rejection.of(ReasonCode.SINK_REJECTED, "refused by the test's rule"))
                    : stored.write(List.of(record)).get(0));
        }
        return results;
    }
}
