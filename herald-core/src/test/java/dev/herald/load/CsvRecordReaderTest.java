package dev.herald.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    void each_record_is_numbered_by_the_physical_line_it_starts_on() throws IOException {
        try (CsvRecordReader reader = reader("a,b\n\"two\nlines\",1\r\n\n3,\"x\r\ny\"\r4,5\n", CsvOptions.DEFAULT)) {
            List<Long> lines = new ArrayList<>();
            while (reader.next() != null) {
                lines.add(reader.line());
            }
            assertThat(lines).containsExactly(1L, 2L, 4L, 5L, 7L);
        }
    }

    @Test
    void lf_crlf_and_cr_may_be_mixed_in_one_file() throws IOException {
        assertThat(records("a,b\r\n1,2\n3,4\r5,6\r\n7,8"))
                .containsExactly(row("a", "b"), row("1", "2"), row("3", "4"), row("5", "6"), row("7", "8"));
    }

    @Test
    void a_quote_never_closed_spoils_its_own_line_only_and_the_lines_after_it_are_read() throws IOException {
        try (CsvRecordReader reader = reader("id,name\n1,a\n2,b\n3,\"c\n4,d\n5,e\n6,f\n", CsvOptions.DEFAULT)) {
            List<String> seen = new ArrayList<>();
            for (List<String> r = reader.next(); r != null; r = reader.next()) {
                seen.add(reader.line() + ":" + r.get(0) + (reader.problem() == null ? "" : " " + reader.problemValue() + " " + reader.problem()));
            }
            assertThat(seen).containsExactly("1:id", "2:1", "3:2", "4:3 1 " + CsvRecordReader.UNCLOSED_QUOTE, "5:4", "6:5", "7:6");
        }
    }

    @Test
    void a_quote_never_closed_on_the_last_line_rejects_that_line() throws IOException {
        try (CsvRecordReader reader = reader("id,name\n1,a\n2,\"b", CsvOptions.DEFAULT)) {
            reader.next();
            reader.next();
            assertThat(reader.problem()).isNull();
            reader.next();
            assertThat(reader.problem()).isEqualTo(CsvRecordReader.UNCLOSED_QUOTE);
            assertThat(reader.line()).isEqualTo(3);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void a_quote_closed_lines_later_makes_one_value_of_those_lines() throws IOException {
        try (CsvRecordReader reader = reader("id,name\n1,\"a\n2,b\n3,\"c\n4,d\n", CsvOptions.DEFAULT)) {
            List<String> seen = new ArrayList<>();
            for (List<String> r = reader.next(); r != null; r = reader.next()) {
                seen.add(reader.line() + (reader.problem() == null ? "" : "!"));
            }
            // as RFC 4180 reads it, line 4's quote closes the value opened on line 2: lines 2 to 4 are one record
            assertThat(seen).containsExactly("1", "2", "5");
        }
    }

    @Test
    void a_value_that_is_not_utf8_is_named_and_the_other_records_read() throws IOException {
        byte[] bytes = bytes("id,name,city\n1,a,x\n2,", new byte[] {(byte) 0xFF, (byte) 0xFE, 'b'}, ",y\n3,c\u00e9,z\n");
        try (CsvRecordReader reader = new CsvRecordReader(() -> new ByteArrayInputStream(bytes), CsvOptions.DEFAULT)) {
            reader.next();
            assertThat(reader.next()).containsExactly("1", "a", "x");
            assertThat(reader.problem()).isNull();
            assertThat(reader.next()).hasSize(3);
            assertThat(reader.problem()).isEqualTo(CsvRecordReader.NOT_UTF8);
            assertThat(reader.problemValue()).isEqualTo(1);
            assertThat(reader.line()).isEqualTo(3);
            assertThat(reader.next()).containsExactly("3", "c\u00e9", "z");
            assertThat(reader.problem()).isNull();
        }
    }

    @Test
    void a_delimiter_that_is_not_ascii_is_refused_with_a_message() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader("a", CsvOptions.DEFAULT.withDelimiter('\u00a6')))
                .isInstanceOf(ImportException.class)
                .hasMessage("the delimiter must be an ASCII character other than a line break, got '\u00a6'");
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
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        return new CsvRecordReader(() -> new ByteArrayInputStream(bytes), options);
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(a, a.length + middle.length + c.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }
}
