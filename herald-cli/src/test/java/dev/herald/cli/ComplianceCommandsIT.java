package dev.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.app.Application;
import dev.herald.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suppression list, unsubscribes and a frequency cap, as a marketer uses them between two runs
 * of a campaign on the demo's data: the second run sends nothing to whoever got the first.
 */
class ComplianceCommandsIT {

    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    private Outcome herald(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Herald.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    private List<Record> messages(Path ws, long run) {
        try (Application app = Application.open(Workspace.open(ws))) {
            return app.store().dsl().fetch("select recipient_id, address, status, reason from herald_message where run_id = ? "
                    + "and channel = 'email' order by id", run);
        }
    }

    @Test
    void a_second_run_excludes_the_suppressed_the_unsubscribed_and_who_reached_the_cap() throws IOException {
        Path ws = dir.resolve("demo");
        assertThat(herald("demo", "--profiles", "3000", "--no-serve", "--dir", ws.toString()).code()).isZero();
        Path campaign = ws.resolve("campaigns/everyone.yaml");
        Files.writeString(campaign, """
                id: everyone
                name: Everyone who said yes
                activities:
                  - id: consenting
                    type: build-audience
                    expression: profile.email_consent && has(profile.email)
                  - id: mail
                    type: email
                    from: [consenting]
                    subject: "News"
                    body: "Hello {{ profile.first_name }}"
                """);
        assertThat(herald("-w", ws.toString(), "campaign", "run", campaign.toString(), "--approve").code()).isZero();
        List<Record> first = messages(ws, 2);
        List<Record> sent = first.stream().filter(m -> m.get("status").equals("sent")).toList();
        assertThat(sent).hasSizeGreaterThan(100);
        String suppressed = sent.get(0).get("address", String.class);
        long unsubscribed = sent.get(1).get("recipient_id", Long.class);
        String w = ws.toString();

        Outcome add = herald("-w", w, "suppression", "add", "  " + suppressed.toUpperCase(java.util.Locale.ROOT) + " ", "--note", "by phone");
        assertThat(add.out()).isEqualTo("1 address suppressed on email until removed\n");
        assertThat(herald("-w", w, "suppression", "add", suppressed).out()).contains("(1 already on the list)");
        assertThat(herald("-w", w, "suppression", "list").out()).contains(suppressed.toLowerCase(java.util.Locale.ROOT), "manual", "by phone",
                "1 entry");
        assertThat(herald("-w", w, "consent", "unsubscribe", Long.toString(unsubscribed), "--channel", "email").code()).isZero();
        Outcome check = herald("-w", w, "consent", "check", Long.toString(unsubscribed), "--channel", "email");
        assertThat(check.out()).endsWith(": excluded, unsubscribed\n");
        assertThat(check.code()).isEqualTo(1);
        assertThat(herald("-w", w, "consent", "check", Long.toString(unsubscribed), "--channel", "email", "--transactional").out())
                .endsWith(": would get it\n");
        Outcome typo = herald("-w", w, "consent", "unsubscribe", "1", "--channel", "emial");
        assertThat(typo.code()).isNotZero();
        assertThat(typo.err()).contains("'emial' is not a channel with addresses — did you mean 'email'?").doesNotContain("Exception");

        Files.writeString(ws.resolve("herald.yaml"), "store: data/herald.duckdb\ncompliance:\n  frequency_caps:\n"
                + "    - { max: 1, within: 7d, channels: [email] }\n");
        Outcome again = herald("-w", w, "campaign", "run", campaign.toString(), "--approve");
        assertThat(again.err()).isEmpty();
        assertThat(again.code()).isZero();

        Map<Long, String> before = new TreeMap<>(); // emailed in the last 7 days: by this campaign, or the demo's win-back
        java.util.stream.Stream.concat(messages(ws, 1).stream(), sent.stream()).filter(m -> m.get("status").equals("sent"))
                .forEach(m -> before.put(m.get("recipient_id", Long.class), m.get("address", String.class)));
        List<Record> second = messages(ws, 3);
        assertThat(second).isNotEmpty();
        for (Record m : second) {
            Long who = m.get("recipient_id", Long.class);
            if (m.get("address", String.class) != null && m.get("address", String.class).strip().equalsIgnoreCase(suppressed.strip())) {
                assertThat(m.get("reason")).isEqualTo("suppressed");
            } else if (who == unsubscribed) {
                assertThat(m.get("reason")).isEqualTo("unsubscribed");
            } else if (before.containsKey(who)) {
                assertThat(m.get("reason")).as("profile %d, emailed by an earlier run", who).isEqualTo("frequency_cap");
            } else {
                assertThat(m.get("reason")).as("profile %d, never emailed", who).isNotEqualTo("frequency_cap");
            }
        }
        assertThat(second.stream().filter(m -> "frequency_cap".equals(m.get("reason"))).count()).isGreaterThanOrEqualTo(sent.size() - 2);
        assertThat(second.stream().filter(m -> m.get("status").equals("sent")).map(m -> m.get("recipient_id", Long.class)))
                .doesNotContainAnyElementsOf(before.keySet());

        Path list = dir.resolve("bounces.csv");
        Files.writeString(list, "address;note\nold@example.com;from the old tool\n;\n");
        Outcome imported = herald("-w", w, "suppression", "import", list.toString());
        assertThat(imported.out()).contains("2 rows, 1 suppressed, 1 rejected", "line 3, column address: empty");
        assertThat(herald("-w", w, "suppression", "remove", "OLD@example.com").out()).contains("removed from the email list");
        assertThat(herald("-w", w, "suppression", "list").out()).contains("1 entry").doesNotContain("old@example.com");

        // a line that is not UTF-8 is rejected alone; the lines after it load (CR line ends too)
        Path latin1 = dir.resolve("latin1.csv");
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes("address,note\r\nfirst@example.com,ok\r\nsecond@example.com,caf".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        file.write(0xE9); // 'é' in Latin-1: not UTF-8
        file.writeBytes(("\rthird@example.com,after\r" + "x".repeat(70_000) + "@example.com,too long\nfourth@example.com,\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Files.write(latin1, file.toByteArray());
        Outcome mixed = herald("-w", w, "suppression", "import", latin1.toString());
        assertThat(mixed.out()).contains("5 rows, 3 suppressed, 2 rejected", "line 3, column address: not UTF-8 text",
                "line 5, column address: a line longer than 64 KiB");
        assertThat(herald("-w", w, "suppression", "list").out()).contains("first@example.com", "third@example.com", "fourth@example.com")
                .doesNotContain("second@example.com");
    }
}
