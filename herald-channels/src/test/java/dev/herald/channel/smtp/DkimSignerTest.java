package dev.herald.channel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Relaxed canonicalization as RFC 6376 section 3.4.5 shows it. */
class DkimSignerTest {

    private static String body(String s) {
        return new String(DkimSigner.relaxedBody(s.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void the_body_loses_runs_of_spaces_trailing_spaces_and_trailing_empty_lines() {
        assertThat(body(" C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C\r\nD E\r\n"); // the RFC's example
        assertThat(body("a  b")).isEqualTo("a b\r\n");
        assertThat(body("")).isEmpty();
        assertThat(body("\r\n\r\n")).isEmpty();
        assertThat(body("  \r\n")).isEmpty();
        assertThat(body("x\r\n  \r\ny\r\n \t \r\n")).isEqualTo("x\r\n\r\ny\r\n");
        assertThat(body("é\r")).isEqualTo("é\r\r\n"); // a lone CR is a byte like any other
    }

    @Test
    void a_header_is_lower_case_unfolded_and_single_spaced() {
        assertThat(DkimSigner.relaxed("SubJect", " AbC\r\n\tdef  gh ")).isEqualTo("subject:AbC def gh");
        assertThat(DkimSigner.relaxed("A", "X")).isEqualTo("a:X");
    }
}
