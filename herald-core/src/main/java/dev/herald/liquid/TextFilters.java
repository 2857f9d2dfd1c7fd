package dev.herald.liquid;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The filters of texts, as Ruby Liquid has them; lengths and positions count characters (code points). */
final class TextFilters {

    private static final Pattern ESCAPE_ONCE = Pattern.compile("[\"><']|&(?!([a-zA-Z]+|(#\\d+));)");
    private static final Pattern HTML_BLOCKS = Pattern.compile("<script.*?</script>|<!--.*?-->|<style.*?</style>", Pattern.DOTALL);
    private static final Pattern HTML_TAGS = Pattern.compile("<.*?>", Pattern.DOTALL);
    private static final Pattern NEWLINE = Pattern.compile("\\r?\\n");

    private TextFilters() {
    }

    static void register(Filters f) {
        f.add("append", 1, 1, Set.of(), (in, a, k, c) -> Values.text(in) + Values.text(a.get(0)), "the text followed by another");
        f.add("prepend", 1, 1, Set.of(), (in, a, k, c) -> Values.text(a.get(0)) + Values.text(in), "the text after another");
        f.add("capitalize", 0, 0, Set.of(), (in, a, k, c) -> capitalize(Values.text(in)), "the first character in capitals, the others in small letters");
        f.add("downcase", 0, 0, Set.of(), (in, a, k, c) -> Values.text(in).toLowerCase(Locale.ROOT), "in small letters");
        f.add("upcase", 0, 0, Set.of(), (in, a, k, c) -> Values.text(in).toUpperCase(Locale.ROOT), "in capitals");
        f.add("escape", 0, 0, Set.of(), (in, a, k, c) -> in == null ? null : Output.Html.escape(Values.text(in)), "HTML's special characters escaped");
        f.add("h", 0, 0, Set.of(), (in, a, k, c) -> in == null ? null : Output.Html.escape(Values.text(in)), "escape");
        f.add("escape_once", 0, 0, Set.of(), (in, a, k, c) -> escapeOnce(Values.text(in)), "escape, leaving what is escaped already");
        f.add("url_encode", 0, 0, Set.of(), (in, a, k, c) -> in == null ? null : urlEncode(Values.text(in)), "for a URL's query (a space is +)");
        f.add("url_decode", 0, 0, Set.of(), (in, a, k, c) -> in == null ? null : urlDecode(Values.text(in)), "url_encode undone");
        f.add("base64_encode", 0, 0, Set.of(), (in, a, k, c) -> Base64.getEncoder().encodeToString(bytes(in)), "in Base64");
        f.add("base64_decode", 0, 0, Set.of(), (in, a, k, c) -> decode(Base64.getDecoder(), Values.text(in), true), "Base64 decoded");
        f.add("base64_url_safe_encode", 0, 0, Set.of(), (in, a, k, c) -> Base64.getUrlEncoder().encodeToString(bytes(in)),
                "in URL-safe Base64");
        f.add("base64_url_safe_decode", 0, 0, Set.of(), (in, a, k, c) -> decode(Base64.getUrlDecoder(), Values.text(in), false),
                "URL-safe Base64 decoded");
        f.add("slice", 1, 2, Set.of(), TextFilters::slice, "the characters (or items) from an offset, 1 or a length of them");
        f.add("truncate", 0, 2, Set.of(), TextFilters::truncate, "at most a number of characters (50), ending with '...' or the text given");
        f.add("truncatewords", 0, 2, Set.of(), TextFilters::truncatewords, "at most a number of words (15), ending with '...' or the text given");
        f.add("split", 1, 1, Set.of(), (in, a, k, c) -> split(Values.text(in), Values.text(a.get(0))), "a list of the parts between a separator");
        f.add("strip", 0, 0, Set.of(), (in, a, k, c) -> TemplateLexer.lstrip(TemplateLexer.rstrip(Values.text(in))), "without white space at both ends");
        f.add("lstrip", 0, 0, Set.of(), (in, a, k, c) -> TemplateLexer.lstrip(Values.text(in)), "without white space at the start");
        f.add("rstrip", 0, 0, Set.of(), (in, a, k, c) -> TemplateLexer.rstrip(Values.text(in)), "without white space at the end");
        f.add("strip_html", 0, 0, Set.of(), (in, a, k, c) -> HTML_TAGS.matcher(HTML_BLOCKS.matcher(Values.text(in)).replaceAll(""))
                .replaceAll(""), "without HTML tags");
        f.add("strip_newlines", 0, 0, Set.of(), (in, a, k, c) -> NEWLINE.matcher(Values.text(in)).replaceAll(""), "without line breaks");
        f.add("newline_to_br", 0, 0, Set.of(), (in, a, k, c) -> NEWLINE.matcher(Values.text(in)).replaceAll("<br />\n"),
                "a <br /> before each line break");
        f.add("replace", 1, 2, Set.of(), (in, a, k, c) -> Values.text(in).replace(Values.text(a.get(0)), arg(a, 1)),
                "every occurrence of a text replaced by another");
        f.add("replace_first", 1, 2, Set.of(), (in, a, k, c) -> replaceFirst(Values.text(in), Values.text(a.get(0)), arg(a, 1)),
                "the first occurrence replaced");
        f.add("replace_last", 2, 2, Set.of(), (in, a, k, c) -> replaceLast(Values.text(in), Values.text(a.get(0)), Values.text(a.get(1))),
                "the last occurrence replaced");
        f.add("remove", 1, 1, Set.of(), (in, a, k, c) -> Values.text(in).replace(Values.text(a.get(0)), ""), "every occurrence removed");
        f.add("remove_first", 1, 1, Set.of(), (in, a, k, c) -> replaceFirst(Values.text(in), Values.text(a.get(0)), ""),
                "the first occurrence removed");
        f.add("remove_last", 1, 1, Set.of(), (in, a, k, c) -> replaceLast(Values.text(in), Values.text(a.get(0)), ""),
                "the last occurrence removed");
        f.add("size", 0, 0, Set.of(), (in, a, k, c) -> Values.size(in), "the number of characters of a text, or of items of a list");
    }

