package dev.herald.liquid;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inside of a tag or an output, as tokens — identifiers, texts, numbers, comparisons and
 * punctuation, as Ruby Liquid's lexer reads them — and a cursor over them for the parser.
 */
final class Markup {

    enum Kind { ID, STRING, NUMBER, COMPARISON, DOT, DOTDOT, PIPE, COLON, COMMA, OPEN_SQUARE, CLOSE_SQUARE, OPEN_ROUND, CLOSE_ROUND, QUESTION, DASH, END }

    record Tok(Kind kind, String text) {
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_][\\w-]*\\??");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final List<Tok> tokens;
    private final String source;
    private final String template;
    private final int line;
    private int p;

    private Markup(List<Tok> tokens, String source, String template, int line) {
        this.tokens = tokens;
        this.source = source;
        this.template = template;
        this.line = line;
    }

    static Markup of(String source, String template, int line) {
        return new Markup(tokenize(source, template, line), source, template, line);
    }

    private static List<Tok> tokenize(String s, String template, int line) {
        List<Tok> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            switch (c) {
                case '|' -> { out.add(new Tok(Kind.PIPE, "|")); i++; }
                case ':' -> { out.add(new Tok(Kind.COLON, ":")); i++; }
                case ',' -> { out.add(new Tok(Kind.COMMA, ",")); i++; }
                case '[' -> { out.add(new Tok(Kind.OPEN_SQUARE, "[")); i++; }
                case ']' -> { out.add(new Tok(Kind.CLOSE_SQUARE, "]")); i++; }
                case '(' -> { out.add(new Tok(Kind.OPEN_ROUND, "(")); i++; }
                case ')' -> { out.add(new Tok(Kind.CLOSE_ROUND, ")")); i++; }
                case '?' -> { out.add(new Tok(Kind.QUESTION, "?")); i++; }
                case '.' -> {
                    if (i + 1 < n && s.charAt(i + 1) == '.') {
                        out.add(new Tok(Kind.DOTDOT, ".."));
                        i += 2;
                    } else {
                        out.add(new Tok(Kind.DOT, "."));
                        i++;
                    }
                }
                case '=', '!' -> {
                    if (i + 1 < n && s.charAt(i + 1) == '=') {
                        out.add(new Tok(Kind.COMPARISON, c + "="));
                        i += 2;
                    } else {
                        throw new LiquidSyntaxException(template, line, "unexpected character '" + c + "' in \"" + s.strip() + "\"");
                    }
                }
                case '<', '>' -> {
                    if (i + 1 < n && (s.charAt(i + 1) == '=' || c == '<' && s.charAt(i + 1) == '>')) {
                        out.add(new Tok(Kind.COMPARISON, s.substring(i, i + 2)));
                        i += 2;
                    } else {
                        out.add(new Tok(Kind.COMPARISON, String.valueOf(c)));
                        i++;
                    }
                }
                case '\'', '"' -> {
                    int end = s.indexOf(c, i + 1);
                    if (end < 0) {
                        throw new LiquidSyntaxException(template, line, "a text is not closed: " + s.substring(i).strip());
                    }
                    out.add(new Tok(Kind.STRING, s.substring(i + 1, end)));
                    i = end + 1;
                }
                default -> {
                    Matcher m;
                    if (c == '-' || Character.isDigit(c) && c < 128) {
                        m = NUMBER.matcher(s).region(i, n);
                        if (m.lookingAt()) {
                            out.add(new Tok(Kind.NUMBER, m.group()));
                            i = m.end();
                        } else {
                            out.add(new Tok(Kind.DASH, "-"));
                            i++;
                        }
                    } else if ((m = IDENTIFIER.matcher(s).region(i, n)).lookingAt()) {
                        String id = m.group();
                        boolean afterDot = !out.isEmpty() && out.getLast().kind() == Kind.DOT;
                        out.add(id.equals("contains") && !afterDot ? new Tok(Kind.COMPARISON, id) : new Tok(Kind.ID, id));
                        i = m.end();
                    } else {
                        throw new LiquidSyntaxException(template, line, "unexpected character '" + c + "' in \"" + s.strip() + "\"");
                    }
                }
            }
        }
        out.add(new Tok(Kind.END, ""));
        return out;
    }

    String template() {
        return template;
    }

    int line() {
        return line;
    }

    String source() {
        return source;
    }

    int position() {
        return p;
    }

    /** The tokens read since {@code position}, as text. */
    String textFrom(int position) {
        StringBuilder b = new StringBuilder();
        for (int i = position; i < p; i++) {
            Tok t = tokens.get(i);
            b.append(t.kind() == Kind.STRING ? "'" + t.text() + "'" : t.text());
        }
        return b.toString();
    }

    boolean look(Kind kind) {
        return tokens.get(p).kind() == kind;
    }

    boolean look(Kind kind, int ahead) {
        return p + ahead < tokens.size() && tokens.get(p + ahead).kind() == kind;
    }

    Tok peek() {
        return tokens.get(p);
    }

    boolean atEnd() {
        return look(Kind.END);
    }

    String consume(Kind kind) {
        Tok t = tokens.get(p);
        if (t.kind() != kind) {
            throw error("expected " + describe(kind) + " but found " + (t.kind() == Kind.END ? "the end" : "'" + t.text() + "'"));
        }
        p++;
        return t.text();
    }

    Tok next() {
        Tok t = tokens.get(p);
        if (t.kind() != Kind.END) {
            p++;
        }
        return t;
    }

    /** Consumes a token of {@code kind} if it is next. */
    boolean accept(Kind kind) {
        if (look(kind)) {
            p++;
            return true;
        }
        return false;
    }

    /** Consumes the identifier {@code word} if it is next. */
    boolean acceptWord(String word) {
        Tok t = tokens.get(p);
        if (t.kind() == Kind.ID && t.text().equals(word)) {
            p++;
            return true;
        }
        return false;
    }

    void end() {
        if (!atEnd()) {
            throw error("unexpected '" + peek().text() + "'");
        }
    }

    LiquidSyntaxException error(String reason) {
        return new LiquidSyntaxException(template, line, reason + " in \"" + source.strip() + "\"");
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case ID -> "a name";
            case STRING -> "a quoted text";
            case COLON -> "':'";
            case CLOSE_SQUARE -> "']'";
            case CLOSE_ROUND -> "')'";
            case DOTDOT -> "'..'";
            case END -> "the end";
            default -> kind.name().toLowerCase();
        };
    }
}
