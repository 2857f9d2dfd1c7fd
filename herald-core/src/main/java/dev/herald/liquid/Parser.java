package dev.herald.liquid;

import dev.herald.liquid.Markup.Kind;
import dev.herald.liquid.TemplateLexer.Token;
import dev.herald.schema.DidYouMean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a template into {@link Node}s: text with its white space control applied, outputs, and
 * every tag of Shopify Liquid. Anything it does not know — a tag, a filter, a partial — is an
 * error with the line where it is written; blocks may nest {@link Bounds#nesting()} deep.
 */
final class Parser {

    static final List<String> TAGS = List.of("assign", "capture", "case", "comment", "cycle", "decrement", "doc", "echo", "for", "if",
            "ifchanged", "include", "increment", "liquid", "raw", "render", "tablerow", "unless", "break", "continue", "#");

    private static final Pattern ASSIGN = Pattern.compile("([\\w\\-.\\[\\]]+)\\s*=\\s*(.*)", Pattern.DOTALL);
    private static final Pattern SIGNATURE = Pattern.compile("[\\w\\-.\\[\\]]+");
    private static final Pattern ANY_TAG = Pattern.compile("\\A(.*)\\{%-?\\s*(\\w+)\\s*(.*)?-?%}\\z", Pattern.DOTALL);
    private static final Pattern LIQUID_LINE = Pattern.compile("\\A\\s*(#|\\w+)\\s*(.*?)\\z", Pattern.DOTALL);
    private static final Pattern INLINE_COMMENT = Pattern.compile("\\n\\s*[^#\\s]");

    private final Liquid engine;
    private final String name;
    private final ExpressionParser expressions;
    private final int maxNesting;
    private boolean trimNext;
    private int depth;

    Parser(Liquid engine, String name) {
        this.engine = engine;
        this.name = name;
        this.expressions = new ExpressionParser(engine.filters());
        this.maxNesting = engine.bounds().nesting();
    }

    /** The tokens of a template, or of a {@code liquid} tag's lines, read one at a time. */
    private static final class Cursor {
        final List<Token> tokens;
        final boolean lines;
        int i;

        Cursor(List<Token> tokens, boolean lines) {
            this.tokens = tokens;
            this.lines = lines;
        }

        boolean has() {
            return i < tokens.size();
        }

        Token next() {
            return tokens.get(i++);
        }
    }

    private record Body(List<Node> nodes, Token end) {
        Node.Block block() {
            return new Node.Block(nodes);
        }
    }

    Node.Block parse(String source) {
        if (source.length() > engine.bounds().templateChars()) {
            throw new LiquidSyntaxException(name, 0, "the template has " + String.format("%,d", source.length())
                    + " characters; at most " + String.format("%,d", engine.bounds().templateChars()));
        }
        return body(new Cursor(TemplateLexer.tokenize(source), false), Set.of(), null, 0).block();
    }

    private Body body(Cursor cur, Set<String> ends, String block, int openedAt) {
        if (++depth > maxNesting) {
            throw new LiquidSyntaxException(name, openedAt, "blocks are nested more than " + maxNesting + " deep");
        }
        List<Node> nodes = new ArrayList<>();
        while (cur.has()) {
            Token t = cur.next();
            switch (t.kind()) {
                case TEXT -> {
                    String text = trimNext ? TemplateLexer.lstrip(t.source()) : t.source();
                    trimNext = false;
                    if (!text.isEmpty()) {
                        nodes.add(new Node.Text(text, t.line()));
                    }
                }
                case OUTPUT -> {
                    trimBefore(nodes, t);
                    if (t.markup() == null) {
                        throw new LiquidSyntaxException(name, t.line(), "the output '" + t.name() + "' is not closed with }}");
                    }
                    trimNext = t.trimAfter();
                    nodes.add(new Node.Insert(expressions.filtered(markup(t.markup(), t.line())), t.line()));
                }
                case TAG -> {
                    trimBefore(nodes, t);
                    if (t.name() == null) {
                        throw new LiquidSyntaxException(name, t.line(), t.source().equals("{%") ? "a tag '{%' is not closed with %}"
                                : "'" + TemplateLexer.excerpt(t.source(), 0) + "' is not a tag");
                    }
                    trimNext = t.trimAfter();
                    if (ends.contains(t.name())) {
                        depth--;
                        return new Body(nodes, t);
                    }
                    Node n = tag(cur, t, block);
                    if (n != null) {
                        nodes.add(n);
                    }
                }
            }
        }
        depth--;
        if (block != null) {
            throw new LiquidSyntaxException(name, openedAt, "'" + block + "' is not closed: {% end" + block + " %} is missing");
        }
        return new Body(nodes, null);
    }

    private void trimBefore(List<Node> nodes, Token t) {
        if (t.trimBefore() && !nodes.isEmpty() && nodes.getLast() instanceof Node.Text text) {
            nodes.set(nodes.size() - 1, new Node.Text(TemplateLexer.rstrip(text.text()), text.line()));
        }
    }

    private Markup markup(String text, int line) {
        return Markup.of(text, name, line);
    }

    private Node tag(Cursor cur, Token t, String block) {
        String m = t.markup();
        int line = t.line();
        return switch (t.name()) {
            case "if" -> branches(cur, t, Branches.Kind.IF);
            case "unless" -> branches(cur, t, Branches.Kind.UNLESS);
            case "case" -> caseTag(cur, t);
            case "for" -> loop(cur, t);
            case "tablerow" -> tablerow(cur, t);
            case "assign" -> assign(m, line);
            case "capture" -> {
                Matcher s = SIGNATURE.matcher(m);
                if (!s.find()) {
                    throw new LiquidSyntaxException(name, line, "capture needs a name: {% capture name %}…{% endcapture %}");
                }
                yield new Node.Capture(s.group(), body(cur, Set.of("endcapture"), "capture", line).block(), line);
            }
            case "increment", "decrement" -> new Node.Counter(m.strip(), t.name().equals("increment"), line);
            case "cycle" -> cycle(m, line);
            case "echo" -> new Node.Insert(expressions.filtered(markup(m, line)), line);
            case "break" -> new Node.Interruption(RenderContext.Interrupt.BREAK);
            case "continue" -> new Node.Interruption(RenderContext.Interrupt.CONTINUE);
            case "raw" -> raw(cur, t);
            case "comment" -> comment(cur, t);
            case "doc" -> doc(cur, t);
            case "#" -> {
                if (INLINE_COMMENT.matcher(m).find()) {
                    throw new LiquidSyntaxException(name, line, "every line of a {% # comment %} starts with #");
                }
                yield new Node.Nothing();
            }
            case "liquid" -> liquid(m, line, block);
            case "include" -> partial(m, line, false);
            case "render" -> partial(m, line, true);
            case "ifchanged" -> new Node.Ifchanged(body(cur, Set.of("endifchanged"), "ifchanged", line).block());
            default -> throw unknown(t.name(), block, line);
        };
    }

    private LiquidSyntaxException unknown(String tag, String block, int line) {
        if (tag.equals("else") || tag.equals("elsif") || tag.equals("when")) {
            return new LiquidSyntaxException(name, line, "{% " + tag + " %} outside of the block it belongs to"
                    + (block == null ? "" : " (this is inside '" + block + "')"));
        }
        if (tag.startsWith("end")) {
            return new LiquidSyntaxException(name, line, block == null ? "{% " + tag + " %} closes no block"
                    : "{% " + tag + " %} does not close '" + block + "': write {% end" + block + " %}");
        }
        return new LiquidSyntaxException(name, line, "unknown tag '" + tag + "'" + DidYouMean.hint(tag, TAGS));
    }

    private Node branches(Cursor cur, Token open, Branches.Kind kind) {
        String end = kind == Branches.Kind.IF ? "endif" : "endunless";
        String word = kind == Branches.Kind.IF ? "if" : "unless";
        List<Branches.Branch> branches = new ArrayList<>();
        Condition condition = expressions.condition(markup(open.markup(), open.line()));
        int line = open.line();
        while (true) {
            Body b = body(cur, Set.of("elsif", "else", end), word, open.line());
            branches.add(new Branches.Branch(condition, b.block(), line));
            Token t = b.end();
            if (t.name().equals(end)) {
                break;
            }
            condition = t.name().equals("else") ? new Condition.Otherwise() : expressions.condition(markup(t.markup(), t.line()));
            line = t.line();
        }
        return withoutBlankText(new Branches(kind, branches, open.line()));
    }

    private static Branches withoutBlankText(Branches b) {
        if (!b.blank()) {
            return b;
        }
        List<Branches.Branch> kept = new ArrayList<>();
        Map<Node.Block, Node.Block> stripped = new LinkedHashMap<>();
        for (Branches.Branch br : b.branches()) {
            kept.add(new Branches.Branch(br.condition(), stripped.computeIfAbsent(br.body(), Node.Block::withoutText), br.line()));
        }
        return new Branches(b.kind(), kept, b.line());
    }

    private Node caseTag(Cursor cur, Token open) {
        Markup m = markup(open.markup(), open.line());
        Expression left = expressions.expression(m, true);
        Body before = body(cur, Set.of("when", "else", "endcase"), "case", open.line());
        List<Branches.Branch> branches = new ArrayList<>();
        Token t = before.end();
        while (!t.name().equals("endcase")) {
            Token at = t;
            Body b = body(cur, Set.of("when", "else", "endcase"), "case", open.line());
            if (at.name().equals("else")) {
                if (!at.markup().isBlank()) {
                    throw new LiquidSyntaxException(name, at.line(), "{% else %} of a case takes nothing after it");
                }
                branches.add(new Branches.Branch(new Condition.Otherwise(), b.block(), at.line()));
            } else {
                for (Object value : whenValues(at)) {
                    branches.add(new Branches.Branch(new Condition.Comparison(left, "==", value), b.block(), at.line()));
                }
            }
            t = b.end();
        }
        return withoutBlankText(new Branches(Branches.Kind.CASE, branches, open.line()));
    }

    /** {@code when a, b or c}: the values; as in Ruby Liquid, what follows them otherwise is ignored. */
    private List<Object> whenValues(Token t) {
        Markup m = markup(t.markup(), t.line());
        if (m.atEnd()) {
            throw new LiquidSyntaxException(name, t.line(), "{% when %} needs a value");
        }
        List<Object> values = new ArrayList<>();
        do {
            Expression e = expressions.expression(m, true);
            values.add(e instanceof Expression.Literal l && l.value() instanceof Special s ? s : e);
        } while (m.acceptWord("or") || m.accept(Kind.COMMA));
        return values;
    }

    private Node loop(Cursor cur, Token open) {
        Markup m = markup(open.markup(), open.line());
        String variable = m.consume(Kind.ID);
        if (!m.acceptWord("in")) {
            throw m.error("for needs 'in': {% for item in items %}");
        }
        int from = m.position();
        Expression collection = expressions.expression(m, false);
        String key = variable + "-" + m.textFrom(from);
        boolean reversed = m.acceptWord("reversed");
        Expression limit = null;
        Expression offset = null;
        boolean continues = false;
        while (m.look(Kind.COMMA) || m.look(Kind.ID)) {
            m.accept(Kind.COMMA);
            if (m.atEnd()) {
                break;
            }
            if (m.acceptWord("limit")) {
                m.consume(Kind.COLON);
                limit = expressions.expression(m, false);
            } else if (m.acceptWord("offset")) {
                m.consume(Kind.COLON);
                if (m.acceptWord("continue")) {
                    continues = true;
                } else {
                    offset = expressions.expression(m, false);
                }
            } else {
                throw m.error("for takes limit, offset and reversed, not '" + m.peek().text() + "'");
            }
        }
        m.end();
        Body body = body(cur, Set.of("else", "endfor"), "for", open.line());
        Body otherwise = body.end().name().equals("else") ? body(cur, Set.of("endfor"), "for", open.line()) : null;
        Loop loop = new Loop(false, variable, collection, key, reversed, limit, offset, continues, null, body.block(),
                otherwise == null ? null : otherwise.block(), open.line());
        if (loop.blank()) {
            loop = new Loop(false, variable, collection, key, reversed, limit, offset, continues, null, body.block().withoutText(),
                    otherwise == null ? null : otherwise.block().withoutText(), open.line());
        }
        return loop;
    }

    private Node tablerow(Cursor cur, Token open) {
        Markup m = markup(open.markup(), open.line());
        String variable = m.consume(Kind.ID);
        if (!m.acceptWord("in")) {
            throw m.error("tablerow needs 'in': {% tablerow item in items %}");
        }
        Expression collection = expressions.expression(m, false);
        m.accept(Kind.COMMA);
        Map<String, Expression> options = new LinkedHashMap<>();
        while (m.look(Kind.ID)) {
            String option = m.consume(Kind.ID);
            if (!Set.of("cols", "limit", "offset", "range").contains(option)) {
                throw m.error("tablerow takes cols, limit and offset, not '" + option + "'");
            }
            m.consume(Kind.COLON);
            options.put(option, expressions.expression(m, false));
            m.accept(Kind.COMMA);
        }
        m.end();
        Body body = body(cur, Set.of("endtablerow"), "tablerow", open.line());
        return new Loop(true, variable, collection, variable, false, options.get("limit"), options.get("offset"), false,
                options.get("cols"), body.block(), null, open.line());
    }

    private Node assign(String m, int line) {
        Matcher a = ASSIGN.matcher(m);
        if (!a.find()) {
            throw new LiquidSyntaxException(name, line, "assign needs a name and a value: {% assign name = value %}");
        }
        return new Node.Assign(a.group(1), expressions.filtered(markup(a.group(2), line)), line);
    }

    private Node cycle(String text, int line) {
        Markup m = markup(text, line);
        Expression group = null;
        List<Expression> values = new ArrayList<>();
        Expression first = expressions.expression(m, false);
        if (m.accept(Kind.COLON)) {
            group = first;
            first = expressions.expression(m, false);
        }
        values.add(first);
        while (m.accept(Kind.COMMA) && !m.atEnd()) {
            values.add(expressions.expression(m, false));
        }
        m.end();
        String key = null;
        if (group == null && values.stream().allMatch(v -> v instanceof Expression.Literal)) {
            key = Values.inspect(values.stream().map(v -> ((Expression.Literal) v).value()).toList());
        }
        if (group == null && key == null) {
            group = new Expression.Literal(new Object()); // a cycle of variables is a group of its own
        }
        return new Node.Cycle(group, key, values, line);
    }

    private Node raw(Cursor cur, Token open) {
        if (!open.markup().isBlank()) {
            throw new LiquidSyntaxException(name, open.line(), "raw takes nothing after it");
        }
        StringBuilder body = new StringBuilder();
        while (cur.has()) {
            Token t = cur.next();
            Matcher m = ANY_TAG.matcher(t.source());
            if (t.kind() != TemplateLexer.Kind.TEXT && m.matches() && m.group(2).equals("endraw")) {
                trimNext = t.trimAfter();
                body.append(m.group(1));
                return new Node.Verbatim(body.toString(), open.line());
            }
            body.append(t.source());
        }
        throw new LiquidSyntaxException(name, open.line(), "'raw' is not closed: {% endraw %} is missing");
    }

    private Node comment(Cursor cur, Token open) {
        int depthOfComments = 1;
        while (cur.has()) {
            Token t = cur.next();
            String tag = t.kind() == TemplateLexer.Kind.TAG ? t.name() : null;
            if ("raw".equals(tag)) {
                raw(cur, t);
            } else if ("comment".equals(tag)) {
                depthOfComments++;
            } else if ("endcomment".equals(tag)) {
                depthOfComments--;
            }
            if (depthOfComments == 0) {
                trimNext = t.trimAfter();
                return new Node.Nothing();
            }
        }
        throw new LiquidSyntaxException(name, open.line(), "'comment' is not closed: {% endcomment %} is missing");
    }

    private Node doc(Cursor cur, Token open) {
        if (!open.markup().isBlank()) {
            throw new LiquidSyntaxException(name, open.line(), "doc takes nothing after it");
        }
        while (cur.has()) {
            Token t = cur.next();
            Matcher m = ANY_TAG.matcher(t.source());
            String tag = t.kind() != TemplateLexer.Kind.TEXT && m.matches() ? m.group(2) : null;
            if ("doc".equals(tag)) {
                throw new LiquidSyntaxException(name, t.line(), "a doc cannot hold another doc");
            }
            if ("enddoc".equals(tag)) {
                trimNext = t.trimAfter();
                return new Node.Nothing();
            }
        }
        throw new LiquidSyntaxException(name, open.line(), "'doc' is not closed: {% enddoc %} is missing");
    }

    /** {@code {% liquid %}}: one tag per line, without delimiters. */
    private Node liquid(String markup, int line, String block) {
        List<Token> lines = new ArrayList<>();
        String[] parts = markup.split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isBlank()) {
                continue;
            }
            Matcher m = LIQUID_LINE.matcher(part);
            if (!m.matches()) {
                throw new LiquidSyntaxException(name, line + i, "'" + part.strip() + "' is not a tag");
            }
            lines.add(new Token(TemplateLexer.Kind.TAG, part, m.group(1), m.group(2), line + i, false, false));
        }
        boolean trim = trimNext;
        Body body = body(new Cursor(lines, true), Set.of(), null, line);
        trimNext = trim;
        return body.block();
    }

    private Node partial(String text, int line, boolean isolated) {
        Markup m = markup(text, line);
        Expression partialName;
        if (isolated) {
            partialName = new Expression.Literal(m.consume(Kind.STRING));
        } else {
            partialName = expressions.expression(m, false);
        }
        Expression with = null;
        boolean each = false;
        if (m.acceptWord("for")) {
            each = true;
            with = expressions.expression(m, false);
        } else if (m.acceptWord("with")) {
            with = expressions.expression(m, false);
        }
        String alias = m.acceptWord("as") ? m.consume(Kind.ID) : null;
        m.accept(Kind.COMMA);
        Map<String, Expression> arguments = new LinkedHashMap<>();
        while (m.look(Kind.ID)) {
            String key = m.consume(Kind.ID);
            m.consume(Kind.COLON);
            arguments.put(key, expressions.expression(m, false));
            m.accept(Kind.COMMA);
        }
        m.end();
        PartialTag tag = new PartialTag(isolated, partialName, with, each, alias, arguments, line);
        if (tag.literalName() != null) {
            engine.partial(tag.literalName(), name, line);
        }
        return tag;
    }
}
