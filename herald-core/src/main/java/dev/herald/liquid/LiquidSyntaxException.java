package dev.herald.liquid;

/** A template that is not valid Liquid, or that names a filter, tag or partial Herald does not have. */
public final class LiquidSyntaxException extends LiquidException {

    public LiquidSyntaxException(String template, int line, String reason) {
        super(template, line, reason);
    }
}
