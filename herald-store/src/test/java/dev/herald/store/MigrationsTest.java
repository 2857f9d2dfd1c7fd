package dev.herald.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgresql"})
    void the_latest_version_is_the_highest_migration_file_of_each_dialect(String dialect) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration", dialect))) {
            int highest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();

            assertThat(Migrations.LATEST).as("Migrations.LATEST after adding V%d", highest).isEqualTo(highest);
        }
    }
}
