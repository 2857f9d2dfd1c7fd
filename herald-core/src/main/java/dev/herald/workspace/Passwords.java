package dev.herald.workspace;

import java.util.regex.Pattern;

/**
 * Hides passwords in any text that may quote a store URL: a driver's message, a YAML error, the
 * message of an exception the CLI is about to print. A password is the value of a
 * {@code password=}, {@code secret=}, {@code token=} or {@code dkim_key=} parameter or the secret of {@code //user:secret@host}.
 */
public final class Passwords {

    /** What replaces a password. */
    public static final String MASK = "***";

    /** A value already masked is left alone: masking twice must not eat what follows it. */
    private static final Pattern PARAMETER = Pattern.compile("(?i)((?:password|secret|dkim_key|token)=)(?!\\*\\*\\*)[^&\\s'\"]*");
    /** {@code //user:secret@host}: the secret runs to the last '@' before a query string or a blank. */
    private static final Pattern USER_INFO = Pattern.compile("//([^/@:?\\s]+):([^?\\s]*)@");

    private Passwords() {
    }

    /** {@code text} with every password it seems to hold replaced by {@value #MASK}; null stays null. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String shown = PARAMETER.matcher(text).replaceAll("$1" + MASK);
        return USER_INFO.matcher(shown).replaceAll("//$1:" + MASK + "@");
    }
}
