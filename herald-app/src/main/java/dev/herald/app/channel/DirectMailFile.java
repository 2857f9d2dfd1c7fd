package dev.herald.app.channel;

import dev.herald.campaign.run.ActivityRun;
import dev.herald.store.Store;
import dev.herald.store.delivery.DeliveryExport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file a live direct-mail delivery leaves for its print provider, once all its lines are
 * rendered: {@code exports/CAMPAIGN/run-RUN-ACTIVITY.csv} in the workspace — a header of the
 * columns, then one line per message, in message order. It is written in {@code exports/.writing/}
 * and moved to its name in one step, so a provider watching the folder never picks up half a file; a run
 * resumed after a crash writes it again whole, with each line once (the lines are kept by message id).
 */
public final class DirectMailFile {

    /** Where the files go, in the workspace. */
    public static final String FOLDER = "exports";
    /** Where a file is written before it is moved to its name. */
    static final String WRITING = ".writing";

    private final Store store;

    public DirectMailFile(Store store) {
        this.store = store;
    }

    /** What was written: the file, relative to the workspace, and its lines. */
    public record Written(String file, long lines) {
    }

    public Written write(ActivityRun r) {
        String name = FOLDER + "/" + r.record().campaign() + "/run-" + r.record().id() + "-" + r.activity().id();
        Path file = r.fileToWrite(name + ".csv");
        // written in a folder of its own, on the same disk, so that nothing watching exports/CAMPAIGN sees it before the move
        Path part = r.fileToWrite(FOLDER + "/" + WRITING + "/" + r.record().campaign() + "-run-" + r.record().id() + "-" + r.activity().id() + ".csv");
        long lines = new DeliveryExport(store).export(r.plan(), r.record(), r.activity().id(), false, part).rows();
        try {
            Files.createDirectories(file.getParent());
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + part + " to " + file + ": " + e.getMessage(), e);
        }
        return new Written(name + ".csv", lines);
    }
}
