package dev.herald.delivery;

import dev.herald.liquid.Liquid;
import dev.herald.liquid.LiquidSyntaxException;
import dev.herald.liquid.TemplateFolder;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The templates of a workspace: Herald's Liquid with the partials of its {@code templates/} folder
 * ({@code {% render 'footer' %}}), and the time zone dates are shown in when a recipient has none
 * of their own. Validation parses every message part with it and keeps the result in the plan.
 */
public record Templates(Liquid liquid, ZoneId zone) {

    /** No partials, dates in UTC: for templates outside a workspace. */
    public static final Templates STANDARD = new Templates(Liquid.standard(), ZoneOffset.UTC);

    /** The templates of a workspace whose partials are in {@code folder}, shown in errors as {@code templates/…}. */
    public static Templates of(Path folder, ZoneId zone) {
        return new Templates(Liquid.standard().withPartials(new TemplateFolder(folder, "templates")), zone);
    }

    /** Parses a message part; throws {@link IllegalArgumentException} with the line and reason when it is not valid. */
    public MessageTemplate parse(String text) {
        try {
            return new MessageTemplate(liquid.parse(text, null));
        } catch (LiquidSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
