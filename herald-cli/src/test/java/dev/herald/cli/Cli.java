package dev.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The CLI run in the test's own JVM, for a setup step that must work: what it printed, once it said nothing on stderr and ended with 0. */
final class Cli {

    private Cli() {
    }

    static String ok(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Herald.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(err.toString()).as("stderr of herald %s", String.join(" ", args)).isEmpty();
        assertThat(code).isZero();
        return out.toString();
    }
}
