package io.maskpipe.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The messages-in-flight gauge: received minus settled, shared by every listener of one registry with the same
 * tags, so that it counts the messages of all of them.
 */
final class InFlightGauge {
    /*
     * Maintainer notes. A registry registers a gauge once per name and tags and hands back the first one to anyone
     * who registers it again, with the first registrant's state. Counters add up across listeners of the same tags
     * (they are one meter), so the gauge must too: its state lives here, one per registry and tags, and every
     * listener adds to it. Registries are weak keys, so a discarded registry (a test's) is not kept alive; the
     * registry holds the state strongly through its gauge, and the state holds nothing back.
     *
     * The engine reports a receive just after handing its messages over, so a quick writer may report one settled
     * before it is reported received: the sum may dip below zero for that instant, and the gauge reads zero then.
     */
    private static final Map<MeterRegistry, Map<Tags, InFlightGauge>> SHARED = new WeakHashMap<>();

    private final LongAdder count = new LongAdder();

    private InFlightGauge() {
    }

    /** Returns the state of the gauge with this name and these tags in the registry, registering it if need be. */
    static InFlightGauge register(MeterRegistry registry, String name, Tags tags, String description) {
        InFlightGauge state;
        synchronized (SHARED) {
            state = SHARED.computeIfAbsent(registry, r -> new HashMap<>()).computeIfAbsent(tags,
                    t -> new InFlightGauge());
        }
        // Registering again is harmless: the registry keeps one gauge, and every registration names this state.
        Gauge.builder(name, state, InFlightGauge::value).tags(tags).baseUnit(BaseUnits.MESSAGES)
                .description(description).strongReference(true).register(registry);
        return state;
    }

    void add(long messages) {
        count.add(messages);
    }

    double value() {
        return Math.max(0, count.sum());
    }
}
