package dev.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code herald} command as a user runs it, on a real DuckDB file in a temporary workspace. */
class HeraldCliIT {

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

    private String ws() {
        return dir.resolve("ws").toString();
    }

    @Test
    void version_names_herald_and_its_version() {
        Outcome o = herald("--version");
        assertThat(o.code()).isZero();
        assertThat(o.out()).startsWith("herald 0.");
    }

    @Test
    void help_lists_every_command_and_a_misspelt_one_is_corrected() {
        assertThat(herald("--help").out()).contains("  demo ", "  init ", "  schema ", "  import ", "  audience ", "  campaign ",
                "  run ", "  delivery ", "  export ", "  generate ", "  help ");
        assertThat(herald("help", "delivery").out()).contains("Usage: herald delivery");
        Outcome wrong = herald("-w", ws(), "audiance", "count", "true");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("Did you mean: herald audience?");
    }

    @Test
    void demo_imports_the_generated_data_and_sends_its_campaign_over_smtp_to_a_server_in_its_process() throws IOException {
        Outcome o = herald("demo", "--profiles", "3000", "--no-serve", "--dir", dir.resolve("demo").toString());
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("create entity 'profile' (16 fields)")
                .contains("profile: read 3,000, inserted 3,000, updated 0, deleted 0, rejected 0")
                .containsPattern("Counts per entity:\\n  profile +3,000\\n  product +2,000\\n  store +150\\n  purchase +[0-9,]+\\n")
                .containsPattern("Run 1 · winback_gold v1 · live · finished in")
                .containsPattern("  email_a +email +done .*ab\\.a [0-9,]+  → out [0-9,]+")
                .containsPattern("over SMTP to smtp://127\\.0\\.0\\.1:[0-9]+, a server in this process")
                .containsPattern("The SMTP server received [0-9,]+ emails; the first:\\n  From: news@shop\\.example\\n  To: .+@.+\\n  Subject: .+\\n"
                        + "  Message-ID: <herald\\.[0-9.]+@shop\\.example>\\n  List-Unsubscribe: <http://localhost:8080/u/[A-Za-z0-9_-]+>\\n"
                        + "  List-Unsubscribe-Post: List-Unsubscribe=One-Click\\n  Content-Type: text/plain; charset=UTF-8\\n");
        Matcher received = Pattern.compile("The SMTP server received ([0-9,]+) emails").matcher(o.out());
        assertThat(received.find()).isTrue();
        long sent = Pattern.compile("\\n  sent +([0-9,]+)\\n").matcher(o.out()).results()
                .mapToLong(r -> Long.parseLong(r.group(1).replace(",", ""))).sum();
        assertThat(Long.parseLong(received.group(1).replace(",", ""))).as("every email the reports say sent reached the SMTP server")
                .isEqualTo(sent).isPositive();
        assertThat(Files.readString(dir.resolve("demo/herald.yaml"))).as("the demo's SMTP server is not left in its workspace")
                .doesNotContain("providers:");
    }

