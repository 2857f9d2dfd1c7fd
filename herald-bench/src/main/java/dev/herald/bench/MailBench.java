package dev.herald.bench;

import dev.herald.app.Application;
import dev.herald.app.message.MessagePreview;
import dev.herald.app.run.RunListener;
import dev.herald.campaign.plan.Plan;
import dev.herald.channel.ChannelTypes;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.smtp.SmtpChannel;
import dev.herald.channel.smtp.SmtpProvider;
import dev.herald.delivery.SignedLinks;
import dev.herald.workspace.HeraldConfig;
import dev.herald.testkit.channel.SmtpPeer;
import dev.herald.campaign.run.ActivityRecord;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunStatus;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaParser;
import dev.herald.store.run.Runs;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Personalised email over SMTP: a live campaign sends a 10 KB HTML newsletter (conditionals, a
 * loop of five links) to every profile with an email and consent, through Herald's SMTP channel, to
 * Postfix's {@code smtp-sink} on the loopback; then Postfix's {@code smtp-source} sends as many
 * messages of the same size over as many connections to the same sink, in the same run.
 *
 * <pre>herald-bench/run MailBench [--profiles 100000] [--connections 4] [--dkim none|rsa|ed25519]</pre>
 *
 * <p>Needs Debian's {@code postfix} package ({@code apt-get install postfix}) for the two tools.
 * Herald's figure is the email activity's own time: resolving the recipients into the message log
 * in SQL, then rendering and sending every message and recording its status.
 */
public final class MailBench {

