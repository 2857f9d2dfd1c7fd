package dev.herald.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8TextTest {

    @Test
    void a_latin1_byte_is_found_with_its_line_and_column_in_characters() {
        byte[] bytes = "ça va\nMontréal, Zürich\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "ça va\nMontréal, Zürich\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(Utf8Text.decode(bytes, "a.txt")).isEqualTo("ça va\nMontréal, Zürich\n");
        assertThatExceptionOfType(NotUtf8Exception.class).isThrownBy(() -> Utf8Text.decode(latin1, "a.txt"))
                .withMessage("a.txt: line 1, column 1: not UTF-8 text; save the file as UTF-8");
        byte[] secondLine = "ça va\nMontréal\n".getBytes(StandardCharsets.UTF_8);
        secondLine[secondLine.length - 4] = (byte) 0xE9;
        assertThatExceptionOfType(NotUtf8Exception.class).isThrownBy(() -> Utf8Text.decode(secondLine, "a.txt"))
                .withMessage("a.txt: line 2, column 6: not UTF-8 text; save the file as UTF-8");
    }

    @Test
    void a_byte_order_mark_is_dropped() {
        assertThat(Utf8Text.decode(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a'}, "a.txt")).isEqualTo("a");
    }

    @Test
    void the_first_bad_byte_of_a_stream_is_found_past_the_first_buffer() throws IOException {
        String head = "id,city\n" + "1,Zürich\n".repeat(10_000);
        byte[] good = (head + "2,Montréal\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[good.length];
        System.arraycopy(good, 0, bad, 0, good.length);
        int e = good.length - 5; // 'é' is two bytes in UTF-8: make the first a Latin-1 é and the second a letter
        bad[e] = (byte) 0xE9;
        bad[e + 1] = 'x';

        assertThat(Utf8Text.firstBadByte(new ByteArrayInputStream(good))).isEmpty();
        assertThat(Utf8Text.firstBadByte(new ByteArrayInputStream(bad))).contains(new Utf8Text.Position(10_002, 8));
    }
}
