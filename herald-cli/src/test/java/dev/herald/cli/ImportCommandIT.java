package dev.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald import}'s options as a user gives them, on a real DuckDB file in a temporary workspace. */
class ImportCommandIT {

    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    private Outcome herald(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Herald.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    private String ws() {
        return dir.resolve("ws").toString();
    }

    @BeforeEach
    void workspace() {
        assertThat(herald("init", ws()).code()).isZero();
        assertThat(herald("-w", ws(), "schema", "apply").code()).isZero();
    }

    private String exported(String entity) throws IOException {
        Path out = dir.resolve(entity + "-export.csv");
        assertThat(herald("-w", ws(), "export", entity, out.toString()).code()).isZero();
        return Files.readString(out);
    }

    @Test
    void times_without_an_offset_are_read_in_the_time_zone_of_herald_yaml_unless_the_command_says_another() throws IOException {
        Path config = Path.of(ws(), "herald.yaml");
        Files.writeString(config, Files.readString(config).replace("  max_errors: 100\n", "  max_errors: 100\n  timezone: America/Sao_Paulo\n"));
        Path csv = dir.resolve("profiles.csv");
        Files.writeString(csv, "id,signup_at\n1,2018-03-01 10:00\n");

        assertThat(herald("-w", ws(), "import", "profile", csv.toString()).code()).isZero();
        assertThat(exported("profile")).contains("2018-03-01 13:00:00+00");

        Outcome utc = herald("-w", ws(), "import", "profile", csv.toString(), "--mode", "upsert", "--timezone", "UTC");
        assertThat(utc.code()).isZero();
        assertThat(exported("profile")).contains("2018-03-01 10:00:00+00");
    }

    @Test
    void an_unknown_time_zone_is_one_line_that_says_what_to_write() throws IOException {
        Path csv = dir.resolve("profiles.csv");
        Files.writeString(csv, "id,signup_at\n1,2018-03-01 10:00\n");

        Outcome o = herald("-w", ws(), "import", "profile", csv.toString(), "--timezone", "Sao Paulo");

        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).isEqualTo("herald: --timezone: unknown time zone 'Sao Paulo'; use a name such as Europe/Paris, "
                + "America/Sao_Paulo or UTC\n");
    }

    @Test
    void columns_named_otherwise_are_mapped_and_extra_ones_skipped_when_asked() throws IOException {
        Path csv = dir.resolve("crm.csv");
        Files.writeString(csv, "Customer ID,E-mail,Shoe size\n1,a@x,42\n2,b@x,38\n");

        Outcome refused = herald("-w", ws(), "import", "profile", csv.toString(), "--map", "Customer ID=id", "--map", "E-mail=email");
        Outcome mapped = herald("-w", ws(), "import", "profile", csv.toString(), "--map", "Customer ID=id", "--map", "E-mail=email",
                "--ignore-extra-columns");

        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("column 'Shoe size' is not a field of 'profile'").contains("--ignore-extra-columns");
        assertThat(mapped.code()).isZero();
        assertThat(mapped.out()).contains("profile: read 2, inserted 2");
        assertThat(exported("profile")).contains("1,a@x,").contains("2,b@x,");
    }

    @Test
    void a_map_that_is_not_column_equals_field_is_one_line() throws IOException {
        Path csv = dir.resolve("crm.csv");
        Files.writeString(csv, "id\n1\n");

        Outcome o = herald("-w", ws(), "import", "profile", csv.toString(), "--map", "id");

        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).isEqualTo("herald: --map takes COLUMN=FIELD (the file's column, then the field it loads), got 'id'\n");
    }

    @Test
    void after_an_import_each_link_says_how_many_rows_point_to_no_record_and_schema_check_data_names_some() throws IOException {
        Path profiles = dir.resolve("profiles.csv");
        Files.writeString(profiles, "id,email\n1,a@x\n2,b@x\n");
        Path purchases = dir.resolve("purchases.csv");
        Files.writeString(purchases, "id,profile_id,product_id,amount\n10,1,,5.00\n11,3,,5.00\n12,4,,5.00\n");
        herald("-w", ws(), "import", "profile", profiles.toString());

        Outcome imported = herald("-w", ws(), "import", "purchase", purchases.toString());
        Outcome check = herald("-w", ws(), "schema", "check", "--data");

        assertThat(imported.out()).contains("  purchase.profile → profile: 2 rows point to no profile (profile_id set to a key profile does not have)")
                .contains("  purchase.store → store: every row points to a record");
        assertThat(check.code()).isZero();
        assertThat(check.out()).contains("  purchase.profile → profile: 2 rows point to no profile (profile_id set to a key profile "
                + "does not have), e.g. id 11 (profile_id 3); id 12 (profile_id 4)");
    }

    @Test
    void the_timestamp_format_of_herald_yaml_or_the_command_line_is_read_on_duckdb_and_a_value_not_in_it_is_rejected()
            throws IOException {
        Path config = Path.of(ws(), "herald.yaml");
        Files.writeString(config, Files.readString(config).replace("  max_errors: 100\n",
                "  max_errors: 100\n  timestamp_format: \"%d/%m/%Y %H:%M\"\n"));
        Path csv = dir.resolve("profiles.csv");
        Files.writeString(csv, "id,signup_at\n1,31/01/2017 10:00\n2,02-10-2017 10:56\n3,2024-02-30T00:00:00Z\n");

        Outcome o = herald("-w", ws(), "import", "profile", csv.toString());

        assertThat(o.out()).contains("profile: read 3, inserted 1, updated 0, deleted 0, rejected 2")
                .contains("  line 3, column signup_at: not a valid timestamp: \"02-10-2017 10:56\"")
                .contains("  line 4, column signup_at: not a valid timestamp: \"2024-02-30T00:00:00Z\"");
        assertThat(exported("profile")).contains("2017-01-31 10:00:00+00");
        Files.writeString(csv, "id,signup_at\n4,2017-01-31 10:00\n");
        assertThat(herald("-w", ws(), "import", "profile", csv.toString(), "--timestamp-format", "%Y-%m-%d %H:%M").out())
                .contains("inserted 1");
    }
}
