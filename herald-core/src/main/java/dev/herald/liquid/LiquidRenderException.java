package dev.herald.liquid;

/**
 * A template that could not render with the values it was given: a filter refused its input
 * ({@code divided_by: 0}), or the render went over one of its {@link Bounds}.
 */
public class LiquidRenderException extends LiquidException {

    public LiquidRenderException(String template, int line, String reason) {
        super(template, line, reason);
    }
}
