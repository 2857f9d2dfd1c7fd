package dev.herald.channel;

import java.util.regex.Pattern;

/**
 * What a well-formed address of a channel looks like, in its two forms with one meaning: a regular
 * expression the stores match a population's addresses with (POSIX classes, as DuckDB's RE2 and
 * PostgreSQL read them) and a Java pattern for one recipient at a time. An agreement test keeps the
 * two equal on both stores.
 */
public record AddressRule(String sql, Pattern memory) {

    /** Any address is well-formed (a device token, a mailing house's line). */
    public static final AddressRule ANY = new AddressRule(null, null);

    public static AddressRule of(String sql, String java) {
        return new AddressRule(sql, Pattern.compile(java));
    }

    /** Whether addresses are checked at all. */
    public boolean checks() {
        return sql != null;
    }

    /** The in-memory form: whether {@code address}, without its leading and trailing spaces, is well-formed. */
    public boolean accepts(String address) {
        return memory == null || address != null && memory.matcher(trimmed(address)).matches();
    }

    /** {@code s} without its leading and trailing spaces — only spaces, as SQL's {@code trim} removes; null stays null. */
    public static String trimmed(String s) {
        if (s == null) {
            return null;
        }
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        return s.substring(from, to);
    }
}
