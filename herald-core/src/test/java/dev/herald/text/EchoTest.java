package dev.herald.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoTest {

    @Test
    void a_short_input_is_quoted_as_it_is() {
        assertThat(Echo.quoted("contry")).isEqualTo("'contry'");
        assertThat(Echo.quoted("x".repeat(60))).isEqualTo("'" + "x".repeat(60) + "'");
    }

    @Test
    void a_long_input_is_cut_and_says_how_long_it_was() {
        assertThat(Echo.quoted("x".repeat(100_000))).isEqualTo("'" + "x".repeat(59) + "…' (100,000 characters)");
        assertThat(Echo.cut("é".repeat(61))).isEqualTo("é".repeat(59) + "…");
        assertThat(Echo.cut("😀".repeat(61))).isEqualTo("😀".repeat(59) + "…").hasSize(59 * 2 + 1);
    }

    @Test
    void line_breaks_in_an_input_are_shown_on_one_line() {
        assertThat(Echo.quoted("a\nb\r\nc")).isEqualTo("'a⏎b⏎c'");
    }

    @Test
    void a_message_keeps_its_words_and_cuts_only_runs_longer_than_200_characters() {
        String path = "/srv/shop/" + "d".repeat(150) + "/profiles.csv";
        assertThat(Echo.message("cannot read " + path + ": no such file")).isEqualTo("cannot read " + path + ": no such file");
        assertThat(Echo.message("unknown entity '" + "x".repeat(100_000) + "' — check it"))
                .isEqualTo("unknown entity '" + "x".repeat(198) + "… (100,002 characters) — check it");
    }
}
