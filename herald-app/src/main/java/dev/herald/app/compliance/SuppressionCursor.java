package dev.herald.app.compliance;

import dev.herald.compliance.Suppression;
import dev.herald.error.UserError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of the suppression list ended, as an opaque text: the last entry's time, channel and
 * address (the list's order), so that the next page starts right after it whatever was added since.
 */
final class SuppressionCursor {

    private SuppressionCursor() {
    }

    static String of(Suppression last) {
        String text = last.createdAt() + "\n" + last.channel() + "\n" + last.address();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The entry a cursor names, with only the fields the order uses; a cursor Herald did not give is a clear error. */
    static Suppression read(String cursor) {
        try {
            // time and channel hold no line break; the address may, so it is the rest
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 3);
            if (parts.length == 3) {
                return new Suppression(parts[1], parts[2], null, null, null, Instant.parse(parts[0]), null);
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // below
        }
        throw UserError.invalid("cursor", "cursor is the next_cursor of the previous page, as given");
    }
}
