package dev.herald.campaign;

import dev.herald.text.Echo;
import java.util.regex.Pattern;

/** The names people give in campaigns: ids, outputs, subsets, columns, audiences. */
public final class Names {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    private Names() {
    }

    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Why {@code name} cannot be a {@code what} ("id", "name"…). */
    public static String problem(String what, String name) {
        return Echo.quoted(name) + " is not a valid " + what + ": use lower-case letters, digits and '_', starting with a letter (up to 41)";
    }
}
