package dev.herald.bench;

import dev.herald.app.Application;
import dev.herald.app.run.RunListener;
import dev.herald.campaign.run.ActivityRecord;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunStatus;
import dev.herald.channel.smpp.SmsText;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaParser;
import dev.herald.store.run.Runs;
import dev.herald.testkit.channel.SmscPeer;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.io.InputStream;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;

/**
 * Personalised text messages over SMPP: a live campaign sends a Liquid text (a conditional, three
 * fields) to every profile with a phone, through Herald's SMPP channel with a window of 10, to an
 * SMSC on the loopback (jSMPP's server side, in this process); then a plain jSMPP client sends as
 * many messages of the same length with the same window to the same SMSC, in the same run.
 *
 * <pre>herald-bench/run SmsBench [--profiles 100000] [--window 10] [--batch 100]</pre>
 *
 * <p>Herald's figure is the sms activity's own time: resolving the recipients into the message log
 * in SQL, rendering, splitting and encoding each text, submitting it and recording its status.
 */
public final class SmsBench {

    private static final String BENCH = "sms";

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ImportBench.Options.parse(args);
        long profiles = Long.parseLong(options.getOrDefault("profiles", "100000"));
        int window = Integer.parseInt(options.getOrDefault("window", "10"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "100"));
        Path data = Path.of(options.getOrDefault("data", "target/bench-data/" + profiles));
        Path work = Files.createDirectories(Path.of(options.getOrDefault("work", "target/bench-work")));
        Path schemaFile = Path.of(options.getOrDefault("schema", "../examples/retail/schema.yaml"));
        Schema schema = SchemaParser.parse(schemaFile);
        String yaml;
        try (InputStream in = SmsBench.class.getResourceAsStream("/sms/campaign.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ImportBench.Data.ensure(data, profiles);
        System.out.printf(Locale.ROOT, "SMS benchmark: %,d profiles, window %d, batches of %d, %d cores, max heap %d MB%n", profiles, window, batch,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        // a store of its own: the messages it sends must not become the campaign and audience benches' history
        StoreLocation location = AudienceBench.load("duckdb", schema, data, Files.createDirectories(work.resolve(BENCH)), profiles);
        try (SmscPeer smsc = new SmscPeer("bench", "pw")) {
            Path workspace = Files.createDirectories(work.resolve("workspace-sms"));
            Files.writeString(workspace.resolve(Workspace.SCHEMA_FILE), Files.readString(schemaFile));
            Files.writeString(workspace.resolve(Workspace.CONFIG_FILE), "providers:\n  sms: '" + smsc.url("Shop") + "&window=" + window + "&batch=" + batch + "'\n");
            long messages;
            double heraldSeconds;
            try (Application app = Application.open(Workspace.open(workspace), location, Clock.systemUTC())) {
                app.store().dsl().execute("delete from herald_message");
                app.store().dsl().execute("delete from herald_provider_id");
                RunRecord run = app.runs().start(yaml, "sms.yaml", RunOptions.live().withApproval().at(NOW).sleepingAtMost(Duration.ZERO), RunListener.QUIET);
                if (run.status() != RunStatus.FINISHED) {
                    throw new IllegalStateException("the run did not finish: " + run.status() + " " + new Runs(app.store()).activities(run.id()));
                }
                ActivityRecord send = new Runs(app.store()).activities(run.id()).get("text");
                heraldSeconds = Duration.between(send.startedAt(), send.endedAt()).toNanos() / 1e9;
                messages = app.store().dsl().fetchOne("select count(*) from herald_message where status = 'sent'").get(0, Long.class);
            }
            List<SmscPeer.Submitted> got = smsc.submitted();
            long parts = got.size();
            int length = (int) got.stream().mapToInt(s -> s.bytes().length).average().orElseThrow();
            double rawSeconds = raw(smsc.port(), window, parts, length);
            System.out.printf(Locale.ROOT, "%n| sender | messages | submit_sm | bytes each | window | seconds | submit_sm/s |%n"
                            + "|---|---:|---:|---:|---:|---:|---:|%n"
                            + "| Herald (DuckDB, render + SMPP) | %,d | %,d | %d | %d | %.2f | %,.0f |%n"
                            + "| jSMPP client alone | | %,d | %d | %d | %.2f | %,.0f |%n"
                            + "%nHerald submits at %.2f× the plain client's rate%n",
                    messages, parts, length, window, heraldSeconds, parts / heraldSeconds, parts, length, window, rawSeconds, parts / rawSeconds,
                    (parts / heraldSeconds) / (parts / rawSeconds));
        }
    }

    /** A plain jSMPP client: one bind, {@code window} threads submitting the same text of {@code length} septets. */
    private static double raw(int port, int window, long parts, int length) throws Exception {
        SMPPSession session = new SMPPSession();
        session.connectAndBind("127.0.0.1", port, new BindParameter(BindType.BIND_TRX, "bench", "pw", "", TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN, null));
        byte[] text = SmsText.of("x".repeat(Math.min(length, 160)), 0).parts().get(0);
        long t0 = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < window; t++) {
                long each = parts / window + (t < parts % window ? 1 : 0);
                all.add(threads.submit(() -> {
                    for (long i = 0; i < each; i++) {
                        session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "Shop", TypeOfNumber.INTERNATIONAL,
                                NumberingPlanIndicator.ISDN, "336" + (10_000_000 + i), new ESMClass(), (byte) 0, (byte) 1, null, null,
                                new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0, new GeneralDataCoding(Alphabet.ALPHA_DEFAULT),
                                (byte) 0, text);
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            session.unbindAndClose();
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
