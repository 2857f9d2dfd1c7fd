package dev.herald.liquid;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a template into text, outputs ({@code {{ … }}}) and tags ({@code {% … %}}), each with its
 * line and whether it trims the white space before ({@code {%-}}) and after ({@code -%}) it, as
 * Ruby Liquid's tokenizer does.
 */
final class TemplateLexer {

    enum Kind { TEXT, OUTPUT, TAG }

    /**
     * A token: {@code source} is its text as written; for a tag, {@code name} and {@code markup}
     * (null name when the tag is malformed); for an output, {@code markup} (null when it is not
     * closed, and {@code name} is then what follows its opening, for the error).
     */
    record Token(Kind kind, String source, String name, String markup, int line, boolean trimBefore, boolean trimAfter) {
    }

    private static final Pattern FULL_TAG = Pattern.compile("\\A\\{%-?(\\s*)(#|\\w+)(\\s*)(.*?)-?%}\\z", Pattern.DOTALL);

    private TemplateLexer() {
    }

    static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int n = s.length();
        while (i < n) {
            int open = nextOpen(s, i);
            if (open < 0) {
                out.add(new Token(Kind.TEXT, s.substring(i), null, null, line, false, false));
                break;
            }
            if (open > i) {
                String text = s.substring(i, open);
                out.add(new Token(Kind.TEXT, text, null, null, line, false, false));
                line += newlines(text);
            }
            int end;
            if (s.charAt(open + 1) == '%') {
                int close = s.indexOf("%}", open + 2);
                end = close < 0 ? open + 2 : close + 2;
                out.add(close < 0 ? new Token(Kind.TAG, "{%", null, null, line, false, false) : tag(s.substring(open, end), line));
            } else {
                end = outputEnd(s, open);
                String source = s.substring(open, end);
                if (!source.endsWith("}}") || source.length() < 4) {
                    out.add(new Token(Kind.OUTPUT, source, excerpt(s, open), null, line, false, false));
                } else {
                    int from = source.charAt(2) == '-' ? 3 : 2;
                    int to = source.length() - 2;
                    if (to - 1 >= from && source.charAt(to - 1) == '-') {
                        to--;
                    }
                    out.add(new Token(Kind.OUTPUT, source, null, to > from ? source.substring(from, to) : "", line,
                            from == 3, source.length() >= 5 && source.charAt(source.length() - 3) == '-'));
                }
            }
            line += newlines(s.substring(open, end));
            i = end;
        }
        return out;
    }

    private static Token tag(String source, int line) {
        Matcher m = FULL_TAG.matcher(source);
        boolean trimBefore = source.length() > 2 && source.charAt(2) == '-';
        boolean trimAfter = source.length() >= 5 && source.charAt(source.length() - 3) == '-';
        if (!m.matches()) {
            return new Token(Kind.TAG, source, null, source, line, trimBefore, trimAfter);
        }
        return new Token(Kind.TAG, source, m.group(2), m.group(4), line + newlines(m.group(1)) + newlines(m.group(3)),
                trimBefore, trimAfter);
    }

    /**
     * Where an output that opens at {@code open} ends, as Ruby Liquid's tokenizer has it: after its
     * {@code }}}; after a lone {@code }} or at a tag inside it (a malformed output, refused when
     * parsed outside {@code raw} and {@code comment}); right after {@code {{} when nothing closes it.
     */
    private static int outputEnd(String s, int open) {
        int n = s.length();
        int i = open + 2;
        while (true) {
            while (i < n && s.charAt(i) != '}' && s.charAt(i) != '{') {
                i++;
            }
            if (i >= n) {
                return open + 2;
            }
            char a = s.charAt(i);
            if (i + 1 >= n) {
                return a == '}' ? n : open + 2;
            }
            char b = s.charAt(i + 1);
            if (a == '}') {
                return b == '}' ? i + 2 : i + 1;
            }
            if (b == '%') {
                int close = s.indexOf("%}", i + 2);
                return close < 0 ? n : close + 2;
            }
            i++;
        }
    }

    private static int nextOpen(String s, int from) {
        int i = s.indexOf('{', from);
        while (i >= 0 && i + 1 < s.length()) {
            char c = s.charAt(i + 1);
            if (c == '{' || c == '%') {
                return i;
            }
            i = s.indexOf('{', i + 1);
        }
        return -1;
    }

    static String excerpt(String s, int from) {
        String rest = s.substring(from, Math.min(s.length(), from + 40));
        int nl = rest.indexOf('\n');
        return (nl >= 0 ? rest.substring(0, nl) : rest).strip() + (s.length() > from + 40 || nl >= 0 ? "…" : "");
    }

    static int newlines(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Ruby's {@code rstrip}: white space and NUL at the end. */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && space(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Ruby's {@code lstrip}. */
    static String lstrip(String s) {
        int start = 0;
        while (start < s.length() && space(s.charAt(start))) {
            start++;
        }
        return s.substring(start);
    }

    static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B || c == 0;
    }
}
