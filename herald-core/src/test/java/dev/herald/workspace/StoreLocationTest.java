package dev.herald.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreLocationTest {

    private static final Path WORKSPACE = Path.of("/srv/shop").toAbsolutePath();

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://db:5432/herald?user=u&password=s3cret&ssl=true",
            "jdbc:postgresql://db:5432/herald?user=u&PASSWORD=s3cret",
            "jdbc:postgresql://u:s3cret@db:5432/herald",
            "postgresql://u:s3cret@db:5432/herald",
            "postgres://u:s3cret@db/herald"})
    void to_string_never_shows_the_password(String setting) {
        StoreLocation location = StoreLocation.parse(setting, WORKSPACE);

        assertThat(location.toString()).doesNotContain("s3cret").contains("***");
        assertThat(location.url()).contains("s3cret");
    }

    @Test
    void to_string_masks_only_the_password() {
        StoreLocation location = StoreLocation.parse("jdbc:postgresql://db:5432/herald?user=u&password=s3cret&ssl=true", WORKSPACE);

        assertThat(location).hasToString("jdbc:postgresql://db:5432/herald?user=u&password=***&ssl=true");
    }

    @Test
    void a_libpq_url_with_user_and_password_becomes_jdbc_parameters_and_prints_without_the_password() {
        StoreLocation location = StoreLocation.parse("postgresql://u:s3c%2Fret@db:5432/herald", WORKSPACE);
        assertThat(location.url()).isEqualTo("jdbc:postgresql://db:5432/herald?user=u&password=s3c%2Fret");
        assertThat(location).hasToString("jdbc:postgresql://db:5432/herald?user=u&password=***");
    }

    @Test
    void to_string_hides_a_password_with_a_slash_or_an_at_sign() {
        assertThat(new StoreLocation("jdbc:postgresql://u:pa/ss@db/herald")).hasToString("jdbc:postgresql://u:***@db/herald");
        assertThat(new StoreLocation("jdbc:postgresql://u:p@ss@db/herald")).hasToString("jdbc:postgresql://u:***@db/herald");
        assertThat(new StoreLocation("jdbc:postgresql://db/herald?password=a;b&user=u"))
                .hasToString("jdbc:postgresql://db/herald?password=***&user=u");
    }

    @Test
    void a_postgres_url_without_jdbc_prefix_becomes_a_jdbc_url() {
        StoreLocation location = StoreLocation.parse("postgres://db/herald", WORKSPACE);

        assertThat(location.url()).isEqualTo("jdbc:postgresql://db/herald");
        assertThat(location.isPostgres()).isTrue();
        assertThat(location.isDuckDb()).isFalse();
    }

    @Test
    void a_relative_duckdb_path_resolves_against_the_workspace_folder() {
        StoreLocation location = StoreLocation.parse(" data/herald.duckdb ", WORKSPACE);

        assertThat(location.isDuckDb()).isTrue();
        assertThat(location.duckDbFile()).isEqualTo(WORKSPACE.resolve("data/herald.duckdb"));
        assertThat(location.url()).isEqualTo("jdbc:duckdb:" + WORKSPACE.resolve("data/herald.duckdb"));
    }

    @Test
    void an_absolute_duckdb_path_is_kept() {
        Path file = Path.of("/var/lib/herald/h.duckdb").toAbsolutePath();

        assertThat(StoreLocation.parse(file.toString(), WORKSPACE).duckDbFile()).isEqualTo(file);
    }

    @Test
    void a_duckdb_location_shows_its_file() {
        StoreLocation location = StoreLocation.duckdb(WORKSPACE.resolve("h.duckdb"));

        assertThat(location).hasToString("jdbc:duckdb:" + WORKSPACE.resolve("h.duckdb"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://u:s3cret@127.0.0.1:notaport/db",
            "postgresql://u:s3cret@127.0.0.1:/db",
            "postgresql://u:s3cret@127.0.0.1:99999/db",
            "jdbc:postgresql:/db?password=s3cret",
            "jdbc:postgresql://u:s3cret@db/herald"})
    void mask_hides_the_password_where_a_message_quotes_the_url(String setting) {
        StoreLocation location = StoreLocation.parse(setting, WORKSPACE);

        assertThat(location.mask("Unable to parse URL " + location.url() + " (check it)")).doesNotContain("s3cret").endsWith(" (check it)");
    }

    @Test
    void mask_hides_a_password_with_blanks_and_escapes_in_every_spelling() {
        StoreLocation location = StoreLocation.parse("postgresql://u:my%20s3cret%21@db/herald", WORKSPACE);

        assertThat(location.mask("driver: " + location.url() + " and, decoded, 'my s3cret!'"))
                .doesNotContain("s3cret").contains("'***'");
        assertThat(new StoreLocation("jdbc:postgresql://db/herald?password=a s3cret&user=u").mask("URL jdbc:postgresql://db/herald?password=a s3cret"))
                .isEqualTo("URL jdbc:postgresql://db/herald?password=***");
    }

    @Test
    void a_password_with_a_percent_that_starts_no_escape_is_refused_without_quoting_it() {
        assertThatIllegalArgumentException().isThrownBy(() -> StoreLocation.parse("postgresql://u:s3c%zzret@db/herald", WORKSPACE))
                .withMessage("the store URL's password has a '%' that starts no %XX escape; write '%25' for a '%'");
    }
}