    @Test
    void the_launchers_warm_up_run_for_a_faster_start_ends_by_itself() throws IOException {
        // ./herald makes its class-data archive once per build by running the CLI with these arguments and waiting
        // for it to end: a demo that served until Ctrl-C left the first ./herald of every build hanging
        Matcher m = Pattern.compile("dev\\.herald\\.cli\\.Herald \\\\\\n\\s+(demo [^>]+?)\\s*>/dev/null")
                .matcher(Files.readString(Path.of("../herald")));
        assertThat(m.find()).as("the warm-up command in ../herald").isTrue();
        String[] args = m.group(1).replace("\"$target/cds/training\"", dir.resolve("training").toString()).split(" ");
        assertThat(args).contains("--no-serve");
        Outcome o = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), () -> herald(args));
        assertThat(o.code()).as(o.err()).isZero();
    }

    @Test
    void init_apply_import_and_export_round_trip_with_rejects_reported() throws IOException {
        assertThat(herald("init", ws()).code()).isZero();
        Outcome apply = herald("-w", ws(), "schema", "apply");
        assertThat(apply.out()).contains("+ create entity 'purchase' (8 fields)");
        assertThat(herald("-w", ws(), "schema", "apply").out()).contains("is up to date with the schema");

        Path csv = dir.resolve("stores.csv");
        Files.writeString(csv, "id,name,city,country,opened_on\n1,Paris Nord,Paris,FR,2020-01-02\n2,Lyon,Lyon,FR,not-a-date\n3,Nice,Nice,FR,\n");
        Outcome imported = herald("-w", ws(), "import", "store", csv.toString());
        assertThat(imported.code()).isZero();
        assertThat(imported.out()).contains("store: read 3, inserted 2, updated 0, deleted 0, rejected 1")
                .contains("rejected rows are in " + csv + ".rejects.csv")
                .contains("  line 3, column opened_on: not a valid date: \"not-a-date\"");

        Path out = dir.resolve("stores.parquet");
        assertThat(herald("-w", ws(), "export", "store", out.toString()).out()).contains("store: wrote 2 rows to " + out);
        Outcome again = herald("-w", ws(), "import", "store", out.toString(), "--mode", "upsert");
        assertThat(again.out()).contains("store: read 2, inserted 0, updated 2");
    }

    @Test
    void past_max_errors_the_command_fails_and_says_nothing_changed() throws IOException {
        herald("init", ws());
        herald("-w", ws(), "schema", "apply");
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "id,name\n1,a\nx,b\ny,c\n");
        Outcome o = herald("-w", ws(), "import", "store", csv.toString(), "--max-errors", "1");
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.out()).contains("ROLLED BACK: more rejects than allowed, nothing was changed");
    }

    @Test
    void a_user_error_is_one_line_without_a_stack_trace() throws IOException {
        herald("init", ws());
        herald("-w", ws(), "schema", "apply");
        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, "id\n1\n");
        Outcome o = herald("-w", ws(), "import", "profil", csv.toString());
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).startsWith("herald: unknown entity 'profil' — did you mean 'profile'?").doesNotContain("\tat ");
        assertThat(o.err().lines()).hasSize(1);
    }

    @Test
    void every_schema_error_is_printed_with_its_path() throws IOException {
        herald("init", ws());
        Path schema = Path.of(ws(), "schema.yaml");
        Files.writeString(schema, Files.readString(schema).replace("to: purchase, inverse: profile", "to: purchse, inverse: profile")
                .replace("      quantity: int", "      quantity: integer"));
        Outcome o = herald("-w", ws(), "schema", "check");
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).contains("schema.yaml has 2 errors:")
                .contains("entities.purchase.fields.quantity: unknown type 'integer' — did you mean 'int'?")
                .contains("entities.profile.links.purchases: unknown entity 'purchse' — did you mean 'purchase'?");
    }

    @Test
    void a_destructive_change_is_refused_and_names_what_would_be_lost() throws IOException {
        herald("init", ws());
        herald("-w", ws(), "schema", "apply");
        Path schema = Path.of(ws(), "schema.yaml");
        Files.writeString(schema, Files.readString(schema).replace("      brand: string\n", ""));
        Outcome refused = herald("-w", ws(), "schema", "apply");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("drop field 'product.brand' and its 0 non-null values").contains("--allow-destructive");
        assertThat(herald("-w", ws(), "schema", "apply", "--allow-destructive").out()).contains("! drop field 'product.brand'");
    }

    @Test
    void audiences_are_counted_previewed_explained_saved_and_listed() throws IOException {
        herald("init", ws());
        herald("-w", ws(), "schema", "apply");
        Path csv = dir.resolve("profiles.csv");
        Files.writeString(csv, "id,email,country,lifetime_value\n1,a@x,FR,10.00\n2,b@x,DE,20.00\n3,c@x,FR,30.00\n");
        herald("-w", ws(), "import", "profile", csv.toString());
        String expr = "profile.country == vars.c && profile.lifetime_value > 15.0";
        assertThat(herald("-w", ws(), "audience", "count", expr, "--var", "c=FR").out()).startsWith("1 profile records match");
        assertThat(herald("-w", ws(), "audience", "preview", "profile.country == \"FR\"", "--fields", "id,email").out())
                .contains("|id  |email|").contains("|1   |a@x  |").contains("|3   |c@x  |").doesNotContain("|2   |");
        assertThat(herald("-w", ws(), "audience", "explain", expr, "--var", "c=FR").out())
                .contains("where").contains("--   1: \"FR\"").doesNotContain("'FR'");
        assertThat(herald("-w", ws(), "audience", "save", "rich_fr", expr, "--var", "c=FR").out())
                .isEqualTo("Saved expression audience 'rich_fr' version 1 on profile: 1 records now\n");
        assertThat(herald("-w", ws(), "audience", "save", "fr_now", "profile.country == \"FR\"", "--static").out())
                .contains("Saved static audience 'fr_now' version 1 on profile: 2 records now (in table herald_audience_fr_now)");
        assertThat(herald("-w", ws(), "audience", "list").out()).contains("fr_now").contains("rich_fr");
        Outcome matches = herald("-w", ws(), "audience", "test", "3", expr, "--var", "c=FR");
        assertThat(matches.out()).isEqualTo("profile 3 matches\n");
        assertThat(matches.code()).isZero();
        Outcome not = herald("-w", ws(), "audience", "test", "1", expr, "--var", "c=FR");
        assertThat(not.out()).isEqualTo("profile 1 does not match\n");
        assertThat(not.code()).isEqualTo(3);
        assertThat(herald("-w", ws(), "audience", "test", "9", expr, "--var", "c=FR").err()).isEqualTo("herald: no profile with key 9\n");
        Outcome bad = herald("-w", ws(), "audience", "count", "profile.contry == \"FR\"");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).startsWith("herald: 1:8: undefined field 'contry' — did you mean 'country'?");
    }

    @Test
    void a_campaign_is_validated_run_as_a_test_and_inspected_run_by_run() throws IOException {
        herald("init", ws());
        herald("-w", ws(), "schema", "apply");
        Path data = dir.resolve("data");
        new dev.herald.app.demo.RetailGenerator(3, dev.herald.app.demo.RetailGenerator.DEFAULT_AS_OF).generate(800, data);
        for (String entity : List.of("product", "store", "profile", "purchase")) {
            assertThat(herald("-w", ws(), "import", entity, data.resolve(entity + ".csv").toString()).code()).isZero();
        }
        Outcome valid = herald("-w", ws(), "campaign", "validate", "campaigns/winback_gold.yaml");
        assertThat(valid.code()).isZero();
        assertThat(valid.out()).contains("campaigns/winback_gold.yaml is valid: campaign winback_gold, 11 activities")
                .contains("spend.out: profile records with last_purchase_at, spend_12m");

        Outcome run = herald("-w", ws(), "campaign", "run", "campaigns/winback_gold.yaml", "--test", "--var", "lapsed_days=30",
                "--now", "2026-11-01T00:00:00Z");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Run 1 of winback_gold v1 (test)").contains("Run 1 · winback_gold v1 · test · finished in")
                .containsPattern("  one_per_email +dedup +done .* not_messaged\\.out [0-9,]+  → out [0-9,]+ · duplicates [0-9,]+");
        assertThat(herald("-w", ws(), "run", "status", "1").out()).contains("Run 1 · winback_gold v1 · test · finished");
        assertThat(herald("-w", ws(), "run", "log", "1").out()).contains("test run of winback_gold v1 started with {lapsed_days=30")
                .contains("lapsed_gold          done: out");
        assertThat(herald("-w", ws(), "run", "sql", "1", "lapsed_gold").out()).contains("create table").contains("-- parameters:")
                .containsPattern("-- [0-9.]+ s");
        assertThat(herald("-w", ws(), "run", "preview", "1", "spend", "--limit", "2", "--fields", "email").out())
                .containsPattern("spend\\.out: [0-9,]+ rows").contains("|profile.email");
        Outcome restart = herald("-w", ws(), "run", "restart", "1");
        assertThat(restart.code()).isZero();
        assertThat(restart.out()).contains("Run 2 · winback_gold v1 · test · finished in");
        assertThat(herald("-w", ws(), "run", "log", "2").out()).contains("started (restart of run 1) with {lapsed_days=30");
        assertThat(herald("-w", ws(), "campaign", "schedule", "campaigns/weekly_newsletter.yaml", "--preview", "--count", "2",
                "--from", "2026-03-27T00:00:00Z").out()).contains("2026-03-30T09:00+02:00").contains("2026-04-06T09:00+02:00");
        assertThat(herald("-w", ws(), "campaign", "json-schema").out()).contains("\"$defs\"").contains("\"build-audience\"");

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(Path.of(ws(), "campaigns/winback_gold.yaml"))
                .replace("profile.loyalty_tier in", "profile.loyalty_teir in").replace("from: [enough.go]", "from: [enough.gone]"));
        Outcome bad = herald("-w", ws(), "campaign", "validate", broken.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("has 2 errors:").contains("activities[0].expression: 1:8: undefined field 'loyalty_teir' — did you mean 'loyalty_tier'?")
                .contains("activities[6].from[0]: 'enough' has no output 'gone' (outputs: go, too_few)").doesNotContain("\tat ");
    }

    @Test
    void a_message_is_previewed_for_one_recipient_escaped_with_its_partials_and_in_their_time_zone() throws IOException {
        herald("init", ws());
        herald("-w", ws(), "schema", "apply");
        Path csv = dir.resolve("profiles.csv");
        Files.writeString(csv, "id,email,first_name,timezone,signup_at,email_consent\n"
                + "1,lea@example.com,<script>x</script>,Europe/Paris,2026-07-14T09:30:00Z,true\n");
        assertThat(herald("-w", ws(), "import", "profile", csv.toString()).code()).isZero();
        Files.createDirectories(Path.of(ws(), "templates"));
        Files.writeString(Path.of(ws(), "templates/footer.liquid"), "<p>Bye {{ profile.first_name }}</p>");
        Path campaign = dir.resolve("welcome.yaml");
        Files.writeString(campaign, """
                id: welcome
                name: Welcome
                activities:
                  - id: all
                    type: build-audience
                    expression: has(profile.email)
                  - id: mail
                    type: email
                    from: [all]
                    subject: "Welcome {{ profile.first_name }}"
                    body: "<p>Since {{ profile.signup_at | date: '%d/%m/%Y %H:%M %z' }}</p>{% render 'footer', profile: profile %}"
                """);
        Outcome preview = herald("-w", ws(), "message", "preview", campaign.toString(), "mail", "--profile", "1");
        assertThat(preview.err()).isEmpty();
        assertThat(preview.code()).isZero();
        assertThat(preview.out().replaceAll("http://localhost:8080/([oc])/[A-Za-z0-9_-]+", "http://localhost:8080/$1/TOKEN")).isEqualTo("""
                email mail of campaign welcome to profile 1 (dates in Europe/Paris)
                --- subject
                Welcome <script>x</script>
                --- body
                <a href="http://localhost:8080/c/TOKEN" style="display:none;mso-hide:all" aria-hidden="true" tabindex="-1"></a>\
                <p>Since 14/07/2026 11:30 +0200</p><p>Bye &lt;script&gt;x&lt;/script&gt;</p>\
                <img src="http://localhost:8080/o/TOKEN" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">
                """); // the honeypot and the open pixel, as the recipient gets them
        Outcome missing = herald("-w", ws(), "message", "preview", campaign.toString(), "mail", "--profile", "2");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("herald: no profile with id 2\n");
        Outcome notADelivery = herald("-w", ws(), "message", "preview", campaign.toString(), "all", "--profile", "1");
        assertThat(notADelivery.err()).startsWith("herald: 'all' is a build-audience activity; a preview renders a delivery's message");
        Outcome unpublished = herald("-w", ws(), "message", "preview", "welcome", "mail", "--profile", "1");
        assertThat(unpublished.err()).startsWith("herald: no file and no published campaign 'welcome'");
        assertThat(herald("-w", ws(), "campaign", "publish", campaign.toString()).code()).isZero();
        assertThat(herald("-w", ws(), "message", "preview", "welcome", "mail", "--profile", "1").out()).contains("<p>Since 14/07/2026 11:30 +0200</p>");
        assertThat(herald("-w", ws(), "message", "proof", "welcome", "mail", "--profile", "1", "--to", "me@shop.example,qa@shop.example").out())
                .isEqualTo("proof to me@shop.example: sent\nproof to qa@shop.example: sent\n");
        assertThat(herald("-w", ws(), "message", "proof", "welcome", "mail", "--profile", "1", "--to", "nobody").err())
                .isEqualTo("herald: 1 seed address is wrong:\n  to[0]: 'nobody' is not an address for email\n");
    }

    @Test
    void campaigns_are_listed_with_their_next_scheduled_run_and_archived_until_restored() throws IOException {
        herald("init", ws());
        herald("-w", ws(), "schema", "apply");
        Path campaign = dir.resolve("weekly.yaml");
        Files.writeString(campaign, """
                id: weekly
                name: Weekly news
                schedule: { cron: "0 9 * * MON", zone: Europe/Paris, valid_until: "2026-01-01T00:00" }
                activities:
                  - { id: all, type: build-audience, expression: has(profile.email) }
                """);
        assertThat(herald("-w", ws(), "campaign", "list").out()).isEqualTo("no campaign published yet (herald campaign publish FILE)\n");
        assertThat(herald("-w", ws(), "campaign", "publish", campaign.toString()).code()).isZero();
        assertThat(herald("-w", ws(), "campaign", "list").out()).startsWith("weekly v1  published ").endsWith("  schedule over  Weekly news\n");

        assertThat(herald("-w", ws(), "campaign", "archive", "weekly").out()).isEqualTo("archived weekly (herald campaign restore weekly undoes it)\n");
        assertThat(herald("-w", ws(), "campaign", "list").out()).startsWith("no campaign published yet");
        assertThat(herald("-w", ws(), "campaign", "list", "--archived").out()).startsWith("weekly v1");
        Outcome refused = herald("-w", ws(), "campaign", "run", campaign.toString(), "--test");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("herald: campaign weekly is archived: it runs again once restored — see herald campaign restore weekly\n");
        assertThat(herald("-w", ws(), "campaign", "restore", "weekly").out()).isEqualTo("restored weekly\n");
        assertThat(herald("-w", ws(), "campaign", "run", campaign.toString(), "--test").code()).isZero();
        assertThat(herald("-w", ws(), "campaign", "restore", "weekly").err()).isEqualTo("herald: campaign weekly is not archived\n");

        assertThat(herald("-w", ws(), "campaign", "duplicate", "weekly", "weekly_fr", "--name", "Weekly \"FR\"").out()).isEqualTo(
                "published weekly_fr v1, a copy of weekly; archived, as it has a schedule (herald campaign restore weekly_fr lets it run)\n");
        assertThat(herald("-w", ws(), "campaign", "list", "--archived").out()).startsWith("weekly_fr v1").endsWith("  Weekly \"FR\"\n");
        assertThat(herald("-w", ws(), "campaign", "duplicate", "weekly", "weekly_fr").err())
                .isEqualTo("herald: campaign weekly_fr exists already; choose another id\n");
        assertThat(herald("-w", ws(), "campaign", "duplicate", "nope", "x").err()).isEqualTo("herald: no published campaign 'nope'\n");
    }

    @Test
    void a_store_that_cannot_be_opened_is_reported_without_its_password() throws IOException {
        herald("init", ws());
        for (String url : List.of("postgresql://u:s3cret@127.0.0.1:notaport/db", "postgresql://u:s3cret@127.0.0.1:/db",
                "postgresql://u:s3cret@127.0.0.1:99999/db", "jdbc:postgresql:/db?password=s3cret")) {
            Files.writeString(Path.of(ws(), "herald.yaml"), "store: '" + url + "'\n");
            Outcome o = herald("-w", ws(), "audience", "count", "true");
            assertThat(o.code()).as(url).isEqualTo(1);
            assertThat(o.err()).as(url).startsWith("herald: cannot open the store jdbc:postgresql:").doesNotContain("s3cret")
                    .contains("password=***: ");
        }
    }

    @Test
    void a_herald_yaml_that_is_not_valid_yaml_names_its_line_but_never_the_store_url() throws IOException {
        herald("init", ws());
        Files.writeString(Path.of(ws(), "herald.yaml"), "store: 'postgresql://u:s3cret@db/herald\nimport: {}\n");
        Outcome o = herald("-w", ws(), "schema", "check");
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).isEqualTo("herald: " + Path.of(ws(), "herald.yaml")
                + ": line 1, column 8: a quote is never closed; end the text with the same quote it starts with\n");
    }

    @Test
    void a_campaign_that_is_not_utf8_is_refused_and_an_import_row_that_is_not_is_rejected_with_its_line() throws IOException {
        herald("init", ws());
        herald("-w", ws(), "schema", "apply");
        Path campaign = Path.of(ws(), "campaigns/x.yaml");
        Files.write(campaign, "id: x\nname: Caf\u00e9\nactivities: []\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Outcome c = herald("-w", ws(), "campaign", "validate", "campaigns/x.yaml");
        assertThat(c.code()).isEqualTo(1);
        assertThat(c.err()).isEqualTo("herald: campaigns/x.yaml: line 2, column 10: not UTF-8 text; save the file as UTF-8\n");
        Path csv = dir.resolve("p.csv");
        Files.write(csv, "id,email,city\n1,a@x,Montr\u00e9al\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Outcome i = herald("-w", ws(), "import", "profile", csv.toString());
        assertThat(i.code()).isZero();
        assertThat(i.out()).contains("profile: read 1, inserted 0, updated 0, deleted 0, rejected 1")
                .contains("line 2").contains("not valid UTF-8");
        assertThat(Files.readString(dir.resolve("p.csv.rejects.csv"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("not valid UTF-8");
    }

    @Test
    void a_schema_with_a_ten_megabyte_comment_is_refused_at_once() throws IOException {
        herald("init", ws());
        Path schema = Path.of(ws(), "schema.yaml");
        Files.writeString(schema, "# " + "x".repeat(10 * 1024 * 1024) + "\n" + Files.readString(schema));
        long started = System.nanoTime();
        Outcome o = herald("-w", ws(), "schema", "check");
        assertThat(o.err()).startsWith("herald: schema.yaml has 1 error:\n  (document): a document of 10,4").contains(
                "documents are limited to 1,048,576 bytes (1 MB)");
        assertThat((System.nanoTime() - started) / 1e9).as("seconds").isLessThan(5);
    }

    @Test
    void an_activity_without_a_type_is_a_validation_error_for_validate_and_for_a_test_run() throws IOException {
        herald("init", ws());
        herald("-w", ws(), "schema", "apply");
        Files.writeString(Path.of(ws(), "campaigns/notype.yaml"), """
                id: notype
                name: No type
                activities:
                  - id: all
                    type: build-audience
                    expression: "true"
                  - id: one
                    type: dedup
                    from: [all]
                    fields: [profile.email]
                  - id: three
                    from: [one]
                """);
        for (List<String> command : List.of(List.of("campaign", "validate", "campaigns/notype.yaml"),
                List.of("campaign", "run", "campaigns/notype.yaml", "--test"))) {
            List<String> args = new java.util.ArrayList<>(List.of("-w", ws()));
            args.addAll(command);
            Outcome o = herald(args.toArray(String[]::new));
            assertThat(o.code()).as(command.toString()).isEqualTo(1);
            assertThat(o.out()).as(command.toString()).doesNotContain("is valid").doesNotContain("Run 1");
            assertThat(o.err()).as(command.toString()).startsWith("herald: campaigns/notype.yaml has 1 error:\n"
                    + "  activities[2]: type is missing; one of: build-audience, incremental-query,").doesNotContain("Exception");
        }
    }

    @Test
    void run_commands_refuse_an_unknown_run_activity_or_transition_with_the_closest_name() {
        herald("init", ws());
        herald("-w", ws(), "schema", "apply");
        assertThat(herald("-w", ws(), "campaign", "run", "campaigns/winback_gold.yaml", "--test").out()).contains("Run 1 · winback_gold");

        assertThat(herald("-w", ws(), "run", "sql", "1", "lapsed_gold").out()).startsWith("-- lapsed_gold\ncreate table");
        assertThat(herald("-w", ws(), "run", "sql", "1", "control").out()).isEqualTo("-- control: ran no SQL\n");
        Outcome sql = herald("-w", ws(), "run", "sql", "1", "lapsd_gold");
        assertThat(sql.code()).isEqualTo(1);
        assertThat(sql.out()).isEmpty();
        assertThat(sql.err()).startsWith("herald: campaign winback_gold has no activity 'lapsd_gold' — did you mean 'lapsed_gold'? "
                + "(activities: lapsed_gold, ");
        for (String command : List.of("sql", "log", "status")) {
            Outcome o = herald("-w", ws(), "run", command, "99");
            assertThat(o.code()).as(command).isEqualTo(1);
            assertThat(o.err()).as(command).isEqualTo("herald: no run 99 — see herald run list\n");
        }
        assertThat(herald("-w", ws(), "run", "preview", "1", "ab").err())
                .isEqualTo("herald: 'ab' has several outputs; name one: ab.control, ab.a, ab.b\n");
        assertThat(herald("-w", ws(), "run", "preview", "1", "lapsed_gold.ot").err())
                .isEqualTo("herald: 'lapsed_gold' has no output 'ot' — did you mean 'out'? (outputs: out)\n");
        assertThat(herald("-w", ws(), "run", "preview", "1", "lapsed_gld").err())
                .startsWith("herald: campaign winback_gold has no activity 'lapsed_gld' — did you mean 'lapsed_gold'?");
    }

    @Test
    void a_huge_name_is_echoed_cut_to_a_readable_length() throws IOException {
        herald("init", ws());
        herald("-w", ws(), "schema", "apply");
        String huge = "x".repeat(100_000);
        Path csv = Files.writeString(dir.resolve("one.csv"), "id\n1\n");
        List<List<String>> commands = List.of(List.of("import", huge, csv.toString()), List.of("export", huge, "out.csv"),
                List.of("import", "profile", dir.resolve(huge + ".csv").toString()),
                List.of("campaign", "validate", huge + ".yaml"),
                List.of("audience", "count", "true", "--dimension", huge),
                List.of("campaign", "run", "campaigns/winback_gold.yaml", "--test", "--var", huge + "=1"),
                List.of("campaign", "run", "campaigns/winback_gold.yaml", "--test", "--break-before", huge));
        for (List<String> command : commands) {
            List<String> args = new java.util.ArrayList<>(List.of("-w", ws()));
            args.addAll(command);
            Outcome o = herald(args.toArray(String[]::new));
            String shown = command.get(0) + " " + command.get(1);
            assertThat(o.code()).as(shown).isEqualTo(1);
            assertThat(o.err()).as(shown).contains("…").hasSizeLessThan(1_000);
        }
        String name = "k".repeat(1000);
        Files.writeString(Path.of(ws(), "campaigns/long.yaml"), """
                id: long
                name: Long names
                dimension: %s
                activities:
                  - id: all
                    type: build-audience
                    expression: "true"
                    %s: 1
                  - id: c
                    type: dedup%s
                    from: [all, a%s, all.%s]
                """.formatted(huge.substring(0, 30_000), name, huge.substring(0, 30_000), huge.substring(0, 30_000), name));
        Outcome o = herald("-w", ws(), "campaign", "validate", "campaigns/long.yaml");
        assertThat(o.err()).startsWith("herald: campaigns/long.yaml has 4 errors:").hasSizeLessThan(2_500);
        assertThat(o.err().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThan(400));
    }

    @Test
    void an_empty_workspace_has_a_valid_minimal_schema_and_no_campaign_to_fail() throws IOException {
        Outcome init = herald("init", ws(), "--empty");
        assertThat(init.code()).isZero();
        assertThat(Path.of(ws(), "campaigns")).isEmptyDirectory();
        assertThat(Path.of(ws(), "templates")).isEmptyDirectory();
        assertThat(Path.of(ws(), "data")).doesNotExist();
        assertThat(Files.readString(Path.of(ws(), "schema.yaml"))).contains("# ");
        assertThat(herald("-w", ws(), "schema", "check").out()).isEqualTo("schema.yaml is valid: 1 entities, dimension 'profile'\n");
        Outcome validate = herald("-w", ws(), "campaign", "validate");
        assertThat(validate.code()).isZero();
        assertThat(validate.err()).isEmpty();
        assertThat(validate.out()).startsWith("No campaigns in ");
        assertThat(herald("-w", ws(), "schema", "apply").out()).contains("+ create entity 'profile' (2 fields)");
        assertThat(herald("init", ws(), "--empty").err()).isEqualTo("herald: " + ws() + " already holds a schema.yaml; choose an empty folder\n");
    }

    @Test
    void campaign_validate_without_a_file_checks_every_campaign_of_the_workspace() throws IOException {
        herald("init", ws());
        Outcome all = herald("-w", ws(), "campaign", "validate");
        assertThat(all.err()).isEmpty();
        assertThat(all.code()).isZero();
        assertThat(all.out()).contains("campaigns/winback_gold.yaml is valid").endsWith("5 of 5 campaigns valid\n");
        Files.writeString(Path.of(ws(), "campaigns/broken.yaml"), "id: broken\nname: Broken\nactivities: []\n");
        Outcome one = herald("-w", ws(), "campaign", "validate");
        assertThat(one.code()).isEqualTo(1);
        assertThat(one.err()).isEqualTo("herald: campaigns/broken.yaml has 1 error:\n  activities: a campaign needs at least one activity\n");
        assertThat(one.out()).endsWith("5 of 6 campaigns valid\n");
    }

    @Test
    void a_deliverys_messages_are_exported_by_delivery_export_and_system_tables_are_refused_by_export() throws IOException {
        herald("init", ws());
        herald("-w", ws(), "schema", "apply");
        Path csv = dir.resolve("profiles.csv");
        Files.writeString(csv, "id,email,email_consent,loyalty_tier\n1,a@example.com,true,gold\n2,,true,gold\n3,c@example.com,false,gold\n");
        herald("-w", ws(), "import", "profile", csv.toString());
        Files.writeString(Path.of(ws(), "campaigns/hello.yaml"), """
                id: hello
                name: Hello
                activities:
                  - id: gold
                    type: build-audience
                    expression: profile.loyalty_tier == "gold"
                  - id: mail
                    type: email
                    from: [gold]
                    subject: Hello
                    body: "Hello {{ profile.email }}"
                """);
        Outcome waiting = herald("-w", ws(), "campaign", "run", "campaigns/hello.yaml");
        assertThat(waiting.code()).isZero();
        assertThat(waiting.out()).contains("delivery 1: 3 messages: 1 pending, 2 excluded (no_address 1, no_consent 1) — waiting for approval; "
                + "the first, to a@example.com: 'Hello'").contains("herald run approve 1 mail").contains("suspended");
        assertThat(herald("-w", ws(), "delivery", "report", "1", "mail").out()).contains("  pending                                 1\n");
        assertThat(herald("-w", ws(), "run", "approve", "1", "gold").err()).startsWith("herald: run 1 has no delivery 'gold' waiting");
        Outcome approved = herald("-w", ws(), "run", "approve", "1", "mail");
        assertThat(approved.err()).isEmpty();
        assertThat(approved.code()).isZero();
        assertThat(approved.out()).contains("finished");
        assertThat(herald("-w", ws(), "run", "log", "1").out()).contains("resumed (was suspended)");

        Path out = dir.resolve("messages.csv");
        Outcome exported = herald("-w", ws(), "delivery", "export", "1", "mail", out.toString());
        assertThat(exported.err()).isEmpty();
        assertThat(exported.out()).startsWith("mail of run 1: wrote 3 messages to " + out);
        assertThat(Files.readAllLines(out)).hasSize(4).first().isEqualTo("message_id,recipient,secondary,address,status,reason,sent_at,error");
        assertThat(Files.readString(out)).contains(",1,,a@example.com,sent,,").contains(",2,,,excluded,no_address,,")
                .contains(",3,,c@example.com,excluded,no_consent,,");
        assertThat(herald("-w", ws(), "delivery", "export", "1", "gold", out.toString()).err())
                .isEqualTo("herald: 'gold' is a build-audience activity, not a delivery (deliveries: mail)\n");

        Outcome report = herald("-w", ws(), "delivery", "report", "1", "mail");
        assertThat(report.err()).isEmpty();
        assertThat(report.out()).isEqualTo("""
                mail of run 1 (delivery 1)
                  excluded:no_address                     1
                  excluded:no_consent                     1
                  sent                                    1
                  undelivered                             0   (bounced after sending: 0 hard, 0 soft)
                  opens (human, unique)                   0   0.0 % of sent
                  clicks (human, unique)                  0   0.0 % of sent, 0.0 % of opens
                  unsubscribes                            0   (0 opens and 0 clicks in all; machines 0 and 0)
                  complaints                              0   0.000 % of sent
                """);
        Outcome campaignReport = herald("-w", ws(), "campaign", "report", "hello");
        assertThat(campaignReport.err()).isEmpty();
        assertThat(campaignReport.out()).startsWith("campaign hello (1 live delivery)\n  excluded:no_address                     1\n")
                .containsPattern("\\n  delivery 1      run 1      v1   mail +email +1 sent\\n$");
        assertThat(herald("-w", ws(), "campaign", "report", "hello", "--hourly").out())
                .matches("hour,sent,opens,clicks,unsubscribes,machine_events\\n[0-9T:-]+Z,1,0,0,0,0\\n");
        assertThat(herald("-w", ws(), "campaign", "report", "nope").err()).isEqualTo("herald: no published campaign 'nope'\n");
        Outcome key = herald("-w", ws(), "key", "create", "--role", "operator", "--name", "CRM sync", "--expires", "90d");
        assertThat(key.err()).isEmpty();
        String token = key.out().lines().findFirst().orElseThrow();
        assertThat(token).matches("hk_[a-z0-9]{10}_[A-Za-z0-9_-]{43}");
        assertThat(key.out()).contains("(operator, CRM sync), until 20").contains("it is not shown again");
        String id = token.substring(3, 13);
        assertThat(herald("-w", ws(), "key", "list").out()).contains(id + "   operator  active").contains("CRM sync").doesNotContain(token.substring(14));
        assertThat(herald("-w", ws(), "key", "create", "--role", "boss", "--name", "x").err())
                .startsWith("herald: no role 'boss' (roles: admin, editor, operator, viewer)");
        assertThat(herald("-w", ws(), "key", "revoke", id).out()).isEqualTo("key " + id + " revoked\n");
        assertThat(herald("-w", ws(), "key", "list").out()).contains(id + "   operator  revoked");
        assertThat(herald("-w", ws(), "key", "revoke", id).err()).startsWith("herald: no active key '" + id + "'");
        assertThat(herald("-w", ws(), "key", "rotate-links").out()).isEqualTo("link key 2 signs from now on (servers on this store take it "
                + "within 5 seconds); links signed with key 1 still verify\n");
        assertThat(herald("-w", ws(), "key", "rotate-links").out()).endsWith("links signed with keys 1, 2 still verify\n");
        Outcome returns = herald("-w", ws(), "delivery", "returns");
        assertThat(returns.code()).isEqualTo(1);
        assertThat(returns.err()).startsWith("herald: providers.bounces: the workspace names no return mailbox: set providers.bounces");
        assertThat(herald("-w", ws(), "delivery", "report", "1", "nothing").err())
                .startsWith("herald: run 1 has no delivery 'nothing' (a delivery activity that has started)");

        Outcome system = herald("-w", ws(), "export", "herald_message", dir.resolve("m.csv").toString());
        assertThat(system.code()).isEqualTo(1);
        assertThat(system.err()).startsWith("herald: 'herald_message' is one of Herald's system tables, not an entity of schema.yaml; "
                + "export a delivery's messages or direct-mail file with 'herald delivery export RUN ACTIVITY FILE'");
        assertThat(dir.resolve("m.csv")).doesNotExist();
    }
}
