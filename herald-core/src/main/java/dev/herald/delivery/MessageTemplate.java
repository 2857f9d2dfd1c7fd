package dev.herald.delivery;

import java.io.IOException;
import java.util.Map;
import liqp.Template;
import liqp.TemplateParser;

/**
 * A message's subject, body or text in Liquid ({@code Hello {{ profile.first_name | default: "there" }}}),
 * parsed once and rendered per message. Templates cannot read files ({@code include} is refused),
 * and a render is bounded in loops and size. (Liquid's time limit is not used: it runs each render
 * on a thread of its own, which made rendering fifty times slower.)
 */
public final class MessageTemplate {

    private static final TemplateParser PARSER = new TemplateParser.Builder()
            .withNameResolver(name -> {
                throw new IOException("templates cannot include files ('" + name + "')");
            })
            .withMaxIterations(10_000)
            .withMaxSizeRenderedString(1_000_000)
            .withMaxTemplateSizeBytes(256 * 1024)
            .withErrorMode(TemplateParser.ErrorMode.STRICT)
            .build();

    private final String text;
    private final Template template;

    private MessageTemplate(String text, Template template) {
        this.text = text;
        this.template = template;
    }

    /** Parses a template; throws {@link IllegalArgumentException} with Liquid's reason when it is not valid. */
    public static MessageTemplate parse(String text) {
        try {
            return new MessageTemplate(text, PARSER.parse(text));
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("not a valid Liquid template: " + reason);
        }
    }

    public String text() {
        return text;
    }

    /** Renders with {@code values}: one entry per record in scope ({@code profile}, {@code target}, {@code booking}). */
    public String render(Map<String, Object> values) {
        return template.render(values);
    }
}
