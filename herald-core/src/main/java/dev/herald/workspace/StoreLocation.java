package dev.herald.workspace;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the marketing database lives: a DuckDB file (the default) or a PostgreSQL JDBC URL.
 * {@link #toString()} never shows a password.
 */
public record StoreLocation(String url) {

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&]*");
    /** {@code //user:secret@host}: the secret runs to the last '@' before the query string. */
    private static final Pattern USER_INFO = Pattern.compile("//([^/@:?]+):([^?]*)@");

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
            return new StoreLocation(fromLibpqUrl(s.substring(s.indexOf("//") + 2)));
        }
        Path p = Path.of(s);
        return duckdb(p.isAbsolute() ? p : base.resolve(p));
    }

    /** {@code user:secret@host:5432/db?x=y} (libpq style) becomes a JDBC URL with user and password parameters. */
    private static String fromLibpqUrl(String rest) {
        int query = rest.indexOf('?');
        String main = query < 0 ? rest : rest.substring(0, query);
        String params = query < 0 ? "" : rest.substring(query + 1);
        int at = main.lastIndexOf('@');
        if (at < 0) {
            return "jdbc:postgresql://" + rest;
        }
        String userInfo = main.substring(0, at);
        String hostAndDb = main.substring(at + 1);
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hostAndDb).append("?user=")
                .append(java.net.URLEncoder.encode(java.net.URLDecoder.decode(user, java.nio.charset.StandardCharsets.UTF_8),
                        java.nio.charset.StandardCharsets.UTF_8));
        if (colon >= 0) {
            String secret = java.net.URLDecoder.decode(userInfo.substring(colon + 1), java.nio.charset.StandardCharsets.UTF_8);
            url.append("&password=").append(java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (!params.isEmpty()) {
            url.append('&').append(params);
        }
        return url.toString();
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
