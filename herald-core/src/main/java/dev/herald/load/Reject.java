package dev.herald.load;

/**
 * A row that was not loaded. {@code line} counts records with the header as line 1 (it is the
 * physical line unless a quoted value spans lines); {@code column} is null for whole-row problems.
 */
public record Reject(long line, String column, String reason) {
    @Override
    public String toString() {
        return "line " + line + (column == null ? "" : ", column " + column) + ": " + reason;
    }
}
