package io.maskpipe.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The source a handler's pipeline reads: it hands out the current invocation's messages once and records what the
 * engine acknowledged (resolved) or released (must come back). The pipeline resolves a handed batch in the calling
 * thread, so each thread sees its own invocation and one handler may serve concurrent calls.
 */
final class EventSource implements Source {
    private final ThreadLocal<Invocation> current = new ThreadLocal<>();

    Invocation begin(SQSEvent event, EventMessages messages) {
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<Delivery> deliveries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            deliveries.add(messages.toDelivery(records.get(i), i));
        }
        Invocation invocation = new Invocation(deliveries);
        current.set(invocation);
        return invocation;
    }

    void end() {
        current.remove();
    }

    @Override
    public List<Delivery> receive(Duration maxWait) {
        Invocation invocation = current.get();
        return invocation == null ? List.of() : invocation.take();
    }

    @Override
    public void acknowledge(List<Delivery> deliveries) {
        invocation().mark(deliveries, true);
    }

    @Override
    public void release(List<Delivery> deliveries) {
        invocation().mark(deliveries, false);
    }

    private Invocation invocation() {
        Invocation invocation = current.get();
        if (invocation == null) {
            throw new IllegalStateException("lambda source: no invocation in progress on this thread");
        }
        return invocation;
    }

    @Override
    public String toString() {
        return "LambdaEventSource";
    }

    /** One invocation's messages, in event order, and what became of each. */
    static final class Invocation {
        private final List<Delivery> deliveries;
        private final boolean[] resolved;
        private boolean taken;

        Invocation(List<Delivery> deliveries) {
            this.deliveries = List.copyOf(deliveries);
            this.resolved = new boolean[deliveries.size()];
        }

        int size() {
            return deliveries.size();
        }

        List<Delivery> take() {
            if (taken) {
                return List.of();
            }
            taken = true;
            return deliveries;
        }

        void mark(List<Delivery> marked, boolean done) {
            for (Delivery delivery : marked) {
                int position = delivery.receipt(LambdaReceipt.class).position();
                resolved[position] = done;
            }
        }

        /**
         * Returns the message ids that must come back: every message not resolved, and on a FIFO queue every later
         * message of a group in which one must come back, so a group's order holds.
         */
        List<String> failures() {
            List<String> failed = new ArrayList<>();
            Set<String> brokenGroups = new HashSet<>();
            for (int i = 0; i < deliveries.size(); i++) {
                Delivery delivery = deliveries.get(i);
                String group = delivery.group().orElse(null);
                boolean behindFailure = group != null && brokenGroups.contains(group);
                if (!resolved[i] || behindFailure) {
                    failed.add(delivery.id());
                    if (group != null) {
                        brokenGroups.add(group);
                    }
                }
            }
            return failed;
        }
    }
}
