package dev.herald.channel.provider;

import dev.herald.error.UserError;
import dev.herald.text.Echo;
import dev.herald.workspace.Passwords;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A provider as {@code herald.yaml} writes it, a URL ({@code smtp://user:pass@host:587?tls=starttls},
 * {@code webhook://?secret=…}): its parts, and its options after {@code ?}, each one of the
 * provider's known options, percent-decoded. Every error names the setting and shows the URL with
 * its password and secret masked.
 */
public final class ProviderUrl {

    private final String setting;
    private final String what;
    private final String url;
    private final URI uri;
    private final Map<String, String> options = new LinkedHashMap<>();

    /**
     * @param setting the setting it comes from, e.g. {@code providers.email}
     * @param what    what it is, for errors: {@code email provider}
     * @param known   the options it may have
     */
    public ProviderUrl(String setting, String what, String url, Set<String> known) {
        this.setting = setting;
        this.what = what;
        this.url = url;
        try {
            this.uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid("not a URL (" + e.getReason() + ")");
        }
        String raw = uri.getRawQuery();
        if (raw == null && uri.getRawSchemeSpecificPart() != null && uri.getRawSchemeSpecificPart().startsWith("//?")) {
            raw = uri.getRawSchemeSpecificPart().substring(3); // scheme://?options: no authority at all
        }
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (!known.contains(key)) {
                    throw invalid("unknown option " + Echo.quoted(key) + " (options: " + String.join(", ", new TreeSet<>(known)) + ")");
                }
                options.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
    }

    public URI uri() {
        return uri;
    }

    /** The scheme in lower case, or "". */
    public String scheme() {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    }

    /** An option's value, or null. */
    public String option(String key) {
        return options.get(key);
    }

    /** A whole-number option from {@code min} to {@code max}, {@code fallback} when absent. */
    public int whole(String key, int fallback, int min, int max) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw invalid(key + " is a whole number from " + min + " to " + max + ", got " + Echo.quoted(v));
    }

    /**
     * The text of the workspace file an option names ({@code key=secrets/AuthKey.p8}), relative to
     * the workspace; null when the option is absent. A file outside the workspace (an absolute path,
     * {@code ..}, or a symbolic link leading out) is refused before a byte of it is read.
     */
    public String file(String key, Path workspace) {
        String name = options.get(key);
        if (name == null) {
            return null;
        }
        try {
            Path root = workspace.toRealPath();
            Path file = root.resolve(name).normalize();
            if (Path.of(name).isAbsolute() || !file.startsWith(root)) {
                throw invalid(key + " names " + Echo.quoted(name) + ", outside the workspace: name a file of the workspace, relative to it");
            }
            if (!Files.isRegularFile(file)) {
                throw invalid(key + " names " + Echo.quoted(name) + ", which is not a file of the workspace " + root);
            }
            if (!file.toRealPath().startsWith(root)) {
                throw invalid(key + " names " + Echo.quoted(name) + ", a link to a file outside the workspace");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw invalid(key + " names " + Echo.quoted(name) + ", which cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The user and the password of {@code user:password@}, decoded; nulls when absent. */
    public String[] userInfo() {
        String info = uri.getRawUserInfo();
        if (info == null) {
            return new String[] {null, null};
        }
        int colon = info.indexOf(':');
        return new String[] {decode(colon < 0 ? info : info.substring(0, colon)), colon < 0 ? null : decode(info.substring(colon + 1))};
    }

    /** The error of this URL: "the email provider smtp://u:***@host is wrong: REASON". */
    public UserError invalid(String reason) {
        return UserError.invalid(setting, "the " + what + " " + Passwords.mask(url) + " is wrong: " + reason);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
