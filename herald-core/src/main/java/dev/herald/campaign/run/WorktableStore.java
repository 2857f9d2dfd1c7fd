package dev.herald.campaign.run;

import dev.herald.campaign.Population;
import dev.herald.preview.Preview;
import java.time.Instant;
import java.util.List;

/** The worktables of runs: a look at one, and dropping those of runs that ended long ago. */
public interface WorktableStore {

    /**
     * The first {@code limit} rows of a worktable by key: its columns, then the chosen fields of the
     * dimension's records ({@code profile.email}).
     */
    Preview preview(String worktable, Population population, List<String> fields, int limit);

    /** Drops the worktables of runs that ended before {@code before}; returns how many runs were purged. */
    int purge(Instant before);
}