    private static final String BENCH = "mail";

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ImportBench.Options.parse(args);
        long profiles = Long.parseLong(options.getOrDefault("profiles", "100000"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "4"));
        String dkim = options.getOrDefault("dkim", "none");
        Path data = Path.of(options.getOrDefault("data", "target/bench-data/" + profiles));
        Path work = Files.createDirectories(Path.of(options.getOrDefault("work", "target/bench-work")));
        Path schemaFile = Path.of(options.getOrDefault("schema", "../examples/retail/schema.yaml"));
        Schema schema = SchemaParser.parse(schemaFile);
        String yaml;
        try (InputStream in = MailBench.class.getResourceAsStream("/mail/campaign.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ImportBench.Data.ensure(data, profiles);
        System.out.printf(Locale.ROOT, "Mail benchmark: %,d profiles, %d connections, DKIM %s, %d cores, max heap %d MB%n", profiles, connections, dkim,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        // a store of its own: the messages it sends must not become the campaign and audience benches' history
        StoreLocation location = AudienceBench.load("duckdb", schema, data, Files.createDirectories(work.resolve(BENCH)), profiles);
        int port = freePort();
        Process sink = new ProcessBuilder(tool("smtp-sink"), "-u", "nobody", "127.0.0.1:" + port, "256")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            waitForPort(port);
            Path workspace = Files.createDirectories(work.resolve("workspace-mail"));
            Files.writeString(workspace.resolve(Workspace.SCHEMA_FILE), Files.readString(schemaFile));
            Files.writeString(workspace.resolve(Workspace.CONFIG_FILE), "providers:\n  email: 'smtp://127.0.0.1:" + port
                    + "?tls=none&from=news@shop.example&connections=" + connections + dkimOptions(dkim) + "'\n");
            long messages;
            double heraldSeconds;
            double cpu;
            long peakHeap;
            long averageBytes;
            try (Application app = Application.open(Workspace.open(workspace), location, Clock.systemUTC())) {
                app.store().dsl().execute("delete from herald_message");
                CampaignBench.HeapSampler heap = new CampaignBench.HeapSampler();
                heap.start();
                double cpu0 = cpuSeconds();
                RunRecord run = app.runs().start(yaml, "mail.yaml", RunOptions.live().withApproval().at(NOW).sleepingAtMost(Duration.ZERO), RunListener.QUIET);
                cpu = cpuSeconds() - cpu0;
                peakHeap = heap.peak();
                if (run.status() != RunStatus.FINISHED) {
                    throw new IllegalStateException("the run did not finish: " + run.status() + " " + new Runs(app.store()).activities(run.id()));
                }
                ActivityRecord send = new Runs(app.store()).activities(run.id()).get("newsletter");
                heraldSeconds = Duration.between(send.startedAt(), send.endedAt()).toNanos() / 1e9;
                messages = app.store().dsl().fetchOne("select count(*) from herald_message where status = 'sent'").get(0, Long.class);
                averageBytes = averageMessageBytes(app, yaml, dkimOptions(dkim));
            }
            double rawSeconds = smtpSource(port, connections, messages, averageBytes);
            double herald = messages / heraldSeconds;
            double raw = messages / rawSeconds;
            System.out.printf(Locale.ROOT, "%n| sender | messages | message size | connections | seconds | messages/s | CPU s | peak heap |%n"
                    + "|---|---:|---:|---:|---:|---:|---:|---:|%n"
                    + "| Herald (DuckDB, render + SMTP) | %,d | %,d B | %d | %.2f | %,.0f | %.1f | %d MB |%n"
                    + "| smtp-source | %,d | %,d B | %d | %.2f | %,.0f | | |%n"
                    + "%nHerald sends at %.2f× smtp-source's rate%n",
                    messages, averageBytes, connections, heraldSeconds, herald, cpu, peakHeap >> 20,
                    messages, averageBytes, connections, rawSeconds, raw, herald / raw);
        } finally {
            sink.destroy();
            sink.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The average size of a message on the wire (headers and encoding included): the messages of
     * the first 200 profiles, rendered as the run renders them, sent by the same channel to a
     * server on the loopback that keeps what it receives.
     */
    private static long averageMessageBytes(Application app, String yaml, String dkimOptions) throws Exception {
        Plan plan = app.messages().plan(yaml, "mail.yaml");
        List<OutboundMessage> sample = new ArrayList<>();
        for (long id = 1; sample.size() < 200 && id <= 10_000; id++) {
            MessagePreview m = app.messages().preview(plan, "newsletter", Long.toString(id));
            if (m.errors().isEmpty() && m.parts().containsKey("body")) {
                sample.add(new OutboundMessage(id, 1, ChannelTypes.of(ChannelTypes.EMAIL), "customer@example.com", m.parts()));
            }
        }
        try (SmtpPeer peer = new SmtpPeer(); SmtpChannel smtp = new SmtpChannel(SmtpProvider.parse(peer.url("news@shop.example") + dkimOptions),
                     new SignedLinks(HeraldConfig.DEFAULT_BASE_URL, app.store().secrets("links")), null)) {
            smtp.send(sample);
            return (long) peer.received().stream().mapToLong(r -> r.data().getBytes(StandardCharsets.UTF_8).length).average().orElseThrow();
        }
    }

    private static double smtpSource(int port, int connections, long messages, long bytes) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(tool("smtp-source"), "-d", "-s", Integer.toString(connections), "-l", Long.toString(bytes),
                "-m", Long.toString(messages), "-f", "news@shop.example", "-t", "customer@example.com", "127.0.0.1:" + port)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("smtp-source failed: " + out);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String tool(String name) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return dir + "/" + name;
            }
        }
        throw new IllegalStateException(name + " is not installed: apt-get install postfix");
    }

    /** The provider URL's DKIM options with a key made now: none, rsa (2048 bits) or ed25519. */
    private static String dkimOptions(String kind) throws java.security.GeneralSecurityException {
        if (kind.equals("none")) {
            return "";
        }
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance(kind.equals("rsa") ? "RSA" : "Ed25519");
        if (kind.equals("rsa")) {
            g.initialize(2048);
        }
        String key = java.util.Base64.getEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded());
        return "&dkim_selector=bench&dkim_key=" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("smtp-sink did not start on port " + port);
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }
}
