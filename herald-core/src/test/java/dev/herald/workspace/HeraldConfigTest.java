package dev.herald.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeraldConfigTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("herald.yaml"), yaml);
    }

    @Test
    void the_settings_are_read_with_their_types() throws IOException {
        HeraldConfig config = HeraldConfig.read(write("""
                store: postgresql://u:s3cret@db/herald
                import:
                  max_errors: 5
                  delimiter: "\\\\t"
                  date_format: "%d/%m/%Y"
                runs:
                  retention_days: "3"
                  lease_seconds: 20
                """));

        assertThat(config.store()).isEqualTo("postgresql://u:s3cret@db/herald");
        assertThat(config.maxErrors()).isEqualTo(5);
        assertThat(config.csv().delimiter()).isEqualTo('\t');
        assertThat(config.csv().dateFormat()).isEqualTo("%d/%m/%Y");
        assertThat(config.runRetentionDays()).isEqualTo(3);
        assertThat(config.runLeaseSeconds()).isEqualTo(20);
        assertThat(HeraldConfig.defaults().runLeaseSeconds()).isEqualTo(60);
        assertThat(HeraldConfig.read(write("# nothing yet\n"))).isEqualTo(HeraldConfig.defaults());
    }

    @ParameterizedTest
    @ValueSource(strings = {"store: { url: postgresql://u:s3cret@db/herald }", "store: [data/herald.duckdb]", "store: 12"})
    void a_store_that_is_not_a_text_is_refused_with_its_path(String yaml) throws IOException {
        Path file = write(yaml + "\n");

        assertThatIllegalArgumentException().isThrownBy(() -> HeraldConfig.read(file))
                .withMessageStartingWith(file + ": store: must be a text — a DuckDB file path or a PostgreSQL URL")
                .withMessageNotContaining("s3cret");
    }

    @Test
    void whole_numbers_and_sections_are_checked_like_the_store() throws IOException {
        Path many = write("import:\n  max_errors: many\n");
        assertThatIllegalArgumentException().isThrownBy(() -> HeraldConfig.read(many))
                .withMessage(many + ": import.max_errors: must be a whole number, 0 or more, e.g. 100, got 'many'");
        Path list = write("runs:\n  retention_days: [1]\n");
        assertThatIllegalArgumentException().isThrownBy(() -> HeraldConfig.read(list))
                .withMessage(list + ": runs.retention_days: must be a whole number, 0 or more, e.g. 7");
        Path negative = write("runs:\n  retention_days: -1\n");
        assertThatIllegalArgumentException().isThrownBy(() -> HeraldConfig.read(negative))
                .withMessageStartingWith(negative + ": runs.retention_days: must be a whole number, 0 or more");
        Path brief = write("runs:\n  lease_seconds: 2\n");
        assertThatIllegalArgumentException().isThrownBy(() -> HeraldConfig.read(brief))
                .withMessage(brief + ": runs.lease_seconds: must be 3 or more (a driver beats three times per lease), e.g. 60");
        Path section = write("import: comma\n");
        assertThatIllegalArgumentException().isThrownBy(() -> HeraldConfig.read(section))
                .withMessageStartingWith(section + ": import: must be a mapping of settings (date_format, decimal_separator");
        Path format = write("import:\n  date_format: [1]\n");
        assertThatIllegalArgumentException().isThrownBy(() -> HeraldConfig.read(format))
                .withMessageStartingWith(format + ": import.date_format: must be a text");
        Path top = write("- store: x\n");
        assertThatIllegalArgumentException().isThrownBy(() -> HeraldConfig.read(top))
                .withMessageStartingWith(top + ": the settings are a mapping");
    }

    @Test
    void a_syntax_error_names_its_line_without_quoting_the_store_url() throws IOException {
        Path quote = write("store: \"postgresql://u:s3cret@db/herald\nimport: {}\n");
        assertThatIllegalArgumentException().isThrownBy(() -> HeraldConfig.read(quote))
                .withMessage(quote + ": line 1, column 8: a quote is never closed; end the text with the same quote it starts with");
        Path tab = write("store: jdbc:postgresql://db/herald?password=s3cret\n\timport: {}\n");
        assertThatIllegalArgumentException().isThrownBy(() -> HeraldConfig.read(tab))
                .withMessage(tab + ": line 2, column 1: a tab; indent YAML with spaces");
        Path flow = write("import: [\nstore: postgresql://u:s3cret@db/herald\n");
        assertThatIllegalArgumentException().isThrownBy(() -> HeraldConfig.read(flow)).withMessageNotContaining("s3cret");
    }

    @Test
    void tracking_names_where_links_point_and_the_unsubscribe_mailbox() throws IOException {
        assertThat(HeraldConfig.defaults().tracking()).isEqualTo(new HeraldConfig.Tracking("http://localhost:8080", null));
        assertThat(HeraldConfig.read(write("tracking:\n  base_url: https://t.shop.example/mail\n  unsubscribe_email: out@shop.example\n"))
                .tracking()).isEqualTo(new HeraldConfig.Tracking("https://t.shop.example/mail", "out@shop.example"));
        assertThatThrownBy(() -> HeraldConfig.read(write("tracking:\n  base_url: t.shop.example\n")))
                .hasMessageContaining("tracking.base_url: 't.shop.example' is not an http(s) address");
        assertThatThrownBy(() -> HeraldConfig.read(write("tracking:\n  base_ur: https://t.shop.example\n")))
                .hasMessageContaining("base_ur");
    }
}
