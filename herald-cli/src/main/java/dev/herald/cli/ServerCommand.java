package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.server.HeraldServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald server [--port N] [--host H]}: serves the workspace until the process is stopped (Ctrl-C). */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Serve the workspace over HTTP: the API, the open pixel, click redirects and unsubscribe pages of messages, "
                + "and health; resume runs when their timers fall due.")
final class ServerCommand implements Callable<Integer> {

    @ParentCommand
    Herald herald;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--port", defaultValue = "8080", description = "The port to listen on; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "The address to listen on (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 for every network).")
    String host;
    @Option(names = "--log-format", defaultValue = "${env:HERALD_LOG_FORMAT:-text}",
            description = "How the server logs on stderr: text lines, or json (one object per line); default ${DEFAULT-VALUE} "
                    + "(HERALD_LOG_FORMAT).")
    String logFormat;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port " + port + ": a port from 0 to 65535");
        }
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new IllegalArgumentException("--log-format " + logFormat + ": text or json");
        }
        LogSetup.server(logFormat.equals("json"));
        try (Application app = herald.app()) {
            serve(app, host, port, spec.commandLine().getOut(), null);
        }
        return 0;
    }

    /**
     * Serves {@code app} on {@code host:port} until Ctrl-C: prints where, then {@code welcome} (when
     * not null) once it answers; on Ctrl-C stops taking requests, writes the events still queued
     * and closes the store.
     */
    static void serve(Application app, String host, int port, PrintWriter out, String welcome) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        HeraldServer server;
        try {
            server = HeraldServer.start(app, host, port);
        } catch (RuntimeException e) {
            if (causedBy(e, java.net.BindException.class)) {
                throw new IllegalArgumentException("cannot listen on " + host + ":" + port + " (" + rootMessage(e)
                        + "); --port 0 picks a free port");
            }
            throw e;
        }
        Thread hook = new Thread(() -> { // Ctrl-C: stop taking requests, write the events still queued, close the store
            server.close();
            app.close();
            stopped.countDown();
        }, "herald-server-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Herald serves " + app.workspace().dir().toAbsolutePath().normalize() + " at " + server.url());
        out.println("links of messages point to " + app.workspace().config().tracking().baseUrl()
                + " (tracking.base_url); Ctrl-C stops");
        if (welcome != null) {
            out.println(welcome.replace("URL", server.url()));
        }
        out.flush();
        stopped.await();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
