package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.run.ActivityStatus;
import dev.herald.campaign.run.RunStatus;
import dev.herald.campaign.run.ActivityRecord;
import dev.herald.campaign.run.RunRecord;
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
}
