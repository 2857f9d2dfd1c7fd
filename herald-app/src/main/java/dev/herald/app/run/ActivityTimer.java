package dev.herald.app.run;

import java.time.Duration;

/**
 * Hears how long each activity this process ran took, by its type and how it ended: {@code done},
 * {@code failed}, or {@code waiting} (it stopped for now: a provider to retry, quiet hours, an
 * approval, a pause). The server's metrics hear it.
 */
@FunctionalInterface
public interface ActivityTimer {

    ActivityTimer NONE = (type, outcome, took) -> {
    };

    void took(String type, String outcome, Duration took);
}
