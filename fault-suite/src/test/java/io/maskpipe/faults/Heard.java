package io.maskpipe.faults;

import io.maskpipe.core.PipelineListener;
import io.maskpipe.core.spi.ConnectorException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run's listener heard, for a test to wait on an event of the run rather than on time: messages received,
 * and the SQLSTATEs of the sink failures it retried (read from the failure's message, which names them).
 */
final class Heard implements PipelineListener {
    private static final Pattern SQL_STATE = Pattern.compile("SQLSTATE (\\w{5})");

    private final AtomicLong received = new AtomicLong();
    private final Set<String> retriedStates = ConcurrentHashMap.newKeySet();

    @Override
    public void received(int count) {
        received.addAndGet(count);
    }

    @Override
    public void retried(int attempt, Duration delay, ConnectorException failure) {
        Matcher state = SQL_STATE.matcher(String.valueOf(failure.getMessage()));
        if (state.find()) {
            retriedStates.add(state.group(1));
        }
    }

    /** Waits until the run has received a message. */
    void awaitReceived(Duration timeout) {
        Waits.await("a message received", timeout, () -> received.get() > 0);
    }

    /** Waits until the run has retried a failure with the given SQLSTATE. */
    void awaitRetryOf(String sqlState, Duration timeout) {
        Waits.await("a retry after SQLSTATE " + sqlState, timeout, () -> retriedStates.contains(sqlState));
    }
}
