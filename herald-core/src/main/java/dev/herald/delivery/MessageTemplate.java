package dev.herald.delivery;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import liqp.Template;
import liqp.TemplateParser;
import liqp.parser.Flavor;

/**
 * A message's subject, body or text in Liquid ({@code Hello {{ profile.first_name | default: "there" }}}),
 * parsed once and rendered per message. Templates cannot read files: the Liquid flavour has no
 * {@code include_relative}, and {@code include} is refused when the template is parsed (and its file
 * resolver refuses everything besides). A render is bounded in loops and size. (Liquid's time limit
 * is not used: it runs each render on a thread of its own, which made rendering fifty times slower.)
 */
public final class MessageTemplate {

    private static final Pattern INCLUDE = Pattern.compile("\\{%-?\\s*include");
    private static final TemplateParser PARSER = new TemplateParser.Builder()
            .withFlavor(Flavor.LIQUID)
            .withNameResolver(name -> {
                throw new IOException("templates cannot include files ('" + name + "')");
            })
            .withMaxIterations(10_000)
            .withMaxSizeRenderedString(1_000_000)
            .withMaxTemplateSizeBytes(256 * 1024)
            .withErrorMode(TemplateParser.ErrorMode.STRICT)
            .build();

    /** How many templates were parsed in this process: what a run must not add to (its plan has them parsed). */
    private static final java.util.concurrent.atomic.LongAdder PARSES = new java.util.concurrent.atomic.LongAdder();

    private final String text;
    private final Template template;

    private MessageTemplate(String text, Template template) {
        this.text = text;
        this.template = template;
    }

    /** The number of templates parsed in this process so far. */
    public static long parses() {
        return PARSES.sum();
    }

    /** Parses a template; throws {@link IllegalArgumentException} with Liquid's reason when it is not valid. */
    public static MessageTemplate parse(String text) {
        PARSES.increment();
        if (INCLUDE.matcher(text).find()) {
            throw new IllegalArgumentException("templates cannot include other files; write the text in the template");
        }
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
