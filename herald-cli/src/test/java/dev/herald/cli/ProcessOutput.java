package dev.herald.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The lines a process of a test prints, collected by a thread of their own while it runs, up to its death. */
final class ProcessOutput {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    ProcessOutput(Process process) {
        reader = new Thread(() -> read(process));
        reader.setDaemon(true);
        reader.start();
    }

    /** The lines so far: a live view. */
    List<String> lines() {
        return lines;
    }

    /** Waits up to {@code millis} for the last line once the process is gone. */
    void join(long millis) throws InterruptedException {
        reader.join(millis);
    }

    private void read(Process process) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException killed) {
            // the process was killed: its output ends here
        }
    }
}
