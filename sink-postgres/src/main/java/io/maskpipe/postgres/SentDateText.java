package io.maskpipe.postgres;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Record;
import java.time.LocalDate;

/**
 * The sent date's text for a {@code date} column: the UTC day of metadata {@value Metadata#SENT_TIMESTAMP}, read as
 * epoch milliseconds with integer arithmetic. The last day's text is kept with its range of milliseconds, so the
 * messages of one day (nearly all of a batch) cost a number parse and two comparisons. The kept day is an immutable
 * object swapped whole, so threads racing on it only ever see a complete one.
 */
final class SentDateText implements ColumnText {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** A day's text and its milliseconds, from inclusive, until exclusive. */
    private record Day(long fromMillis, long untilMillis, String text) {
    }

    private Day last = new Day(0, 0, null); // an empty range: nothing matches until a first day is kept

    @Override
    public String of(Record record) {
        String millisText = record.metadata().asMap().get(Metadata.SENT_TIMESTAMP);
        if (millisText == null) {
            throw Columns.noSentTime();
        }
        long millis;
        try {
            millis = Long.parseLong(millisText);
        } catch (NumberFormatException e) {
            throw Columns.noSentTime();
        }
        Day day = last;
        if (millis >= day.fromMillis() && millis < day.untilMillis()) {
            return day.text();
        }
        long epochDay = Math.floorDiv(millis, MILLIS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        ValueEncoder.checkYear(date.getYear());
        day = new Day(epochDay * MILLIS_PER_DAY, (epochDay + 1) * MILLIS_PER_DAY, date.toString());
        last = day;
        return day.text();
    }

    @Override
    public String toString() {
        return "SentDateText";
    }
}
