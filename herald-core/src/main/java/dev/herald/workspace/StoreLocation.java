package dev.herald.workspace;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the marketing database lives: a DuckDB file (the default) or a PostgreSQL JDBC URL.
 * {@link #toString()} never shows a password, and {@link #mask(String)} hides it in any message
 * about this location (a driver's error quotes the URL as it was given).
 */
public record StoreLocation(String url) {

    private static final Pattern PASSWORD = Pattern.compile("(?i)password=([^&]*)");
    /** {@code //user:secret@host}: the secret runs to the last '@' before the query string. */
    private static final Pattern USER_INFO = Pattern.compile("//[^/@:?]+:([^?]*)@");

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
                .append(URLEncoder.encode(decoded(user, "user"), StandardCharsets.UTF_8));
        if (colon >= 0) {
            url.append("&password=").append(URLEncoder.encode(decoded(userInfo.substring(colon + 1), "password"), StandardCharsets.UTF_8));
        }
        if (!params.isEmpty()) {
            url.append('&').append(params);
        }
        return url.toString();
    }

    /** A part of a URL's user info, %-decoded; the decoder's own message would quote the password. */
    private static String decoded(String part, String what) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the store URL's " + what + " has a '%' that starts no %XX escape; write '%25' for a '%'");
        }
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

    /**
     * {@code text} without this location's password, in any spelling the URL holds it (as written
     * or decoded), nor any other password {@link Passwords#mask} recognises.
     */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String shown = text;
        for (String secret : secrets()) {
            shown = shown.replace(secret, Passwords.MASK);
        }
        return Passwords.mask(shown);
    }

    /** The password as it appears in the URL and decoded, longest first so that no part of one is left. */
    private Set<String> secrets() {
        Set<String> found = new LinkedHashSet<>();
        for (Pattern p : new Pattern[] {PASSWORD, USER_INFO}) {
            Matcher m = p.matcher(url);
            while (m.find()) {
                String secret = m.group(1);
                if (!secret.isEmpty()) {
                    found.add(secret);
                    try {
                        found.add(URLDecoder.decode(secret, StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException notEncoded) {
                        // a '%' that starts no escape: the secret is only written one way
                    }
                }
            }
        }
        return found.stream().sorted(Comparator.comparingInt(String::length).reversed())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    public String toString() {
        return mask(url);
    }
}
