package dev.herald.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What an import did. When {@code rolledBack} is true the rejects exceeded the limit and the table
 * was left exactly as it was; the counts then say what would have happened.
 */
public record ImportSummary(String entity, long read, long inserted, long updated, long deleted, long rejected,
                            Duration took, List<Reject> firstRejects, Path rejectsFile, boolean rolledBack) {

    public String describe() {
        String line = String.format("%s: read %,d, inserted %,d, updated %,d, deleted %,d, rejected %,d in %.2f s",
                entity, read, inserted, updated, deleted, rejected, took.toMillis() / 1000.0);
        if (rolledBack) {
            line += " — ROLLED BACK: more rejects than allowed, nothing was changed";
        }
        if (rejected > 0 && rejectsFile != null) {
            line += "\n  rejected rows are in " + rejectsFile;
        }
        return line;
    }
}
