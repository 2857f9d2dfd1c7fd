package dev.herald.workspace;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the marketing database lives: a DuckDB file (the default) or a PostgreSQL JDBC URL.
 * {@link #toString()} never shows a password.
 */
public record StoreLocation(String url) {

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("//([^/@:]+):([^/@]*)@");

    public static StoreLocation duckdb(Path file) {
        return new StoreLocation("jdbc:duckdb:" + file.toAbsolutePath());
    }

    /** A setting as written in herald.yaml or HERALD_DB: a JDBC URL, or a DuckDB file path relative to {@code base}. */
    public static StoreLocation parse(String setting, Path base) {
        String s = setting.strip();
        if (s.startsWith("jdbc:")) {
            return new StoreLocation(s);
        }
        if (s.startsWith("postgresql://") || s.startsWith("postgres://")) {
            return new StoreLocation("jdbc:postgresql://" + s.substring(s.indexOf("//") + 2));
        }
        Path p = Path.of(s);
        return duckdb(p.isAbsolute() ? p : base.resolve(p));
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    public boolean isDuckDb() {
        return url.startsWith("jdbc:duckdb:");
    }

    /** The DuckDB file, for a DuckDB location. */
    public Path duckDbFile() {
        return Path.of(url.substring("jdbc:duckdb:".length()));
    }

    @Override
    public String toString() {
        String shown = PASSWORD.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(shown).replaceAll("//$1:***@");
    }
}
