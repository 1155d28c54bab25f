package io.maskpipe.examples;

import static io.maskpipe.examples.ExampleHarness.KEYRING;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.HmacMasker;
import io.maskpipe.core.HmacMasker.Normalization;
import io.maskpipe.core.MaskContext;
import io.maskpipe.core.Maskers;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.Tokenizer;
import io.maskpipe.examples.ExampleHarness.Captured;
import io.maskpipe.examples.LoginQueues.DeadLetterView;
import io.maskpipe.examples.LoginsExample.ExampleResult;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user-logins example end to end: generated events through an embedded ElasticMQ into PostgreSQL, then the table,
 * the dead-letter queue and everything printed checked against what was sent.
 */
class UserLoginsPipelineTest {
    private static final int MESSAGES = 300;
    private static final SentEvents SENT = SentEvents.of(MESSAGES);

    @TempDir
    static Path directory;
    private static Path keyFile;
    /** One run of the default example, shared by the tests that read what it did. */
    private static String table;
    private static Captured<ExampleResult> run;
    private static LocalDate before;
    private static LocalDate after;

    @BeforeAll
    static void runTheExample() throws Exception {
        keyFile = ExampleHarness.keyFile(directory);
        table = ExampleHarness.freshTable("user_logins");
        before = LocalDate.now(ZoneOffset.UTC);
        run = run(Variant.HMAC, table);
        after = LocalDate.now(ZoneOffset.UTC);
    }

    @Test
    void run_generatedEvents_writesOneMaskedRowPerWellFormedEvent() {
        LoginsDatabase database = LoginsDatabase.at(ExampleHarness.databaseUrl());

        PipelineSummary summary = run.result().summary();
        assertThat(summary.received()).isEqualTo(MESSAGES);
        assertThat(summary.written()).isEqualTo(SENT.wellFormed.size());
        assertThat(summary.duplicates()).isZero();
        assertThat(summary.rejected()).isEqualTo(SENT.malformed()).isPositive();
        assertThat(run.result().rows()).isEqualTo(SENT.wellFormed.size());

        HmacMasker ip = HmacMasker.builder(KEYRING).normalize(Normalization.TRIM, Normalization.CANONICAL_IP).build();
        HmacMasker device = HmacMasker.builder(KEYRING).normalize(Normalization.TRIM).build();
        List<String> expected = SENT.wellFormed.stream().map(e -> String.join("|", e.get("user_id"),
                e.get("device_type"), ip.mask(e.get("ip"), "ip"), device.mask(e.get("device_id"), "device_id"),
                String.valueOf(e.get("locale")), String.valueOf(SentEvents.versionNumber(e.get("app_version")))))
                .collect(Collectors.toList());
        List<String> stored = database.query("SELECT concat_ws('|', user_id, device_type, masked_ip, masked_device_id,"
                + " coalesce(locale, 'null'), app_version) FROM " + table).stream().map(r -> r.get(0)).toList();
        assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(database.query("SELECT DISTINCT create_date::text FROM " + table))
                .allSatisfy(row -> assertThat(row.get(0)).isIn(before.toString(), after.toString()));
    }

    @Test
    void run_generatedEvents_analystsQueryFindsTheRepeatedIpsAndDevices() {
        LoginsDatabase database = LoginsDatabase.at(ExampleHarness.databaseUrl());

        assertThat(SENT.repeated("ip")).isPositive();
        assertThat(database.query("SELECT masked_ip FROM " + table + " GROUP BY masked_ip HAVING count(*) > 1"))
                .hasSize((int) SENT.repeated("ip"));
        assertThat(database.query("SELECT masked_device_id FROM " + table
                + " GROUP BY masked_device_id HAVING count(*) > 1")).hasSize((int) SENT.repeated("device_id"));
        assertThat(run.text()).contains("IPs seen more than once (" + SENT.repeated("ip") + " found)")
                .contains("devices seen more than once (" + SENT.repeated("device_id") + " found)");

        // The key holder's look-up finds every login of the ip it knows.
        String known = run.result().lookupIp();
        assertThat(run.result().lookupCount()).isEqualTo(SENT.counts("ip").get(known).longValue()).isGreaterThan(1);
    }

