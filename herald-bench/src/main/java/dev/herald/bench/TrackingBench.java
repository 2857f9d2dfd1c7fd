package dev.herald.bench;

import dev.herald.app.Application;
import dev.herald.delivery.SignedLinks;
import dev.herald.server.HeraldServer;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tracking under load: {@code wrk} (Debian's package) on the loopback against Herald's server —
 * click redirects, then open pixels, each over {@code --links} different signed tokens — and,
 * in the same run against the same server, a static response ({@code /health/live}) for the
 * ceiling. After each tracking run the events in the store are counted against the answers wrk
 * counted.
 *
 * <pre>herald-bench/run TrackingBench [--seconds 15] [--connections 64] [--threads 2] [--links 10000]</pre>
 */
public final class TrackingBench {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("([0-9]+) requests in");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");

    /** What one wrk run measured. */
    record Load(String what, double perSecond, long requests, double p50Ms, double p99Ms, long failed) {
        Load named(String name) {
            return new Load(name, perSecond, requests, p50Ms, p99Ms, failed);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ImportBench.Options.parse(args);
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "15"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "64"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        int links = Integer.parseInt(options.getOrDefault("links", "10000"));
        Path work = Files.createDirectories(Path.of(options.getOrDefault("work", "target/bench-work")).resolve("tracking"));
        Path workspace = Files.createDirectories(work.resolve("workspace"));
        Files.copy(Path.of("../examples/retail/schema.yaml"), workspace.resolve(Workspace.SCHEMA_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(workspace.resolve(Workspace.CONFIG_FILE), "tracking:\n  base_url: https://t.shop.example\n");
        Path store = work.resolve("tracking.duckdb");
        Files.deleteIfExists(store);
        System.out.printf(Locale.ROOT, "Tracking benchmark: wrk -t%d -c%d -d%ds, %,d tokens, %d cores, max heap %d MB%n", threads, connections,
                seconds, links, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (Application app = Application.open(Workspace.open(workspace), StoreLocation.duckdb(store), Clock.systemUTC());
             HeraldServer server = HeraldServer.start(app, "127.0.0.1", 0)) {
            SignedLinks signed = new SignedLinks("", app.store().secrets("links"));
            List<String> clicks = new ArrayList<>();
            List<String> opens = new ArrayList<>();
            for (int i = 0; i < links; i++) {
                long message = (1L << 32) + i;
                clicks.add(signed.clickUrl(message, 1 + i % 5, "https://shop.example/p/" + i + "?utm_source=herald&utm_campaign=weekly"));
                opens.add(signed.openUrl(message));
            }
            Path clickScript = script(work.resolve("clicks.lua"), clicks);
            Path openScript = script(work.resolve("opens.lua"), opens);
            String url = server.url();
            wrk(url + "/health/live", null, threads, connections, 3); // warm up the JIT
            wrk(url + clicks.get(0), null, threads, connections, 3);
            flush(app);
            long before = events(app);

            List<Load> loads = new ArrayList<>();
            loads.add(wrk(url + "/health/live", null, threads, connections, seconds).named("static /health/live"));
            Load click = wrk(url, clickScript, threads, connections, seconds).named("click redirect /c/TOKEN");
            flush(app);
            long clickEvents = events(app) - before;
            loads.add(click);
            Load open = wrk(url, openScript, threads, connections, seconds).named("open pixel /o/TOKEN");
            flush(app);
            long openEvents = events(app) - before - clickEvents;
            loads.add(open);

            double ceiling = loads.get(0).perSecond();
            System.out.println();
            System.out.println("| endpoint | requests/s | × static | p50 ms | p99 ms | answered | not 2xx/3xx | events stored |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            for (Load l : loads) {
                String stored = l == click ? String.format(Locale.ROOT, "%,d", clickEvents) : l == open ? String.format(Locale.ROOT, "%,d", openEvents) : "–";
                System.out.printf(Locale.ROOT, "| %s | %,.0f | %.2f | %.2f | %.2f | %,d | %,d | %s |%n", l.what(), l.perSecond(), l.perSecond() / ceiling,
                        l.p50Ms(), l.p99Ms(), l.requests(), l.failed(), stored);
            }
            System.out.printf(Locale.ROOT, "events stored − requests answered: clicks %+d, opens %+d (requests still in flight when wrk "
                    + "stopped are stored but not counted by wrk: at most %d)%n", clickEvents - click.requests(), openEvents - open.requests(), connections);
        }
    }

    /** Waits for the event writer; a count taken before it is done would call events lost that are only late. */
    private static void flush(Application app) {
        if (!app.tracking().flush()) {
            throw new IllegalStateException("the tracking events were not all written within a minute");
        }
    }

    private static long events(Application app) {
        return ((Number) app.store().dsl().fetchValue("SELECT count(*) FROM herald_event")).longValue();
    }

    /** A wrk script that asks for each of {@code paths} in turn. */
    private static Path script(Path file, List<String> paths) throws IOException {
        StringBuilder lua = new StringBuilder("local paths = {\n");
        for (String p : paths) {
            lua.append("  \"").append(p).append("\",\n");
        }
        lua.append("}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n");
        return Files.writeString(file, lua.toString(), StandardCharsets.UTF_8);
    }

    private static Load wrk(String url, Path script, int threads, int connections, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("wrk is not installed: apt-get install wrk", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("wrk failed:\n" + out);
        }
        return new Load(url, number(RATE, out), (long) number(TOTAL, out), millis(P50, out), millis(P99, out), (long) numberOr(NON_2XX, out, 0));
    }

    private static double number(Pattern p, String out) {
        Matcher m = p.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk said:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double numberOr(Pattern p, String out, double otherwise) {
        Matcher m = p.matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : otherwise;
    }

    private static double millis(Pattern p, String out) {
        Matcher m = p.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk said:\n" + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    private TrackingBench() {
    }
}
