package dev.herald.load;

import java.nio.file.Path;
import java.util.Locale;

/** The formats Herald reads and writes; gzip is recognised by a {@code .gz} suffix. */
public enum FileFormat {
    CSV, PARQUET, NDJSON;

    /** Guesses the format from the file name ({@code .csv[.gz]}, {@code .tsv}, {@code .parquet}, {@code .ndjson}/{@code .jsonl}). */
    public static FileFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".parquet")) {
            return PARQUET;
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl") || name.endsWith(".json")) {
            return NDJSON;
        }
        return CSV;
    }

    public static boolean isGzip(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }
}
