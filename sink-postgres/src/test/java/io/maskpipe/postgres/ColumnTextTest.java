package io.maskpipe.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The built-ins' direct texts give what their value followed by {@link ValueEncoder} gives, rejections included. */
class ColumnTextTest {
    private static final long DAY = 86_400_000L;

    /** Either the text or the rejection's reason and rule, as the column would report it. */
    private record Outcome(String text, String rejection) {
    }

    private static Outcome general(ColumnValue value, ColumnType type, Record record) {
        try {
            Object plain = value.valueOf(record);
            return new Outcome(ValueEncoder.encode(plain, type), null);
        } catch (ColumnRejection e) {
            return new Outcome(null, e.reason() + ": " + e.rule());
        }
    }

    private static Outcome direct(ColumnText text, Record record) {
        try {
            return new Outcome(text.of(record), null);
        } catch (ColumnRejection e) {
            return new Outcome(null, e.reason() + ": " + e.rule());
        }
    }

    private static Record sentAt(String millis) {
        return Record.builder().put("x", 1).metadata(millis == null ? Metadata.of(Map.of())
                : Metadata.of(Map.of(Metadata.SENT_TIMESTAMP, millis))).build();
    }

    @Test
    void sentDate_directText_equalsTheDateEncodingAcrossDaysBoundariesAndBadValues() {
        BuiltinColumnValue sentDate = (BuiltinColumnValue) Columns.sentDate();
        ColumnType date = ColumnType.of(ColumnType.Kind.DATE);
        ColumnText direct = sentDate.directOrNull(date);
        assertThat(direct).isNotNull();
        List<String> millis = new ArrayList<>();
        for (long at : new long[] {0, 1, -1, DAY - 1, DAY, -DAY, -DAY - 1, 1_767_225_600_000L,
            1_767_225_600_000L + DAY - 1, 1_767_225_600_000L - 1, -62_135_596_800_000L, -62_135_596_800_001L,
            253_402_300_799_999L, 253_402_300_800_000L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            millis.add(Long.toString(at));
        }
        millis.addAll(List.of("", "12x", " 1", "1.5", "99999999999999999999"));
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            // runs within a day and jumps between days, so the kept day is both hit and replaced
            millis.add(Long.toString(1_767_225_600_000L + random.nextInt(5) * DAY + random.nextInt((int) DAY)));
        }
        millis.add(null);
        for (String at : millis) {
            Record record = sentAt(at);
            assertThat(direct(direct, record)).as("sent_timestamp %s", at).isEqualTo(general(sentDate, date, record));
        }
    }

    @Test
    void sentDate_otherColumnTypes_haveNoDirectText() {
        BuiltinColumnValue sentDate = (BuiltinColumnValue) Columns.sentDate();
        assertThat(sentDate.directOrNull(ColumnType.of(ColumnType.Kind.TEXT))).isNull();
        assertThat(sentDate.directOrNull(ColumnType.of(ColumnType.Kind.TIMESTAMPTZ))).isNull();
    }

    @Test
    void versionNumber_directText_equalsTheIntegerEncodingForTextNumbersAndOtherKinds() {
        BuiltinColumnValue version = (BuiltinColumnValue) Columns.versionNumber("v");
        List<Record> records = new ArrayList<>();
        for (String text : new String[] {"2.3.0", "0.96", "999.999.999", "0", "1000", "2.x", "", "1.2.3.4"}) {
            records.add(Record.builder().put("v", text).build());
        }
        for (String number : new String[] {"2", "999", "2.0", "1e1", "12345678901234567890"}) {
            records.add(Record.builder().put("v", Value.of(new BigDecimal(number))).build());
        }
        records.add(Record.builder().put("v", true).build());
        records.add(Record.builder().put("v", Value.Null.INSTANCE).build());
        records.add(Record.builder().put("other", "2.3").build());
        for (ColumnType.Kind kind : new ColumnType.Kind[] {ColumnType.Kind.INTEGER, ColumnType.Kind.BIGINT}) {
            ColumnType type = ColumnType.of(kind);
            ColumnText direct = version.directOrNull(type);
            assertThat(direct).isNotNull();
            for (Record record : records) {
                assertThat(direct(direct, record)).as("%s into %s", record, kind)
                        .isEqualTo(general(version, type, record));
            }
        }
        assertThat(version.directOrNull(ColumnType.of(ColumnType.Kind.SMALLINT))).isNull();
    }
}
