package io.maskpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.examples.LoginQueues.DeadLetterView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final Pattern UNGROUPED = Pattern.compile("(?<![\\d,.])\\d{4,}(?![\\d,.])");

    @Test
    void deadLetters_thousands_areGroupedLikeTheSummary() {
        List<DeadLetterView> letters = new ArrayList<>();
        for (int i = 0; i < 2466; i++) {
            letters.add(new DeadLetterView("id-" + (char) ('a' + i % 26), "1767225600000", i < 1200 ? "MISSING_FIELD" : "MALFORMED_JSON",
                    null, "rule"));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        new Report(new PrintStream(bytes, true, StandardCharsets.UTF_8), "t").deadLetters(letters);

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Dead-letter queue: 2,466 messages").contains("MISSING_FIELD                 1,200")
                .contains("MALFORMED_JSON                1,266").contains("... and 2,456 more");
        assertThat(UNGROUPED.matcher(text).find()).as(text).isFalse();
    }

    @Test
    void partly_aValue_showsOnlyItsFirstAndLastCharacter() {
        assertThat(Report.partly("482-17-3391")).isEqualTo("4*********1");
        assertThat(Report.partly("abcde")).isEqualTo("a***e");
        assertThat(Report.partly("abcd")).isEqualTo("****");
        assertThat(Report.partly("")).isEmpty();
    }
}
