package dev.herald.campaign.config;

/** How many records a subset may take: a count, or a percentage of its candidates (rounded down). */
public record Limit(long count, double percent, boolean isPercent) {

    public static Limit count(long n) {
        return new Limit(n, 0, false);
    }

    public static Limit percent(double p) {
        return new Limit(0, p, true);
    }

    @Override
    public String toString() {
        return isPercent ? (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent)) + "%"
                : String.valueOf(count);
    }
}
