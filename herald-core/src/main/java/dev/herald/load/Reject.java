package dev.herald.load;

/**
 * A row that was not loaded. {@code line} is the physical line of the file where the row starts,
 * the header being line 1; {@code column} is null for whole-row problems; {@code key} is the key
 * of the row as the file writes it, when there is one ({@code order_id=1, line_no=2} for a key of
 * several fields), else null.
 */
public record Reject(long line, String column, String reason, String key) {

    public Reject(long line, String column, String reason) {
        this(line, column, reason, null);
    }

    /** The text of a key: its value, or {@code name=value, …} for a key of several fields; null when every part is empty. */
    public static String key(java.util.List<String> names, java.util.List<String> values) {
        if (values.stream().allMatch(java.util.Objects::isNull)) {
            return null;
        }
        if (values.size() == 1) {
            return values.get(0);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(values.get(i) == null ? "" : values.get(i));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "line " + line + (column == null ? "" : ", column " + column) + ": " + reason;
    }
}
