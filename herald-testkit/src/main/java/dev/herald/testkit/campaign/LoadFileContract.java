package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.run.ActivityStatus;
import dev.herald.campaign.run.RunStatus;
import dev.herald.campaign.run.ActivityRecord;
import dev.herald.campaign.run.RunRecord;
import dev.herald.store.ValueCases;
import dev.herald.store.run.Worktables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** load-file: typed columns, bad values rejected, emptied or defaulted per column, the rejects file, the error budget. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LoadFileContract {

    /** Line 1 is the header; lines 3, 4 and 5 each have one flaw. */
    private static final String CONTACTS = """
            email,score,met_on,city
            ada@example.com,8,2026-11-14,Paris
            bob@example.com,nine,2026-11-15,Lyon
            cyd@example.com,7,2026-02-31,Nice
            dan@example.com,5
            eve@example.com,3,2026-11-16,"Saint-Étienne, Loire"
            """;

    RetailStore retail;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 200);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    private void write(String file, String text) throws IOException {
        Path path = retail.workspace().resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text, StandardCharsets.UTF_8);
    }

    private static String campaign(String id, String loadOptions) {
        return """
                id: %s
                name: load
                on_error: { policy: abort }
                activities:
                  - id: load
                    type: load-file
                %s
                """.formatted(id, loadOptions.indent(4).stripTrailing());
    }

    private ActivityRecord activity(RunRecord run, String id) {
        return retail.runStore().activities(run.id()).get(id);
    }

    private List<String> logOf(RunRecord run) {
        return retail.runStore().log(run.id()).stream().map(l -> l.level() + " " + l.message()).toList();
    }

    @Test
    void rejected_lines_are_named_with_line_column_and_reason_and_the_others_load() throws IOException {
        write("in/contacts.csv", CONTACTS);
        RunRecord run = retail.test(campaign("t_load_rejects", """
                file: in/contacts.csv
                columns:
                  email: { type: string }
                  score: { type: int }
                  met_on: { type: date }
                  city: { type: string }
                """));

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        List<Map<String, Object>> rows = retail.rows(run, "load.out");
        assertThat(rows).extracting(r -> ((Number) r.get("line")).longValue()).containsExactly(2L, 6L);
        assertThat(rows.get(0)).containsEntry("email", "ada@example.com").containsEntry("city", "Paris");
        assertThat(((Number) rows.get(0).get("score")).intValue()).isEqualTo(8);
        assertThat(String.valueOf(rows.get(0).get("met_on"))).isEqualTo("2026-11-14");
        assertThat(rows.get(1)).containsEntry("city", "Saint-Étienne, Loire");

        List<String> rejects = Files.readAllLines(retail.workspace().resolve("in/contacts.csv.rejects.csv"));
        assertThat(rejects).containsExactly(
                "line,column,reason",
                "3,score,\"not a valid int: \"\"nine\"\"\"",
                "4,met_on,\"not a valid date: \"\"2026-02-31\"\"\"",
                "5,,\"expected 4 columns, found 2\"");
        assertThat(logOf(run)).anyMatch(l -> l.contains("read 5 lines, loaded 2, rejected 3"));
    }

    @Test
    void a_bad_value_becomes_empty_or_the_default_when_its_column_says_so() throws IOException {
        write("in/contacts_lenient.csv", CONTACTS);
        RunRecord run = retail.test(campaign("t_load_lenient", """
                file: in/contacts_lenient.csv
                rejects: out/lenient_rejects.csv
                columns:
                  email: { type: string }
                  score: { type: int, on_error: default, default: "-1" }
                  met_on: { type: date, on_error: "null" }
                """));

        List<Map<String, Object>> rows = retail.rows(run, "load.out");
        assertThat(rows).extracting(r -> ((Number) r.get("line")).longValue()).containsExactly(2L, 3L, 4L, 6L);
        assertThat(rows.get(1)).containsEntry("email", "bob@example.com");
        assertThat(((Number) rows.get(1).get("score")).intValue()).isEqualTo(-1);
        assertThat(String.valueOf(rows.get(1).get("met_on"))).isEqualTo("2026-11-15");
        assertThat(((Number) rows.get(2).get("score")).intValue()).isEqualTo(7);
        assertThat(rows.get(2).get("met_on")).isNull();
        assertThat(rows.get(0)).doesNotContainKey("city");
        // the line with too few values is still rejected, in the file the campaign names
        assertThat(Files.readAllLines(retail.workspace().resolve("out/lenient_rejects.csv")))
                .containsExactly("line,column,reason", "5,,\"expected 4 columns, found 2\"");
    }

    @Test
    void more_rejected_lines_than_max_errors_fail_the_activity_and_load_nothing() throws IOException {
        write("in/contacts_strict.csv", CONTACTS);
        RunRecord run = retail.test(campaign("t_load_budget", """
                file: in/contacts_strict.csv
                max_errors: 2
                columns:
                  email: { type: string }
                  score: { type: int }
                  met_on: { type: date }
                """));

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        ActivityRecord load = activity(run, "load");
        assertThat(load.status()).isEqualTo(ActivityStatus.FAILED);
        assertThat(load.error()).contains("3 lines rejected, more than max_errors (2); nothing was loaded");
        assertThat(retail.runStore().transitions(run.id())).doesNotContainKey("load.out");
        assertThat(new Worktables(retail.store(), retail.runStore()).tablesOf(run.id())).isEmpty();
    }

    @Test
    void exactly_max_errors_rejected_lines_still_load_the_rest() throws IOException {
        write("in/contacts_budget.csv", CONTACTS);
        RunRecord run = retail.test(campaign("t_load_budget_met", """
                file: in/contacts_budget.csv
                max_errors: 3
                columns:
                  email: { type: string }
                  score: { type: int }
                  met_on: { type: date }
                """));

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.keys(run, "load.out")).containsExactly(2L, 6L);
    }

    @Test
    void a_declared_column_missing_from_the_file_is_named_with_the_columns_the_file_has() throws IOException {
        write("in/contacts_missing.csv", CONTACTS);
        RunRecord run = retail.test(campaign("t_load_missing", """
                file: in/contacts_missing.csv
                columns:
                  emial: { type: string }
                """));

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(activity(run, "load").error())
                .contains("has no column 'emial'")
                .contains("did you mean 'email'")
                .contains("email, score, met_on, city")
                .doesNotContain("Exception");
    }

    @Test
    void a_file_or_rejects_file_outside_the_workspace_is_refused_and_nothing_is_written_there() throws IOException {
        write("in/contacts_escape.csv", CONTACTS);
        Path outside = retail.workspace().getParent().resolve("escaped_rejects.csv");
        RunRecord escaping = retail.test(campaign("t_load_escape", """
                file: in/contacts_escape.csv
                rejects: ../escaped_rejects.csv
                columns:
                  email: { type: string }
                """));
        RunRecord absolute = retail.test(campaign("t_load_absolute", """
                file: /etc/passwd
                columns:
                  email: { type: string }
                """));

        assertThat(escaping.status()).isEqualTo(RunStatus.FAILED);
        assertThat(activity(escaping, "load").error()).contains("'../escaped_rejects.csv' is outside the workspace");
        assertThat(outside).doesNotExist();
        assertThat(absolute.status()).isEqualTo(RunStatus.FAILED);
        assertThat(activity(absolute, "load").error()).contains("'/etc/passwd' is outside the workspace");
    }

    @Test
    void delimiter_date_format_and_decimal_separator_read_a_european_file() throws IOException {
        write("in/european.csv", """
                email;met_on;spent
                ada@example.com;14/11/2026;12,50
                bob@example.com;2026-11-15;3,00
                cyd@example.com;01/02/2026;1234,5
                """);
        RunRecord run = retail.test(campaign("t_load_european", """
                file: in/european.csv
                delimiter: ";"
                date_format: "%d/%m/%Y"
                decimal_separator: ","
                columns:
                  email: { type: string }
                  met_on: { type: date }
                  spent: { type: "decimal(10,2)" }
                """));

        List<Map<String, Object>> rows = retail.rows(run, "load.out");
        assertThat(rows).extracting(r -> ((Number) r.get("line")).longValue()).containsExactly(2L, 4L);
        assertThat(String.valueOf(rows.get(0).get("met_on"))).isEqualTo("2026-11-14");
        assertThat(new java.math.BigDecimal(String.valueOf(rows.get(0).get("spent")))).isEqualByComparingTo("12.50");
        assertThat(String.valueOf(rows.get(1).get("met_on"))).isEqualTo("2026-02-01");
        assertThat(new java.math.BigDecimal(String.valueOf(rows.get(1).get("spent")))).isEqualByComparingTo("1234.50");
        // an ISO date is not in the declared format: its line is rejected
        assertThat(Files.readAllLines(retail.workspace().resolve("in/european.csv.rejects.csv")))
                .containsExactly("line,column,reason", "3,met_on,\"not a valid date: \"\"2026-11-15\"\"\"");
    }

    @Test
    void a_later_run_without_rejected_lines_removes_the_stale_rejects_file() throws IOException {
        write("in/fixed_later.csv", CONTACTS);
        String yaml = campaign("t_load_fixed", """
                file: in/fixed_later.csv
                columns:
                  email: { type: string }
                  score: { type: int }
                """);
        retail.test(yaml);
        Path rejects = retail.workspace().resolve("in/fixed_later.csv.rejects.csv");
        assertThat(rejects).exists();

        write("in/fixed_later.csv", "email,score\nada@example.com,8\n");
        RunRecord fixed = retail.test(yaml);

        assertThat(retail.keys(fixed, "load.out")).containsExactly(2L);
        assertThat(rejects).doesNotExist();
    }

    @Test
    void text_values_load_exactly_as_written_on_every_store() throws IOException {
        write("in/texts.csv", "email,city\n"
                + "ada@example.com, Paris \n"
                + "bob@example.com,\"Lyon, Rhône\"\n"
                + "cyd@example.com,\"He said \"\"hi\"\"\"\n"
                + "dan@example.com,NULL\n"
                + "eve@example.com,\"\"\n");
        RunRecord run = retail.test(campaign("t_load_texts", """
                file: in/texts.csv
                columns:
                  email: { type: string }
                  city: { type: string }
                """));

        assertThat(retail.rows(run, "load.out")).extracting(r -> r.get("city"))
                .containsExactly(" Paris ", "Lyon, Rhône", "He said \"hi\"", "NULL", null);
    }

    @Test
    void a_quote_never_closed_rejects_its_line_and_the_lines_after_it_load() throws IOException {
        write("in/unclosed.csv", "email,score\na@x,1\nb@x,2\n\"c@x,3\nd@x,4\ne@x,5\nf@x,6\n");
        RunRecord run = retail.test(campaign("t_load_unclosed", """
                file: in/unclosed.csv
                columns:
                  email: { type: string }
                  score: { type: int }
                """));

        assertThat(retail.keys(run, "load.out")).containsExactly(2L, 3L, 5L, 6L, 7L);
        assertThat(Files.readAllLines(retail.workspace().resolve("in/unclosed.csv.rejects.csv")))
                .containsExactly("line,column,reason", "4,email," + dev.herald.load.CsvRecordReader.UNCLOSED_QUOTE);
        assertThat(logOf(run)).anyMatch(l -> l.contains("read 6 lines, loaded 5, rejected 1"));
    }

    @Test
    void a_value_that_is_not_utf8_rejects_its_line_and_the_rest_loads() throws IOException {
        Path path = retail.workspace().resolve("in/latin1.csv");
        Files.createDirectories(path.getParent());
        try (var out = Files.newOutputStream(path)) {
            out.write("email,city\na@x,Paris\nb@x,".getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {'N', (byte) 0xEE, 'm', 'e', 's'});
            out.write("\nc@x,S\u00e8te\n".getBytes(StandardCharsets.UTF_8));
        }
        RunRecord run = retail.test(campaign("t_load_latin1", """
                file: in/latin1.csv
                columns:
                  email: { type: string }
                  city: { type: string }
                """));

        assertThat(retail.rows(run, "load.out")).extracting(r -> r.get("city")).containsExactly("Paris", "S\u00e8te");
        assertThat(Files.readAllLines(retail.workspace().resolve("in/latin1.csv.rejects.csv")))
                .containsExactly("line,column,reason", "3,city,not valid UTF-8");
    }

    @Test
    void mixed_line_endings_are_read_and_a_quoted_value_on_two_lines_does_not_shift_later_lines() throws IOException {
        write("in/mixed.csv", "email,score\r\na@x,1\r\n\"b\nx\",2\nc@x,y\r\nd@x,4\n");
        RunRecord run = retail.test(campaign("t_load_mixed", """
                file: in/mixed.csv
                columns:
                  email: { type: string }
                  score: { type: int }
                """));

        assertThat(retail.keys(run, "load.out")).containsExactly(2L, 3L, 6L);
        assertThat(Files.readAllLines(retail.workspace().resolve("in/mixed.csv.rejects.csv")))
                .containsExactly("line,column,reason", "5,score,\"not a valid int: \"\"y\"\"\"");
    }

    @Test
    void times_without_an_offset_are_read_in_the_files_time_zone_and_one_its_clocks_skip_is_rejected() throws IOException {
        write("in/sao_paulo.csv", "email,at\na@x,2018-03-01 10:00\nb@x,2018-11-04 00:30\nc@x,2018-03-01T10:00:00Z\n");
        RunRecord run = retail.test(campaign("t_load_zone", """
                file: in/sao_paulo.csv
                timezone: America/Sao_Paulo
                columns:
                  email: { type: string }
                  at: { type: timestamp }
                """));

        assertThat(retail.rows(run, "load.out")).extracting(r -> ValueCases.canonical("timestamp", r.get("at")))
                .containsExactly("2018-03-01T13:00:00Z", "2018-03-01T10:00:00Z");
        assertThat(Files.readAllLines(retail.workspace().resolve("in/sao_paulo.csv.rejects.csv"))).containsExactly(
                "line,column,reason", "3,at,2018-11-04 00:30 does not exist in America/Sao_Paulo: the clocks went forward at that time");
    }

    // ---- files out of the workspace through symbolic links ----

    private Path outsideDir() throws IOException {
        return Files.createDirectories(retail.workspace().getParent().resolve(retail.workspace().getFileName() + "-outside"));
    }

    private String errorAndLog(RunRecord run) {
        return activity(run, "load").error() + "\n" + String.join("\n", logOf(run));
    }

    @Test
    void a_file_that_links_out_of_the_workspace_is_refused_and_nothing_of_it_is_shown() throws IOException {
        Files.createDirectories(retail.workspace().resolve("in"));
        Path link = retail.workspace().resolve("in/passwd.csv");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("/etc/passwd"));
        RunRecord run = retail.test(campaign("t_load_link_passwd", """
                file: in/passwd.csv
                columns:
                  email: { type: string }
                """));

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(activity(run, "load").error()).contains("'in/passwd.csv' leads out of the workspace");
        assertThat(errorAndLog(run)).doesNotContain("root:").doesNotContain("/bin/");
    }

    @Test
    void a_file_in_a_folder_that_links_out_of_the_workspace_is_refused() throws IOException {
        Path outside = outsideDir();
        Files.writeString(outside.resolve("contacts.csv"), "email\nsecret@example.com\n");
        Path linkedFolder = retail.workspace().resolve("linked");
        Files.deleteIfExists(linkedFolder);
        Files.createSymbolicLink(linkedFolder, outside);
        RunRecord run = retail.test(campaign("t_load_link_folder", """
                file: linked/contacts.csv
                columns:
                  email: { type: string }
                """));

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(activity(run, "load").error()).contains("'linked/contacts.csv' leads out of the workspace");
        assertThat(errorAndLog(run)).doesNotContain("secret@example.com");
        assertThat(new Worktables(retail.store(), retail.runStore()).tablesOf(run.id())).isEmpty();
    }

    @Test
    void a_rejects_file_that_is_a_link_is_refused_and_what_it_points_to_is_left_alone() throws IOException {
        write("in/contacts_link_rejects.csv", CONTACTS);
        Path target = outsideDir().resolve("precious.txt");
        Files.writeString(target, "keep me\n");
        Path link = retail.workspace().resolve("in/rejects_link.csv");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
        Path dangling = retail.workspace().resolve("in/rejects_dangling.csv");
        Path nowhere = outsideDir().resolve("created_by_herald.csv");
        Files.deleteIfExists(dangling);
        Files.createSymbolicLink(dangling, nowhere);

        RunRecord toLink = retail.test(campaign("t_load_rejects_link", """
                file: in/contacts_link_rejects.csv
                rejects: in/rejects_link.csv
                columns:
                  score: { type: int }
                """));
        RunRecord toDangling = retail.test(campaign("t_load_rejects_dangling", """
                file: in/contacts_link_rejects.csv
                rejects: in/rejects_dangling.csv
                columns:
                  score: { type: int }
                """));

        assertThat(activity(toLink, "load").error()).contains("'in/rejects_link.csv' is a symbolic link");
        assertThat(Files.readString(target)).isEqualTo("keep me\n");
        assertThat(activity(toDangling, "load").error()).contains("'in/rejects_dangling.csv' is a symbolic link");
        assertThat(nowhere).doesNotExist();
    }

    @Test
    void a_rejects_file_in_a_folder_that_links_out_of_the_workspace_is_refused() throws IOException {
        write("in/contacts_folder_rejects.csv", CONTACTS);
        Path outside = outsideDir();
        Path linkedFolder = retail.workspace().resolve("out_link");
        Files.deleteIfExists(linkedFolder);
        Files.createSymbolicLink(linkedFolder, outside);
        RunRecord run = retail.test(campaign("t_load_rejects_folder", """
                file: in/contacts_folder_rejects.csv
                rejects: out_link/new/rejects.csv
                columns:
                  score: { type: int }
                """));

        assertThat(activity(run, "load").error()).contains("'out_link/new/rejects.csv' leads out of the workspace");
        assertThat(outside.resolve("new")).doesNotExist();
    }

    // ---- temporary files ----

    /** The load's temporary files: in the workspace's scratch folder, which the load made (customer data never goes to /tmp). */
    private List<Path> temporaryFilesOf(String activityId) throws IOException {
        Path scratch = retail.workspace().resolve("data/tmp");
        assertThat(scratch).as("the load's scratch folder, inside the workspace").isDirectory();
        try (var files = Files.list(scratch)) {
            return files.filter(f -> f.getFileName().toString().startsWith("load-file-" + activityId + "-")).toList();
        }
    }

    @Test
    void past_max_errors_no_temporary_file_is_left_and_the_rejects_file_says_why() throws IOException {
        write("in/contacts_tmp_budget.csv", CONTACTS);
        String yaml = """
                id: t_load_tmp_budget
                name: load
                on_error: { policy: abort }
                activities:
                  - id: load_tmp_budget_4b1e
                    type: load-file
                    file: in/contacts_tmp_budget.csv
                    max_errors: 0
                    columns:
                      score: { type: int }
                """;
        RunRecord run = retail.test(yaml);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(temporaryFilesOf("load_tmp_budget_4b1e")).isEmpty();
        assertThat(Files.readAllLines(retail.workspace().resolve("in/contacts_tmp_budget.csv.rejects.csv"))).hasSize(3);
    }

    @Test
    void a_failed_load_leaves_no_temporary_file_and_no_empty_rejects_file() throws IOException {
        write("in/contacts_tmp_fail.csv", CONTACTS);
        String yaml = """
                id: t_load_tmp_fail
                name: load
                on_error: { policy: abort }
                activities:
                  - id: load_tmp_fail_9c2d
                    type: load-file
                    file: in/contacts_tmp_fail.csv
                    columns:
                      emial: { type: string }
                """;
        RunRecord run = retail.test(yaml);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(temporaryFilesOf("load_tmp_fail_9c2d")).isEmpty();
        assertThat(retail.workspace().resolve("in/contacts_tmp_fail.csv.rejects.csv")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"int", "long", "decimal(10,2)", "double", "boolean", "date", "timestamp", "string"})
    void every_value_is_stored_exactly_or_its_line_is_rejected_with_line_column_and_reason(String type) throws IOException {
        assertStoredExactlyOrRejected(ValueCases.of(ValueCases.ISO, type), "");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"date", "timestamp"})
    void with_a_date_and_a_timestamp_format_every_value_is_stored_exactly_or_rejected(String type) throws IOException {
        assertStoredExactlyOrRejected(ValueCases.of(ValueCases.DAY_FIRST, type), """
                date_format: "%d/%m/%Y"
                timestamp_format: "%d/%m/%Y %H:%M"
                """);
    }

    private void assertStoredExactlyOrRejected(List<ValueCases.Case> cases, String options) throws IOException {
        String type = cases.get(0).type();
        String id = "t_values_" + type.replaceAll("[^a-z]", "") + (options.isEmpty() ? "" : "_formats");
        StringBuilder csv = new StringBuilder("v,n\n");
        for (ValueCases.Case c : cases) {
            csv.append(c.cell()).append(",x\n");
        }
        write("in/" + id + ".csv", csv.toString());
        RunRecord run = retail.test(campaign(id, """
                file: in/%s.csv
                max_errors: 1000
                %scolumns:
                  v: { type: "%s" }
                """.formatted(id, options.indent(0), type)));

        assertThat(run.status()).as(String.valueOf(logOf(run))).isEqualTo(RunStatus.FINISHED);
        Map<Long, Object> stored = new java.util.HashMap<>();
        for (Map<String, Object> row : retail.rows(run, "load.out")) {
            stored.put(((Number) row.get("line")).longValue(), row.get("v"));
        }
        Map<Long, List<String>> rejects = ValueCases.rejectsByLine(retail.workspace().resolve("in/" + id + ".csv.rejects.csv"));
        for (int i = 0; i < cases.size(); i++) {
            ValueCases.Case c = cases.get(i);
            long line = i + 2;
            if (c.loads()) {
                assertThat(rejects.get(line)).as("%s \"%s\" is not rejected", type, c.raw()).isNull();
                assertThat(stored).as("%s \"%s\" is loaded", type, c.raw()).containsKey(line);
                assertThat(ValueCases.canonical(type, stored.get(line))).as("%s \"%s\" is stored exactly", type, c.raw())
                        .isEqualTo(c.stored());
            } else {
                assertThat(rejects.get(line)).as("%s \"%s\" rejects line %d", type, c.raw(), line).containsExactly("v", c.reason());
                assertThat(stored).as("%s \"%s\" is not loaded", type, c.raw()).doesNotContainKey(line);
            }
        }
    }
}
