package dev.herald.expr;

/** The value functions Herald's expressions support, each with the same meaning in SQL and in memory. */
public enum Function {
    STARTS_WITH, ENDS_WITH, CONTAINS, MATCHES, LOWER_ASCII, UPPER_ASCII, SIZE,
    /** Timestamps: the optional second argument is a time zone such as "Europe/Paris" (default UTC). */
    YEAR, MONTH, DAY_OF_MONTH, DAY_OF_WEEK, DAY_OF_YEAR, HOURS, MINUTES,
    /** {@code daysAgo(n)} = now minus n days; {@code hoursAgo(n)} likewise. */
    DAYS_AGO, HOURS_AGO,
    /** Of a constant text only: computed before the query. */
    TIMESTAMP, DURATION, DATE,
    /** Conversions ({@link Conversions}): a value that does not convert is unknown. */
    TO_INT, TO_DOUBLE, TO_STRING, TO_BOOL,
    /** {@code timestamp(n)}: n seconds after 1970-01-01T00:00:00Z. */
    FROM_SECONDS,
    /** {@code date(t)}: midnight UTC of a time's day. */
    DAY,
    /** A duration's length in whole hours, minutes, seconds or milliseconds, truncated toward zero. */
    TOTAL_HOURS, TOTAL_MINUTES, TOTAL_SECONDS, TOTAL_MILLISECONDS
}
