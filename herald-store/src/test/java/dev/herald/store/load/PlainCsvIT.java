package dev.herald.store.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.load.CsvOptions;
import dev.herald.schema.FieldType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one pass that decides whether DuckDB's reader may read a file, and type which columns, itself. */
class PlainCsvIT {

    private static final List<FieldType> ID_NAME = Arrays.asList(FieldType.parse("long"), null);

    @TempDir
    Path dir;

    private PlainCsv.Survey survey(byte[] content, List<FieldType> types) throws IOException {
        Path file = dir.resolve("f.csv");
        Files.write(file, content);
        return PlainCsv.survey(file, CsvOptions.DEFAULT, types);
    }

    private PlainCsv.Survey survey(String content) throws IOException {
        return survey(content.getBytes(java.nio.charset.StandardCharsets.UTF_8), ID_NAME);
    }

    @Test
    void a_plain_file_is_plain_with_crlf_a_byte_order_mark_quotes_and_no_final_line_break() throws IOException {
        assertThat(survey("id,name\n1,a\n2,\"b, c\"\n3,\"say \"\"hi\"\"\"\n").irregularity()).isNull();
        assertThat(survey("id,name\r\n1,a\r\n2,b").irregularity()).isNull();
        assertThat(survey("\uFEFFid,name\n1,é\n\n\n").irregularity()).isNull();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            id,name\\n1,"two\\nlines"\\n2,b\\n          | a quoted value on line 2 spans lines
            id,name\\n1,a\\n\\n2,b\\n                  | line 3 is blank
            id,name\\r\\n1,a\\n2,b\\n                  | line 2 ends differently from the lines before it (LF and CRLF)
            id,name\\r1,a\\r                           | line 1 ends with a carriage return alone
            id,name\\n1,"a\\n                          | a quoted value on line 2 spans lines
            id,name\\n1,"a                             | a quoted value on line 2 has no closing quote
            id,name\\n1,a"b\\n                         | line 2 has a quote inside a value that is not quoted
            id,name\\n1,"a"b\\n                        | line 2 has text after a closing quote
            id,name\\n1,a,b\\n                         | line 2 has 3 values, the header 2
            id,name\\n1\\n                             | line 2 has 1 values, the header 2
            """)
    void a_file_that_is_not_plain_says_why(String content, String why) throws IOException {
        assertThat(survey(content.replace("\\n", "\n").replace("\\r", "\r")).irregularity()).isEqualTo(why);
    }

    @Test
    void a_byte_that_is_not_utf8_is_not_plain() throws IOException {
        byte[] bytes = {'i', 'd', ',', 'n', '\n', '1', ',', (byte) 0xE9, 'a', '\n'};
        assertThat(survey(bytes, ID_NAME).irregularity()).isEqualTo("line 2 is not valid UTF-8");
        byte[] overlong = {'i', 'd', ',', 'n', '\n', '1', ',', (byte) 0xC0, (byte) 0xAF, '\n'};
        assertThat(survey(overlong, ID_NAME).irregularity()).isEqualTo("line 2 is not valid UTF-8");
    }

    @Test
    void a_column_is_typed_by_the_reader_only_when_every_value_of_it_is_plain() throws IOException {
        List<FieldType> types = Arrays.asList(FieldType.parse("long"), FieldType.parse("int"), FieldType.parse("decimal(10,2)"),
                FieldType.parse("timestamp"), FieldType.parse("date"), FieldType.parse("boolean"), null);
        String content = "id,n,amount,at,day,flag,text\n"
                + "1,5,1.50,2026-01-01T10:00:00Z,2026-01-01,true,x\n"
                + "2,51.5,,2026-01-01 10:00:00.5,2024-02-29,false,\"y\"\n"
                + "3,,3,,,,z\n"
                + "4,7,1.005,2024-02-30T10:00:00Z,2026-01-01,yes,\n";

        PlainCsv.Survey s = survey(content.getBytes(java.nio.charset.StandardCharsets.UTF_8), types);

        assertThat(s.irregularity()).isNull();
        assertThat(s.plainValues()).containsExactly(true, false, false, false, true, false, false);
    }

    @Test
    void lines_longer_than_the_read_buffer_are_read_whole() throws IOException {
        StringBuilder b = new StringBuilder("id,name\n");
        for (int i = 0; i < 30_000; i++) {
            b.append(i).append(',').append("x".repeat(100)).append('\n');
        }
        PlainCsv.Survey s = survey(b.toString());
        assertThat(s.irregularity()).isNull();
        assertThat(s.plainValues()[0]).isTrue();
    }

    @Test
    void a_big_file_read_in_two_halves_says_the_same_as_read_whole() throws IOException {
        StringBuilder b = new StringBuilder("id,name\n");
        int lines = 400_000;
        for (int i = 0; i < lines; i++) {
            b.append(i).append(',').append("x".repeat(40)).append('\n');
        }
        String plain = b.toString();
        assertThat(plain.length()).isGreaterThan(16 << 20);
        PlainCsv.Survey whole = survey(plain);
        assertThat(whole.irregularity()).isNull();
        assertThat(whole.plainValues()).containsExactly(true, false);

        int late = plain.indexOf("\n" + (lines - 10) + ",") + 1;
        String badLate = plain.substring(0, late) + "oops," + plain.substring(late);
        assertThat(survey(badLate).irregularity()).isEqualTo("line " + (lines - 10 + 2) + " has 3 values, the header 2");
        assertThat(survey(plain.replace("\n" + (lines - 5) + ",", "\nfive,")).plainValues()).containsExactly(false, false);
        assertThat(survey(plain.replace("\n" + (lines - 5) + ",", "\r\n" + (lines - 5) + ",")).irregularity())
                .isEqualTo("line " + (lines - 5 + 1) + " ends differently from the lines before it (LF and CRLF)");
    }

    @Test
    void duckdbs_reader_failing_on_a_file_is_told_apart_from_a_bad_value() throws Exception {
        Path file = dir.resolve("mixed.csv");
        Files.writeString(file, "id,name\r\n1,a\r\n2,b\n3,c\r\n4,d\n");
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeQuery("SELECT * FROM read_csv('" + file
                            + "', header = true, auto_detect = false, columns = {'id': 'VARCHAR', 'name': 'VARCHAR'})"))
                    .satisfies(e -> assertThat(DuckDbStage.isReaderFailure(e)).as(e.getMessage()).isTrue());
        }
        assertThat(DuckDbStage.isReaderFailure(new java.sql.SQLException("Constraint Error: Duplicate key"))).isFalse();
        assertThat(DuckDbStage.isReaderFailure(new java.sql.SQLException("Invalid Input Error: " + DuckDbStage.BAD_VALUE))).isFalse();
    }
}