    private static String arg(List<Object> a, int i) {
        return a.size() > i ? Values.text(a.get(i)) : "";
    }

    private static byte[] bytes(Object in) {
        return Values.text(in).getBytes(StandardCharsets.UTF_8);
    }

    private static String decode(Base64.Decoder decoder, String s, boolean strict) {
        try {
            if (strict && s.length() % 4 != 0) {
                throw new IllegalArgumentException();
            }
            return new String(decoder.decode(s), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid Base64: '" + s + "'");
        }
    }

    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        int n = Character.charCount(first);
        return new String(Character.toChars(Character.toTitleCase(first))) + s.substring(n).toLowerCase(Locale.ROOT);
    }

    private static String escapeOnce(String s) {
        Matcher m = ESCAPE_ONCE.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(Output.Html.escape(m.group())));
        }
        return m.appendTail(b).toString();
    }

    /** Ruby's {@code CGI.escape}. */
    static String urlEncode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-' || c == '~') {
                b.append((char) c);
            } else if (c == ' ') {
                b.append('+');
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    /** Ruby's {@code CGI.unescape}. */
    static String urlDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            byte x = in[i];
            if (x == '+') {
                out.write(' ');
            } else if (x == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out.write(x);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }

    private static Object slice(Object in, List<Object> a, java.util.Map<String, Object> k, RenderContext c) {
        long offset = Values.integer(a.get(0), "the offset");
        long length = a.size() > 1 && a.get(1) != null ? Values.integer(a.get(1), "the length") : 1;
        if (in instanceof List<?> list && !(in instanceof LiquidRange)) {
            int[] r = range(list.size(), offset, length);
            return r == null ? List.of() : new ArrayList<>(list.subList(r[0], r[1]));
        }
        String s = Values.text(in);
        int n = Values.length(s);
        int[] r = range(n, offset, length);
        if (r == null) {
            return "";
        }
        return s.substring(s.offsetByCodePoints(0, r[0]), s.offsetByCodePoints(0, r[1]));
    }

    /** Ruby's {@code slice(offset, length)} on {@code n} items: from and to, or null when there is nothing. */
    private static int[] range(int n, long offset, long length) {
        if (offset < 0) {
            offset += n;
        }
        if (offset < 0 || offset > n || length < 0) {
            return null;
        }
        long end = Math.min(n, offset + length);
        return new int[] {(int) offset, (int) end};
    }

    private static Object truncate(Object in, List<Object> a, java.util.Map<String, Object> k, RenderContext c) {
        if (in == null) {
            return null;
        }
        String s = Values.text(in);
        long length = a.isEmpty() ? 50 : Values.integer(a.get(0), "the length");
        String end = a.size() > 1 ? Values.text(a.get(1)) : "...";
        long keep = Math.max(0, length - Values.length(end));
        if (Values.length(s) <= length) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, (int) Math.min(keep, Values.length(s)))) + end;
    }

    private static Object truncatewords(Object in, List<Object> a, java.util.Map<String, Object> k, RenderContext c) {
        if (in == null) {
            return null;
        }
        String s = Values.text(in);
        long words = a.isEmpty() ? 15 : Values.integer(a.get(0), "the number of words");
        if (words <= 0) {
            words = 1;
        }
        String end = a.size() > 1 ? Values.text(a.get(1)) : "...";
        List<String> list = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n && list.size() <= words) {
            while (i < n && TemplateLexer.space(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !TemplateLexer.space(s.charAt(i))) {
                i++;
            }
            list.add(s.substring(start, i));
        }
        if (list.size() <= words) {
            return s;
        }
        return String.join(" ", list.subList(0, (int) words)) + end;
    }

    /** Ruby's {@code String#split}: on runs of white space for {@code " "}, into characters for {@code ""}; no empty parts at the end. */
    static List<Object> split(String s, String separator) {
        List<Object> parts = new ArrayList<>();
        if (s.isEmpty()) {
            return parts;
        }
        if (separator.equals(" ")) {
            for (String p : TemplateLexer.lstrip(s).split("[ \\t\\n\\r\\f\\u000B\\u0000]+")) {
                if (!p.isEmpty()) {
                    parts.add(p);
                }
            }
            return parts;
        }
        if (separator.isEmpty()) {
            s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
            return parts;
        }
        int from = 0;
        int at;
        while ((at = s.indexOf(separator, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        while (!parts.isEmpty() && ((String) parts.getLast()).isEmpty()) {
            parts.removeLast();
        }
        return parts;
    }

    private static String replaceFirst(String s, String find, String replacement) {
        int at = s.indexOf(find);
        return at < 0 ? s : s.substring(0, at) + replacement + s.substring(at + find.length());
    }

    private static String replaceLast(String s, String find, String replacement) {
        int at = s.lastIndexOf(find);
        return at < 0 ? s : s.substring(0, at) + replacement + s.substring(at + find.length());
    }
}
