package dev.herald.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    private static final CsvOptions BACKSLASH_ESCAPE = new CsvOptions(',', '"', '\\', null, null, '.');

    @Test
    void a_quoted_value_may_hold_the_delimiter() throws IOException {
        assertThat(records("id,name\n1,\"Smith, Ann\"\n"))
                .containsExactly(row("id", "name"), row("1", "Smith, Ann"));
    }

    @Test
    void a_doubled_quote_inside_quotes_is_one_quote() throws IOException {
        assertThat(records("a\n\"say \"\"hi\"\"\"\n")).containsExactly(row("a"), row("say \"hi\""));
    }

    @Test
    void a_newline_inside_quotes_belongs_to_the_value() throws IOException {
        assertThat(records("a,b\n\"line 1\nline 2\",x\n2,y\n"))
                .containsExactly(row("a", "b"), row("line 1\nline 2", "x"), row("2", "y"));
    }

    @Test
    void crlf_ends_a_record_like_lf() throws IOException {
        assertThat(records("a,b\r\n1,2\r\n3,4")).containsExactly(row("a", "b"), row("1", "2"), row("3", "4"));
    }

    @Test
    void a_byte_order_mark_is_skipped() throws IOException {
        assertThat(records("\uFEFFid,name\n1,Ann\n")).containsExactly(row("id", "name"), row("1", "Ann"));
    }

    @Test
    void empty_and_quoted_empty_values_are_read_as_null() throws IOException {
        assertThat(records("a,b,c\n,\"\",x\n1,2,\n")).containsExactly(
                row("a", "b", "c"), row(null, null, "x"), row("1", "2", null));
    }

    @Test
    void spaces_around_values_are_kept() throws IOException {
        assertThat(records("a,b\n 1 ,x \n")).containsExactly(row("a", "b"), row(" 1 ", "x "));
    }

    @Test
    void a_blank_line_is_one_null_value() throws IOException {
        assertThat(records("a,b\n\n1,2\n")).containsExactly(row("a", "b"), row((String) null), row("1", "2"));
    }

    @Test
    void a_semicolon_delimiter_leaves_commas_in_values() throws IOException {
        assertThat(records("a;b\n\"1;2\";3,4\n", CsvOptions.DEFAULT.withDelimiter(';')))
                .containsExactly(row("a", "b"), row("1;2", "3,4"));
    }

    @Test
    void a_tab_delimiter_splits_on_tabs_only() throws IOException {
        assertThat(records("a\tb\n1,5\t\"x\ty\"\n", CsvOptions.DEFAULT.withDelimiter('\t')))
                .containsExactly(row("a", "b"), row("1,5", "x\ty"));
    }

    @Test
    void a_backslash_escape_escapes_quotes_and_itself_inside_quotes() throws IOException {
        assertThat(records("a,b\n\"say \\\"hi\\\"\",\"c:\\\\dir\"\n", BACKSLASH_ESCAPE))
                .containsExactly(row("a", "b"), row("say \"hi\"", "c:\\dir"));
    }

    @Test
    void a_backslash_before_any_other_character_is_kept() throws IOException {
        assertThat(records("a\n\"c:\\new\"\n", BACKSLASH_ESCAPE)).containsExactly(row("a"), row("c:\\new"));
    }

    @Test
    void a_value_longer_than_the_read_buffer_is_read_whole() throws IOException {
        String longValue = "x".repeat(100_000);

        List<List<String>> records = records("a,b\n\"" + longValue + "\"\"\",2\n");

        assertThat(records.get(1).get(0)).hasSize(100_001).endsWith("x\"");
        assertThat(records.get(1).get(1)).isEqualTo("2");
    }

    @Test
    void record_numbers_count_the_header_as_one_and_a_multi_line_record_once() throws IOException {
        try (CsvRecordReader reader = reader("a,b\n\"two\nlines\",1\n3,4\n", CsvOptions.DEFAULT)) {
            reader.next();
            assertThat(reader.recordNumber()).isEqualTo(1);
            reader.next();
            assertThat(reader.recordNumber()).isEqualTo(2);
            reader.next();
            assertThat(reader.recordNumber()).isEqualTo(3);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void empty_input_has_no_records() throws IOException {
        assertThat(records("")).isEmpty();
        assertThat(records("\uFEFF")).isEmpty();
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    private static List<List<String>> records(String csv) throws IOException {
        return records(csv, CsvOptions.DEFAULT);
    }

    private static List<List<String>> records(String csv, CsvOptions options) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvRecordReader reader = reader(csv, options)) {
            for (List<String> r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        }
        return records;
    }

    private static CsvRecordReader reader(String csv, CsvOptions options) {
        return new CsvRecordReader(new StringReader(csv), options);
    }
}
