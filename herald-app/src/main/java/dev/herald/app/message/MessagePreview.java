package dev.herald.app.message;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One recipient's message as a delivery activity would render it: each part (or the part's
 * error, when it cannot render), the time zone its dates are shown in, and notes on what a
 * preview cannot know (a run's population columns).
 *
 * @param parts  part name → its text; {@code errors} holds the parts that could not render instead
 * @param errors part name → why it could not render
 */
public record MessagePreview(String campaign, String activity, String channel, String entity, String key, ZoneId zone,
                             Map<String, String> parts, Map<String, String> errors, List<String> notes) {
}
