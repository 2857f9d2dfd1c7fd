package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.herald.error.UserError;
import dev.herald.load.CsvOptions;
import dev.herald.load.CsvRecordReader;
import dev.herald.load.InputFiles;
import dev.herald.store.delivery.DeliveryExport;
import dev.herald.campaign.run.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * herald delivery export: a delivery's messages and a direct-mail file, written through the
 * store's COPY path, compared with the message log and the outbox read by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeliveryExportContract {

    private static final String CAMPAIGN = """
            id: t_export
            name: export
            activities:
              - id: some
                type: build-audience
                expression: profile.country == "FR"
              - id: mail
                type: email
                from: [some]
                subject: "Hello"
                body: "Hello {{ profile.first_name }}"
              - id: letter
                type: direct-mail
                from: [some]
                columns:
                  name: "{{ profile.last_name }}, {{ profile.first_name }}"
                  note: "a \\"quote\\", a \\\\ backslash, a\\ttab and\\na second line"
                  city: "{{ profile.city }}"
            """;

    RetailStore retail;
    RunRecord run;
    @TempDir
    Path dir;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 600);
        run = retail.run(CAMPAIGN);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    private DeliveryExport.Written export(String activity, boolean messages, Path file) {
        return new DeliveryExport(retail.store()).export(retail.plan(CAMPAIGN), run, activity, messages, file);
    }

    private long delivery(String activity) {
        return retail.deliveries().find(run.id(), activity).orElseThrow();
    }

    private static List<List<String>> csv(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CsvRecordReader reader = new CsvRecordReader(file, CsvOptions.DEFAULT)) {
            for (List<String> row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void a_deliverys_messages_are_written_with_their_status_reason_and_address() throws IOException {
        Path file = dir.resolve("mail.csv");

        DeliveryExport.Written written = export("mail", false, file);

        List<List<String>> expected = new ArrayList<>();
        expected.add(List.of("message_id", "recipient", "secondary", "address", "status", "reason", "sent_at", "error"));
        retail.store().dsl().fetch("select id, recipient_id, address, status, reason from herald_message where delivery_id = ? order by id",
                delivery("mail")).forEach(r -> expected.add(java.util.Arrays.asList(String.valueOf(r.get(0)), String.valueOf(r.get(1)), null,
                (String) r.get(2), (String) r.get(3), (String) r.get(4), "?", null)));
        List<List<String>> rows = csv(file);
        assertThat(written).isEqualTo(new DeliveryExport.Written(expected.size() - 1, "messages"));
        assertThat(rows).hasSameSizeAs(expected);
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = new ArrayList<>(rows.get(i));
            assertThat(row.get(6) != null).as("sent_at of a sent message").isEqualTo("sent".equals(row.get(4)));
            row.set(6, "?");
            assertThat(row).isEqualTo(expected.get(i));
        }
        assertThat(rows.stream().map(r -> r.get(4)).distinct()).contains("sent", "excluded");
        assertThat(rows.stream().map(r -> r.get(5)).filter(Objects::nonNull).distinct()).isNotEmpty();
    }

    @Test
    void a_direct_mail_file_is_its_header_then_each_line_as_rendered_in_csv_gzip_and_parquet() throws IOException, SQLException {
        StringBuilder expected = new StringBuilder("name,note,city\n");
        retail.store().dsl().fetch("select body from herald_outbox where delivery_id = ? order by message_id", delivery("letter"))
                .forEach(r -> expected.append(r.get(0)).append('\n'));
        assertThat(expected.toString()).contains("a \"\"quote\"\", a \\ backslash, a\ttab and\na second line");
        long lines = expected.toString().lines().count();

        Path csv = dir.resolve("letters.csv");
        DeliveryExport.Written written = export("letter", false, csv);
        assertThat(written.what()).isEqualTo("lines");
        assertThat(Files.readString(csv)).isEqualTo(expected.toString());
        assertThat(csv(csv)).hasSize((int) written.rows() + 1).allSatisfy(row -> assertThat(row).hasSize(3));

        Path gz = dir.resolve("letters.csv.gz");
        export("letter", false, gz);
        try (var in = InputFiles.open(gz)) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        }

        Path parquet = dir.resolve("letters.parquet");
        export("letter", false, parquet);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*), count(distinct note), min(note) from read_parquet('" + parquet + "')")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(written.rows());
            assertThat(r.getLong(2)).isEqualTo(1);
            assertThat(r.getString(3)).isEqualTo("a \"quote\", a \\ backslash, a\ttab and\na second line");
        }
        assertThat(lines).isGreaterThan(written.rows()); // the note's second line
    }

    @Test
    void a_live_direct_mail_delivery_leaves_its_whole_file_for_the_print_provider_in_the_workspace() throws IOException {
        Path file = retail.workspace().resolve("exports/t_export/run-" + run.id() + "-letter.csv");
        Path checked = dir.resolve("letters-checked.csv");
        export("letter", false, checked);
        assertThat(file).exists();
        assertThat(Files.readString(file)).isEqualTo(Files.readString(checked)).startsWith("name,note,city\n");
        assertThat(retail.workspace().resolve("exports/.writing/t_export-run-" + run.id() + "-letter.csv")).doesNotExist();
        assertThat(retail.workspace().resolve("exports/t_export")).isDirectoryContaining(p -> p.getFileName().toString().endsWith("-letter.csv"))
                .isDirectoryNotContaining(p -> !p.getFileName().toString().startsWith("run-"));
        assertThat(retail.runStore().log(run.id()).stream().map(l -> l.message()))
                .contains(String.format("wrote %,d lines to exports/t_export/run-%d-letter.csv for the print provider", export("letter", false,
                        dir.resolve("again.csv")).rows(), run.id()));
        RunRecord test = retail.test(CAMPAIGN);
        assertThat(retail.workspace().resolve("exports/t_export/run-" + test.id() + "-letter.csv")).as("a test run writes none").doesNotExist();
    }

    @Test
    void a_direct_mail_activitys_messages_and_a_parquet_of_messages_can_be_had_too() throws SQLException {
        Path parquet = dir.resolve("letter-messages.parquet");

        DeliveryExport.Written written = export("letter", true, parquet);

        assertThat(written.what()).isEqualTo("messages");
        assertThat(written.rows()).isEqualTo(retail.count("select count(*) from herald_message where delivery_id = ?", delivery("letter")));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*), count(sent_at), typeof(any_value(message_id)), typeof(any_value(sent_at)) "
                     + "from read_parquet('" + parquet + "')")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(written.rows());
            assertThat(r.getLong(2)).isEqualTo(retail.count("select count(*) from herald_message where delivery_id = ? and status = 'sent'",
                    delivery("letter")));
            assertThat(r.getString(3)).isEqualTo("BIGINT");
            assertThat(r.getString(4)).isEqualTo("TIMESTAMP WITH TIME ZONE");
        }
    }

    @Test
    void an_activity_that_is_no_delivery_is_refused_naming_the_deliveries() {
        assertThatExceptionOfType(UserError.class).isThrownBy(() -> export("some", false, dir.resolve("x.csv")))
                .withMessage("'some' is a build-audience activity, not a delivery (deliveries: mail, letter)");
        assertThatExceptionOfType(UserError.class).isThrownBy(() -> export("mial", false, dir.resolve("x.csv")))
                .withMessageStartingWith("campaign t_export has no activity 'mial' — did you mean 'mail'?");
    }
}
