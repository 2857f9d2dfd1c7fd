package dev.herald.liquid;

/**
 * What went wrong with a template: where (its name, such as {@code templates/footer.liquid}, and the
 * line, counted from 1; 0 when unknown) and why, in words a marketer can act on.
 */
public class LiquidException extends RuntimeException {

    private final String template;
    private final int line;
    private final String reason;

    public LiquidException(String template, int line, String reason) {
        super(where(template, line) + reason);
        this.template = template;
        this.line = line;
        this.reason = reason;
    }

    private static String where(String template, int line) {
        if (template == null) {
            return line > 0 ? "line " + line + ": " : "";
        }
        return template + (line > 0 ? ":" + line : "") + ": ";
    }

    /** The template's name, or null for a message part written in the campaign. */
    public String template() {
        return template;
    }

    public int line() {
        return line;
    }

    /** The reason alone, without where. */
    public String reason() {
        return reason;
    }
}
