package dev.herald.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlReaderTest {

    @TempDir
    Path dir;

    private static String problem(String yaml) {
        try {
            YamlReader.read(yaml, "x.yaml");
        } catch (InvalidYamlException e) {
            return e.getMessage();
        }
        throw new AssertionError("read without an error: " + yaml);
    }

    @Test
    void a_tab_in_the_indentation_is_named_with_its_line_and_column() {
        assertThat(problem("dimension: profile\nentities:\n\tprofile:\n")).isEqualTo("x.yaml: line 3, column 1: a tab; indent YAML with spaces");
    }

    @Test
    void a_brace_never_closed_is_reported_at_the_line_that_opens_it() {
        assertThat(problem("a: 1\nb: 2\nc: 3\nd: 4\ne: { x: 1\nf: 2\n"))
                .isEqualTo("x.yaml: line 5: a '{' is never closed (or a ',' is missing between its entries)");
        assertThat(problem("a: [1, 2\nb: 3\n")).isEqualTo("x.yaml: line 1: a '[' is never closed (or a ',' is missing between its items)");
    }

    @Test
    void a_quote_never_closed_is_reported_without_quoting_the_line() {
        String message = problem("store: \"postgresql://u:s3cret@db/herald\n");

        assertThat(message).isEqualTo("x.yaml: line 1, column 8: a quote is never closed; end the text with the same quote it starts with");
    }

    @Test
    void a_colon_inside_a_value_and_a_broken_indentation_are_said_in_plain_words() {
        assertThat(problem("subject: Hello: world\n")).isEqualTo("x.yaml: line 1, column 15: a ': ' inside a value; put the value in quotes");
        assertThat(problem("a:\n  b: 1\n c: 2\n")).startsWith("x.yaml: line 3: the indentation does not match the lines above");
        assertThat(problem("a: 1\nb\nc: 2\n")).startsWith("x.yaml: line 2: a line that is neither 'key: value' nor a list item");
    }

    @Test
    void a_key_written_twice_and_a_second_document_are_refused() {
        assertThat(problem("a: 1\na: 2\n")).isEqualTo("x.yaml: line 2, column 2: duplicate key 'a': a key may appear only once in a mapping");
        assertThat(problem("a: 1\n---\nb: 2\n")).isEqualTo("x.yaml: line 3: a second document (after a '---' line); a file holds one document");
    }

    @Test
    void a_document_over_one_megabyte_is_refused_before_it_is_parsed() throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, "# " + "x".repeat(10 * 1024 * 1024) + "\na: 1\n");

        assertThatExceptionOfType(InvalidYamlException.class).isThrownBy(() -> YamlReader.read(file, "big.yaml"))
                .withMessage("big.yaml: a document of 10,485,768 bytes; documents are limited to 1,048,576 bytes (1 MB)");
        assertThat(problem("a: " + "y".repeat(YamlReader.MAX_DOCUMENT))).startsWith("x.yaml: a document of 1,048,579 characters;");
    }

    @Test
    void a_line_or_a_value_over_64k_characters_is_refused_with_its_line() {
        assertThat(problem("a: 1\nb: 2\n# " + "x".repeat(100_000) + "\n"))
                .isEqualTo("x.yaml: line 3: a line of 100,002 characters; lines and values are limited to 65,536");
        assertThat(problem("a: 1\nbody: |\n" + ("  " + "x".repeat(1000) + "\n").repeat(70)))
                .isEqualTo("x.yaml: line 2: a value of 70,070 characters; values are limited to 65,536");
    }

    @Test
    void yes_and_no_stay_texts_and_an_empty_document_is_missing() {
        assertThat(YamlReader.read("a: yes\nb: NO\nc: true\n", "x.yaml").toString()).isEqualTo("{\"a\":\"yes\",\"b\":\"NO\",\"c\":true}");
        assertThat(YamlReader.read("# nothing\n", "x.yaml").isMissingNode()).isTrue();
    }

    @Test
    void a_file_that_is_not_utf8_is_refused_with_the_line_and_column_of_its_first_such_byte() throws IOException {
        Path file = dir.resolve("x.yaml");
        Files.write(file, "id: x\nname: X\n# caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatExceptionOfType(InvalidYamlException.class).isThrownBy(() -> YamlReader.read(file, "campaigns/x.yaml"))
                .withMessage("campaigns/x.yaml: line 3, column 6: not UTF-8 text; save the file as UTF-8");
    }
}
