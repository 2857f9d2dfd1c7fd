package dev.herald.delivery;

import dev.herald.liquid.BoundExceededException;
import dev.herald.liquid.Escape;
import dev.herald.liquid.LiquidException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A template rendered once at validation with empty records: a template that goes over its bounds
 * whatever the data ({@code {% assign s = s | append: s %}} in a loop of 40) is an error there,
 * where it can be seen, not in every message. Other failures of that render are not errors: with
 * real values the template may well render.
 */
public final class TemplateTrial {

    private TemplateTrial() {
    }

    /** The bound {@code template} exceeds with empty records, if any. */
    public static Optional<String> problem(MessageTemplate template, Map<String, Set<String>> scopes, ZoneId zone) {
        Map<String, Object> empty = new LinkedHashMap<>();
        scopes.keySet().forEach(scope -> empty.put(scope, Map.of()));
        try {
            template.render(empty, zone, Escape.NONE);
            return Optional.empty();
        } catch (BoundExceededException e) {
            return Optional.of(e.getMessage() + " (rendered once with empty values when the campaign was checked)");
        } catch (LiquidException e) {
            return Optional.empty();
        }
    }
}
