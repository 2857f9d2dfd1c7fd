package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LinkTrackingTest {

    private static final SignedLinks LINKS = new SignedLinks("https://t.shop.example", new byte[32]);
    private static final Pattern CLICK = Pattern.compile("https://t\\.shop\\.example/c/([A-Za-z0-9_-]+)");

    @Test
    void every_web_link_becomes_a_signed_redirect_to_the_url_the_reader_would_have_followed() {
        String html = "<html><body><p>Hi</p><a class=\"b\" href=\"https://shop.example/sale?a=1&amp;b=2\">Sale</a>"
                + "<A HREF='http://shop.example/x'>x</A><a href=\"mailto:help@shop.example\">mail</a>"
                + "<a href=\"#top\">top</a><a name=\"n\">no href</a></body></html>";
        String tracked = new LinkTracking(LINKS, true, false).apply(42, html);

        assertThat(clicks(tracked)).containsExactly(
                new SignedLinks.Token(SignedLinks.Kind.CLICK, 1, 42, 1, "https://shop.example/sale?a=1&b=2"),
                new SignedLinks.Token(SignedLinks.Kind.CLICK, 1, 42, 2, "http://shop.example/x"));
        assertThat(tracked).contains("<a class=\"b\" href=\"https://t.shop.example/c/").contains("\">Sale</a>")
                .contains("href=\"mailto:help@shop.example\"").contains("href=\"#top\"").contains("<a name=\"n\">")
                .doesNotContain("<img");
    }

    @Test
    void a_link_marked_off_is_kept_as_written_without_its_mark_and_herald_s_own_links_are_not_wrapped() {
        String html = "<p><a href=\"https://shop.example/legal\" data-herald-track=\"off\">Legal</a> "
                + "<a href=\"" + LINKS.unsubscribeUrl(42) + "\">Unsubscribe</a> <a href=\"https://shop.example/a\">A</a></p>";
        String tracked = new LinkTracking(LINKS, true, false).apply(42, html);
        assertThat(tracked).contains("<a href=\"https://shop.example/legal\">Legal</a>").doesNotContain("data-herald-track")
                .contains(LINKS.unsubscribeUrl(42));
        assertThat(clicks(tracked)).extracting(SignedLinks.Token::url).containsExactly("https://shop.example/a");
    }

    @Test
    void a_hidden_honeypot_link_opens_the_body_when_clicks_are_tracked() {
        String tracked = new LinkTracking(LINKS, true, false).apply(9, "<html><body class=\"x\"><p>Hi</p></body></html>");
        assertThat(tracked).startsWith("<html><body class=\"x\"><a href=\"" + LINKS.clickUrl(9, 0, "https://t.shop.example/")
                + "\" style=\"display:none;mso-hide:all\" aria-hidden=\"true\" tabindex=\"-1\"></a><p>Hi</p>");
        assertThat(new LinkTracking(LINKS, false, false).apply(9, "<p>Hi</p>")).isEqualTo("<p>Hi</p>");
    }

    @Test
    void the_open_pixel_goes_before_the_end_of_the_body_or_at_the_end() {
        LinkTracking opens = new LinkTracking(LINKS, false, true);
        String withBody = opens.apply(7, "<html><body><a href=\"https://a.example\">a</a></body></html>");
        assertThat(withBody).endsWith("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px\"></body></html>")
                .contains("<img src=\"" + LINKS.openUrl(7) + "\"").contains("href=\"https://a.example\"");
        assertThat(opens.apply(7, "<p>short</p>")).startsWith("<p>short</p><img src=\"" + LINKS.openUrl(7) + "\"");
    }

    @Test
    void the_scan_finds_the_tags_the_regular_expressions_of_html_find_on_thousands_of_generated_bodies() {
        String[] pieces = {"<a href=\"https://shop.example/", "<A\tHREF='http://x.example/", "<a\nhref=\"mailto:a@b\"", "<abbr>", "<a>", "<a",
                " data-herald-track=\"off\"", " data-herald-track=off", "\">", "'>", ">", "</a>", "<body>", "<BODY class=\"x\">", "<body",
                "<bodyx>", "</body>", "</BODY  >", "</body\n>", "</bodyx>", "</", "<", "text ", "&amp;", "é", "\n", "<p>", "\"", "'"};
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(25); n > 0; n--) {
                b.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(4) == 0) {
                    b.append(random.nextInt(100));
                }
            }
            String html = b.toString();
            for (boolean clicks : new boolean[] {true, false}) {
                for (boolean opens : new boolean[] {true, false}) {
                    assertThat(new LinkTracking(LINKS, clicks, opens).apply(i, html)).as("%s, clicks %s, opens %s", html, clicks, opens)
                            .isEqualTo(RegexTracking.apply(LINKS, clicks, opens, i, html));
                }
            }
        }
    }

    /** The first form of LinkTracking, with regular expressions over the whole body: the reference the scan must agree with. */
    private static final class RegexTracking {
        private static final Pattern ANCHOR = Pattern.compile("(?is)<a\\s[^>]*>");
        private static final Pattern HREF = Pattern.compile("(?is)(\\shref\\s*=\\s*)(\"([^\"]*)\"|'([^']*)')");
        private static final Pattern OFF = Pattern.compile("(?is)\\s" + LinkTracking.OPT_OUT + "\\s*=\\s*(\"off\"|'off'|off)(?=[\\s/>])");
        private static final Pattern BODY_END = Pattern.compile("(?is)</body\\s*>");
        private static final Pattern BODY_START = Pattern.compile("(?is)<body(\\s[^>]*)?>");

        static String apply(SignedLinks links, boolean clicks, boolean opens, long id, String html) {
            Matcher a = ANCHOR.matcher(html);
            StringBuilder out = new StringBuilder();
            int link = 0;
            while (a.find()) {
                String tag = a.group();
                Matcher off = OFF.matcher(tag);
                if (off.find()) {
                    a.appendReplacement(out, Matcher.quoteReplacement(off.replaceFirst("")));
                    continue;
                }
                Matcher href = HREF.matcher(tag);
                if (!clicks || !href.find()) {
                    continue;
                }
                String target = LinkTracking.unescape(href.group(3) != null ? href.group(3) : href.group(4)).strip();
                String lower = target.toLowerCase(java.util.Locale.ROOT);
                if (target.length() > LinkTracking.LONGEST_TRACKED || !(lower.startsWith("https://") || lower.startsWith("http://"))
                        || links.isOwn(target)) {
                    continue;
                }
                link++;
                a.appendReplacement(out, Matcher.quoteReplacement(tag.substring(0, href.start()) + href.group(1) + '"'
                        + links.clickUrl(id, link, target) + '"' + tag.substring(href.end())));
            }
            a.appendTail(out);
            String tracked = out.toString();
            if (clicks) {
                String hidden = "<a href=\"" + links.clickUrl(id, 0, links.baseUrl() + "/") + "\" style=\"display:none;mso-hide:all\" "
                        + "aria-hidden=\"true\" tabindex=\"-1\"></a>";
                Matcher start = BODY_START.matcher(tracked);
                tracked = start.find() ? tracked.substring(0, start.end()) + hidden + tracked.substring(start.end()) : hidden + tracked;
            }
            if (!opens) {
                return tracked;
            }
            String pixel = "<img src=\"" + links.openUrl(id) + "\" width=\"1\" height=\"1\" alt=\"\" "
                    + "style=\"display:block;border:0;width:1px;height:1px\">";
            Matcher end = BODY_END.matcher(tracked);
            int at = -1;
            while (end.find()) {
                at = end.start();
            }
            return at < 0 ? tracked + pixel : tracked.substring(0, at) + pixel + tracked.substring(at);
        }
    }

    private static List<SignedLinks.Token> clicks(String html) {
        List<SignedLinks.Token> tokens = new ArrayList<>();
        Matcher m = CLICK.matcher(html);
        while (m.find()) {
            SignedLinks.Token t = LINKS.read(SignedLinks.Kind.CLICK, m.group(1)).orElseThrow();
            if (t.link() > 0) {
                tokens.add(t);
            }
        }
        return tokens;
    }
}
