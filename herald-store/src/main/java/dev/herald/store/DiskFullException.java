package dev.herald.store;

import dev.herald.workspace.StoreLocation;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * The disk holding the store is full: the work that met it was rolled back, nothing of it kept.
 * DuckDB says so with an IO error ("No space left on device"), PostgreSQL with SQL state 53100.
 */
public final class DiskFullException extends StoreException {

    DiskFullException(StoreLocation location, Throwable cause) {
        this(location, "try again", cause);
    }

    private final StoreLocation location;

    /** {@code redo} says what to do once there is space, e.g. "run the import again". */
    public DiskFullException(StoreLocation location, String redo, Throwable cause) {
        super("the disk holding " + where(location) + " is full: free space and " + redo + "; nothing was changed", cause);
        this.location = location;
    }

    /** The same full disk, saying what to do once there is space instead. */
    public DiskFullException redo(String redo) {
        return new DiskFullException(location, redo, getCause());
    }

    private static String where(StoreLocation location) {
        return location.isDuckDb() ? location.duckDbFile().toString() : "the PostgreSQL database " + location;
    }

    /** Whether {@code e}, one of its causes or what it suppressed is a full disk. */
    public static boolean isDiskFull(Throwable e) {
        return isDiskFull(e, new HashSet<>());
    }

    private static boolean isDiskFull(Throwable e, Set<Throwable> seen) {
        if (e == null || !seen.add(e)) {
            return false;
        }
        if (e instanceof DiskFullException) {
            return true;
        }
        if (e instanceof SQLException sql && "53100".equals(sql.getSQLState())) {
            return true;
        }
        String m = e.getMessage();
        if (m != null && (m.contains("No space left on device") || m.contains("Disk full") || m.contains("disk is full"))) {
            return true;
        }
        for (Throwable s : e.getSuppressed()) {
            if (isDiskFull(s, seen)) {
                return true;
            }
        }
        return isDiskFull(e.getCause(), seen);
    }
}
