package dev.herald.liquid;

/** A render that went over one of its {@link Bounds}: too long, too much output, too much assigned, too deep. */
public final class BoundExceededException extends LiquidRenderException {

    public BoundExceededException(String template, int line, String reason) {
        super(template, line, reason);
    }
}
