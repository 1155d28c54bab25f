package io.maskpipe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What InMemorySource stamps on the messages it holds, as a queue does. */
class InMemorySourceTest {

    @Test
    void receive_messageAddedWithoutASentTime_carriesTheTimeItWasAddedOnEveryDelivery() throws Exception {
        long before = System.currentTimeMillis();
        InMemorySource source = InMemorySource.create(Duration.ofMillis(1));
        source.offer(Record.builder().put("user_id", "u-1").build());
        long after = System.currentTimeMillis();

        String first = sentTime(source.receive(Duration.ofSeconds(1)));
        Thread.sleep(5); // the visibility timeout passes: the message comes back
        String second = sentTime(source.receive(Duration.ofSeconds(1)));

        assertThat(Long.parseLong(first)).isBetween(before, after);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void receive_messageAddedWithASentTime_keepsIt() throws Exception {
        InMemorySource source = InMemorySource.create();
        source.offer(Record.builder().put("user_id", "u-1").metadata(Metadata.of(Map.of(Metadata.MESSAGE_ID, "m-7",
                Metadata.SENT_TIMESTAMP, "1767225600000"))).build());

        assertThat(sentTime(source.receive(Duration.ofSeconds(1)))).isEqualTo("1767225600000");
    }

    private static String sentTime(List<Delivery> deliveries) {
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0).metadata().get(Metadata.SENT_TIMESTAMP).orElseThrow();
    }
}
