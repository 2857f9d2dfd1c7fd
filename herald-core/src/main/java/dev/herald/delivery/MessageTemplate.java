package dev.herald.delivery;

import dev.herald.liquid.Escape;
import dev.herald.liquid.Liquid;
import dev.herald.liquid.LiquidTemplate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A message's subject, body or text in Liquid ({@code Hello {{ profile.first_name | default: "there" }}}),
 * parsed once when its campaign is validated and rendered per message with Herald's Liquid: its
 * partials come only from the workspace's {@code templates/} folder, and every render is bounded
 * in time, output, assigned values and depth ({@link dev.herald.liquid.Bounds#MESSAGE}).
 */
public final class MessageTemplate {

    private final LiquidTemplate template;

    MessageTemplate(LiquidTemplate template) {
        this.template = template;
    }

    /** The number of templates (partials included) parsed in this process so far: what a run must not add to. */
    public static long parses() {
        return Liquid.parses();
    }

    /** Parses a template without partials; throws {@link IllegalArgumentException} with the line and reason when it is not valid. */
    public static MessageTemplate parse(String text) {
        return Templates.STANDARD.parse(text);
    }

    public String text() {
        return template.source();
    }

    /** The parsed template, for validation. */
    public LiquidTemplate liquid() {
        return template;
    }

    /** Renders with {@code values}, one entry per record in scope ({@code profile}, {@code target}, {@code vars}), dates in UTC, nothing escaped. */
    public String render(Map<String, ?> values) {
        return render(values, ZoneOffset.UTC, Escape.NONE);
    }

    /**
     * Renders with {@code values}, dates in {@code zone}, inserted values escaped as {@code escape}
     * says; throws {@link dev.herald.liquid.LiquidRenderException} with the line and reason when
     * it cannot.
     */
    public String render(Map<String, ?> values, ZoneId zone, Escape escape) {
        return template.render(values, zone, escape);
    }
}
