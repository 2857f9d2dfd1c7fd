package dev.herald.delivery.run;

import java.util.Map;

/**
 * A message of the log waiting to be sent, with what its templates read: one map of values per
 * record in scope — the recipient's by its entity's name ({@code profile}), the worktable's columns
 * as {@code target}, a secondary record by its entity's name ({@code booking}). Times are ISO 8601
 * text, numbers and booleans as they are.
 */
public record PendingMessage(long id, String address, Map<String, Map<String, Object>> records) {
}
