package dev.herald.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every {@code schemas/invalid/NAME.yaml} and compares the error text with the sibling
 * {@code NAME.errors.txt}. To add a case, drop the two files in the folder.
 */
class InvalidSchemaFixturesTest {

    static Stream<Named<Path>> fixtures() throws IOException, URISyntaxException {
        Path folder = Path.of(InvalidSchemaFixturesTest.class.getResource("/schemas/invalid").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> schemas = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
            return schemas.stream().map(f -> Named.of(f.getFileName().toString(), f));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void an_invalid_schema_is_rejected_with_every_problem_and_its_path(Path schema) throws IOException {
        Path expectedFile = schema.resolveSibling(schema.getFileName().toString().replace(".yaml", ".errors.txt"));
        assertThat(expectedFile).as("the expected error text of %s", schema.getFileName()).exists();
        String expected = Files.readString(expectedFile).stripTrailing();

        assertThatExceptionOfType(InvalidSchemaException.class)
                .isThrownBy(() -> SchemaParser.parse(schema))
                .withMessage(expected);
    }
}
