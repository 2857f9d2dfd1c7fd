package dev.herald.liquid;

import java.time.Duration;

/**
 * The limits of one template: its size and how deep its blocks nest, checked when it is parsed;
 * and, for each render, its time, the characters it writes (into the message and into captures),
 * the characters its {@code assign} and {@code capture} tags hold (counted at every assignment, as
 * Ruby Liquid's assign score does), the steps it takes (a node rendered, a loop turn) and how deep
 * partials include partials.
 */
public record Bounds(int templateChars, int nesting, Duration time, long outputChars, long assignedChars, long steps,
                     int partialDepth) {

    /** Herald's limits for a message part: generous for any real message, small enough for a sender's heap. */
    public static final Bounds MESSAGE = new Bounds(256 * 1024, 100, Duration.ofSeconds(1), 1_000_000, 1_000_000, 1_000_000, 10);

    public Bounds withTime(Duration time) {
        return new Bounds(templateChars, nesting, time, outputChars, assignedChars, steps, partialDepth);
    }
}
