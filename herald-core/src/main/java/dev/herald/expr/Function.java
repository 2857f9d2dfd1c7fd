package dev.herald.expr;

/** The value functions Herald's expressions support, each with the same meaning in SQL and in memory. */
public enum Function {
    STARTS_WITH, ENDS_WITH, CONTAINS, MATCHES, LOWER_ASCII, UPPER_ASCII, SIZE,
    /** Timestamps: the optional second argument is a time zone such as "Europe/Paris" (default UTC). */
    YEAR, MONTH, DAY_OF_MONTH, DAY_OF_WEEK, DAY_OF_YEAR, HOURS, MINUTES,
    /** {@code daysAgo(n)} = now minus n days; {@code hoursAgo(n)} likewise. */
    DAYS_AGO, HOURS_AGO,
    TIMESTAMP, DURATION, TO_INT, TO_DOUBLE, TO_STRING
}
