package dev.herald.audience;

import java.time.OffsetDateTime;

/**
 * A saved audience, at one version. An {@code expression} audience is re-evaluated whenever it is
 * used; a {@code static} one is the population it had when saved, kept in {@code populationTable}.
 */
public record Audience(String name, int version, String dimension, Kind kind, String expression, String populationTable,
                       long size, OffsetDateTime savedAt) {

    public enum Kind { EXPRESSION, STATIC }
}
