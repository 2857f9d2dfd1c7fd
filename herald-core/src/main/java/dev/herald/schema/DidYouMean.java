package dev.herald.schema;

import java.util.Collection;

/**
 * Suggests the closest known name for a wrong one: {@code " — did you mean 'country'?"}. Close is a
 * near spelling ('contry' → 'country'), else a name made of the same words ('state' →
 * 'customer_state', 'order_status' → 'status'). Callers pass the names that are right in the
 * place of the wrong one — the fields of that entity, not of every entity.
 */
public final class DidYouMean {

    private DidYouMean() {
    }

    /** The hint to append to an error message, or an empty string when nothing is close enough. */
    public static String hint(String wrong, Collection<String> known) {
        String best = closest(wrong, known);
        return best == null ? "" : " — did you mean " + dev.herald.text.Echo.quoted(best) + "?";
    }

    /** The closest of {@code known} to {@code wrong}, or null. */
    public static String closest(String wrong, Collection<String> known) {
        String w = wrong.toLowerCase();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            if (Math.abs(candidate.length() - wrong.length()) > 3) {
                continue; // never close enough, and a huge name would cost a huge table
            }
            int d = distance(w, candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(1, Math.min(3, wrong.length() / 3));
        if (best != null && bestDistance <= allowed) {
            return best;
        }
        best = null;
        int bestExtra = Integer.MAX_VALUE;
        for (String candidate : known) {
            String c = candidate.toLowerCase();
            boolean shared = w.length() < c.length() ? wordsOf(w, c) : wordsOf(c, w);
            int extra = Math.abs(c.length() - w.length());
            if (shared && extra > 0 && extra < bestExtra) {
                bestExtra = extra;
                best = candidate;
            }
        }
        return best;
    }

    /** Whether {@code part} is one or more whole words of {@code name}, words being separated by '_'. */
    private static boolean wordsOf(String part, String name) {
        return part.length() >= 2 && ("_" + name + "_").contains("_" + part + "_");
    }

    /** Edit distance where swapping two neighbouring letters counts as one edit ('emial' → 'email'). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
