package dev.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;
import dev.herald.store.schema.SchemaApplier;
import dev.herald.store.load.Importer;

import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import dev.herald.app.demo.RetailGenerator;
import dev.herald.testkit.channel.SmtpPeer;
import dev.herald.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with {@code kill -9} in the middle of sending, then resumed by another process,
 * ends with the same counts and the same message rows as a run nobody interrupted: no message is
 * sent twice and none is lost.
 */
class CampaignCrashIT {

    static final String NOW = "2026-11-01T00:00:00Z";

    @TempDir
    Path dir;

    @Test
    void a_run_killed_while_sending_resumes_to_the_same_counts_and_messages_as_an_uninterrupted_one() throws Exception {
        Path calm = workspace("calm");
        Path killed = dir.resolve("killed");
        copy(calm, killed);

        assertThat(Cli.ok("-w", calm.toString(), "campaign", "run", "campaign.yaml", "--now", NOW, "--approve")).contains("· finished in");

        Process process = start(killed);
        ProcessOutput output = new ProcessOutput(process);
        List<String> lines = output.lines();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (lines.stream().noneMatch(l -> l.contains("✓ groups")) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(lines).as("the run reached the send").anyMatch(l -> l.contains("✓ groups"));
        Thread.sleep(1_500);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        output.join(5_000);

        try (Store store = Store.open(Workspace.open(killed).store())) {
            assertThat(store.dsl().fetchValue("select status from herald_run where id = 1")).isEqualTo("running");
            Result<Record> before = store.dsl().fetch("select status, count(*) from herald_message where activity = 'big_mail' group by status");
            assertThat(before.getValues(0, String.class)).as("killed mid-send: some sent, some pending").contains("sent", "pending");
        }

        String resumed = Cli.ok("-w", killed.toString(), "run", "resume", "1");
        assertThat(resumed).contains("· finished in");

        try (Store a = Store.open(Workspace.open(calm).store()); Store b = Store.open(Workspace.open(killed).store())) {
            for (String sql : List.of(
                    "select name, status, rows from herald_run_transition where run_id = 1 order by name",
                    "select activity, status, rows_in, rows_out from herald_run_activity where run_id = 1 order by activity",
                    "select activity, recipient_id, address, status, reason from herald_message order by activity, recipient_id",
                    "select m.activity, o.address, o.subject, o.body from herald_outbox o join herald_message m on m.id = o.message_id "
                            + "order by m.activity, o.address, o.subject")) {
                assertThat(b.dsl().fetch(sql).intoArrays()).as(sql).isDeepEqualTo(a.dsl().fetch(sql).intoArrays());
            }
            assertThat(b.dsl().fetchValue("select count(*) - count(distinct message_id) from herald_outbox")).isEqualTo(0L);
            assertThat(b.dsl().fetchValue("select count(*) from herald_outbox")).isEqualTo(
                    b.dsl().fetchValue("select count(*) from herald_message where status = 'sent'"));
            assertThat((Long) b.dsl().fetchValue("select count(*) from herald_outbox")).isGreaterThan(1_000L);
        }
    }

    @Test
    void an_email_run_killed_while_sending_over_smtp_resends_only_what_the_relay_took_and_no_status_recorded() throws Exception {
        try (SmtpPeer relay = new SmtpPeer()) {
            Path ws = workspace("smtp");
            Files.writeString(ws.resolve(Workspace.CONFIG_FILE), "\nproviders:\n  email: '" + relay.url("news@shop.example") + "'\n",
                    java.nio.file.StandardOpenOption.APPEND);
            Process process = start(ws);
            ProcessOutput output = new ProcessOutput(process);
            List<String> lines = output.lines();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (relay.received().size() < 750 && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            output.join(5_000);
            assertThat(relay.received()).as("the relay got messages before the kill; the process said: %s", lines).hasSizeGreaterThanOrEqualTo(750);

            Set<Long> takenBeforeKill = messageIds(relay.received());
            Set<Long> pendingAtKill;
            try (Store store = Store.open(Workspace.open(ws).store())) {
                pendingAtKill = new TreeSet<>(store.dsl().fetch("select id from herald_message where status = 'pending'").getValues(0, Long.class));
                assertThat(pendingAtKill).as("killed mid-send: some messages still pending").isNotEmpty();
            }
            // the window docs/channels.md names: taken by the relay, killed before the batch's statuses were written
            Set<Long> window = new TreeSet<>(takenBeforeKill);
            window.retainAll(pendingAtKill);

            assertThat(Cli.ok("-w", ws.toString(), "run", "resume", "1")).contains("· finished in");

            List<Long> received = relay.received().stream().map(CampaignCrashIT::messageId).toList();
            Set<Long> twice = new TreeSet<>(received.stream().filter(id -> java.util.Collections.frequency(received, id) > 1).toList());
            assertThat(twice).as("sent twice: exactly the window").isEqualTo(window);
            assertThat(window.size()).as("at most one batch").isLessThanOrEqualTo(100);
            assertThat(received.stream().filter(id -> java.util.Collections.frequency(received, id) > 2)).isEmpty();
            try (Store store = Store.open(Workspace.open(ws).store())) {
                assertThat(new TreeSet<>(received)).as("every message the log says sent reached the relay, and no other")
                        .isEqualTo(new TreeSet<>(store.dsl().fetch("select id from herald_message where status = 'sent'").getValues(0, Long.class)));
                assertThat(store.dsl().fetchValue("select count(*) from herald_message where status = 'pending'")).isEqualTo(0L);
                assertThat(store.dsl().fetchValue("select count(*) from herald_outbox")).isEqualTo(0L);
            }
        }
    }

    /** The id in the message log that a message's {@code Message-ID} carries: {@code <herald.DELIVERY.ID@domain>}. */
    private static long messageId(SmtpPeer.Received message) {
        return Long.parseLong(message.header("Message-ID").replaceAll("^<herald\\.\\d+\\.(\\d+)@.*$", "$1"));
    }

    private static Set<Long> messageIds(List<SmtpPeer.Received> messages) {
        return new TreeSet<>(messages.stream().map(CampaignCrashIT::messageId).toList());
    }

    private Path workspace(String name) throws IOException {
        Path ws = dir.resolve(name);
        InitCommand.create(ws);
        Files.copy(Path.of(CampaignCrashIT.class.getResource("/crash/campaign.yaml").getPath()), ws.resolve("campaign.yaml"));
        Workspace workspace = Workspace.open(ws);
        Schema schema = workspace.schema();
        Path data = ws.resolve("data/generated");
        new RetailGenerator(7, RetailGenerator.DEFAULT_AS_OF).generate(12_000, data);
        try (Store store = Store.open(workspace.store())) {
            new SchemaApplier(store).apply(schema, false);
            for (String entity : List.of("product", "store", "profile", "purchase")) {
                new Importer(store, schema).run(ImportRequest.of(entity, data.resolve(entity + ".csv"), ImportMode.INSERT));
            }
        }
        return ws;
    }

    /** {@code herald campaign run} in a process of its own, on the test's classpath. */
    private static Process start(Path ws) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Herald.class.getName(), "-w", ws.toString(), "campaign", "run",
                "campaign.yaml", "--now", NOW, "--approve"));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
