package dev.herald.liquid;

/**
 * What one render has spent of its {@link Bounds}: steps, characters written, characters assigned,
 * and its time. Partials rendered by {@code render} share their caller's budget.
 */
final class Budget {

    private final Bounds bounds;
    private final long deadline;
    private long steps;
    private long written;
    private long assigned;

    Budget(Bounds bounds) {
        this.bounds = bounds;
        this.deadline = System.nanoTime() + bounds.time().toNanos();
    }

    Bounds bounds() {
        return bounds;
    }

    void step(String template, int line) {
        if (++steps > bounds.steps()) {
            throw new BoundExceededException(template, line, "the template takes more than " + String.format("%,d", bounds.steps())
                    + " steps to render (a loop too long?)");
        }
        if ((steps & 63) == 0 && System.nanoTime() > deadline) {
            throw new BoundExceededException(template, line, "the template takes longer than " + bounds.time().toMillis()
                    + " ms to render");
        }
    }

    void written(long chars, String template, int line) {
        written += chars;
        if (written > bounds.outputChars()) {
            throw new BoundExceededException(template, line, "the template writes more than " + String.format("%,d", bounds.outputChars())
                    + " characters");
        }
    }

    void assigned(long chars, String template, int line) {
        assigned += chars;
        if (assigned > bounds.assignedChars()) {
            throw new BoundExceededException(template, line, "the template assigns more than " + String.format("%,d", bounds.assignedChars())
                    + " characters to variables (a value doubled in a loop?)");
        }
    }

    /** A value a filter made, no larger than what a render may write. */
    void value(Object v, String template, int line) {
        if (v instanceof String s && s.length() > bounds.outputChars()
                || v instanceof java.util.Collection<?> c && !(v instanceof LiquidRange) && c.size() > bounds.outputChars()) {
            throw new BoundExceededException(template, line, "a filter made a value larger than " + String.format("%,d", bounds.outputChars())
                    + " characters");
        }
        if ((++steps & 63) == 0 && System.nanoTime() > deadline) {
            throw new BoundExceededException(template, line, "the template takes longer than " + bounds.time().toMillis()
                    + " ms to render");
        }
    }
}