    @Test
    void run_malformedMessages_landInTheDeadLetterQueueWithTheirReasons() {
        ExampleResult result = run.result();

        List<DeadLetterView> letters = result.deadLetters();
        assertThat(letters).hasSize(SENT.malformed());
        Map<String, Integer> byReasonAndField = new HashMap<>();
        letters.forEach(l -> byReasonAndField.merge(l.reason() + " " + l.field(), 1, Integer::sum));
        assertThat(byReasonAndField).containsOnly(
                Map.entry(ReasonCode.MALFORMED_JSON + " null", SENT.brokenJson),
                Map.entry(ReasonCode.UNKNOWN_FIELD + " foo", SENT.wrongType), // {"foo": ...}: strict names no foo
                Map.entry(ReasonCode.MISSING_FIELD + " device_id", SENT.missingField));
        assertThat(letters).allSatisfy(l -> assertThat(l.rule()).isNotBlank());
        assertThat(letters).extracting(DeadLetterView::sourceMessageId).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(result.summary().rejectedByReason()).containsOnly(
                Map.entry(ReasonCode.MALFORMED_JSON, (long) SENT.brokenJson),
                Map.entry(ReasonCode.UNKNOWN_FIELD, (long) SENT.wrongType),
                Map.entry(ReasonCode.MISSING_FIELD, (long) SENT.missingField));
    }

    @Test
    void run_generatedEvents_noRawIpOrDeviceIdInTheDatabaseOrOutput() {
        LoginsDatabase database = LoginsDatabase.at(ExampleHarness.databaseUrl());

        List<String> stored = ExampleHarness.allText(database, table, "maskpipe_ledger");
        assertThat(stored).hasSizeGreaterThan(2 * SENT.wellFormed.size() - 1);
        assertThat(SENT.rawValues).hasSizeGreaterThan(100).allSatisfy(raw ->
                assertThat(stored).noneSatisfy(text -> assertThat(text).contains(raw)));

        // Only the key holder's section shows a raw value: the ip it was asked to look up.
        String text = run.text();
        int keyHolder = text.indexOf(Report.KEY_HOLDER + ":");
        assertThat(keyHolder).isPositive();
        String beforeKeyHolder = text.substring(0, keyHolder);
        assertThat(SENT.rawValues).allSatisfy(raw -> assertThat(beforeKeyHolder).doesNotContain(raw));
        assertThat(SENT.rawValues).filteredOn(text.substring(keyHolder)::contains)
                .containsExactly(run.result().lookupIp());
    }

    @Test
    void run_tokenize_keyHolderRevealsStoredDeviceIds() {
        String tokenTable = ExampleHarness.freshTable("user_logins_tokenized");
        Captured<ExampleResult> tokenRun = run(Variant.TOKENIZED, tokenTable);
        LoginsDatabase database = LoginsDatabase.at(ExampleHarness.databaseUrl());
        Tokenizer tokenizer = Maskers.tokenize(KEYRING);

        // Every stored token reveals to a device id that was sent, one for one.
        List<String> revealed = database.query("SELECT masked_device_id FROM " + tokenTable).stream()
                .map(row -> tokenizer.reveal(row.get(0), "device_id")).toList();
        assertThat(revealed).containsExactlyInAnyOrderElementsOf(
                SENT.wellFormed.stream().map(e -> e.get("device_id")).toList());
        // Tokens are deterministic, so the duplicates still group.
        assertThat(database.query("SELECT masked_device_id FROM " + tokenTable
                + " GROUP BY masked_device_id HAVING count(*) > 1")).hasSize((int) SENT.repeated("device_id"));
        // What the example showed is a value it read back from the table and revealed.
        String shown = tokenRun.result().revealedDeviceId();
        assertThat(SENT.counts("device_id")).containsKey(shown);
        assertThat(tokenRun.text()).contains("stored in " + tokenTable + ".masked_device_id: "
                + tokenizer.mask(shown, MaskContext.forField("device_id")));
        // On screen it is masked unless asked for: first and last character only.
        assertThat(tokenRun.text()).doesNotContain(shown).contains("revealed with the key ring (domain 'device_id'):  "
                + shown.charAt(0) + "*".repeat(shown.length() - 2) + shown.charAt(shown.length() - 1)
                + "  (" + shown.length() + " characters; --show-revealed-value prints it in full)");
    }

    @Test
    void run_tokenizeShowRevealedValue_printsTheRevealedValueInFull() {
        String tokenTable = ExampleHarness.freshTable("user_logins_tokenized");
        Captured<ExampleResult> tokenRun = run(Variant.TOKENIZED, tokenTable, "--tokenize", "--show-revealed-value");

        String shown = tokenRun.result().revealedDeviceId();
        assertThat(SENT.counts("device_id")).containsKey(shown);
        assertThat(tokenRun.text()).contains("revealed with the key ring (domain 'device_id'):  " + shown + "\n");
    }

    private static Captured<ExampleResult> run(Variant variant, String target, String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of("--messages", String.valueOf(MESSAGES),
                "--jdbc-url", ExampleHarness.databaseUrl(), "--table", target, "--key-file", keyFile.toString()));
        args.addAll(List.of(flags));
        ExampleOptions options = ExampleHarness.options(Map.of(), args.toArray(String[]::new));
        return ExampleHarness.capture(out -> LoginsExample.run(variant, options, out, out));
    }
}
