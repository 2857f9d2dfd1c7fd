package dev.herald.delivery;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Click and open tracking of an HTML email, applied to the rendered body: every {@code http(s)} link
 * ({@code <a href="…">}) becomes a signed redirect through Herald ({@link SignedLinks#clickUrl}),
 * numbered in the order the links appear, and an open pixel goes before {@code </body>} (or at the
 * end). With click tracking, a hidden link (number 0, the honeypot) goes first: no person sees it,
 * so a click on it shows a scanner following every link of the message. A link marked {@code data-herald-track="off"} is left as written (the mark is removed), as
 * are {@code mailto:}, {@code tel:}, anchors, Herald's own links (the unsubscribe link) and links
 * longer than {@link #LONGEST_TRACKED} characters.
 */
public final class LinkTracking {

    /** The attribute that keeps one link untracked. */
    public static final String OPT_OUT = "data-herald-track";
    /** A longer link is left as written. */
    public static final int LONGEST_TRACKED = 2_000;

    private static final Pattern ANCHOR = Pattern.compile("(?is)<a\\s[^>]*>");
    private static final Pattern HREF = Pattern.compile("(?is)(\\shref\\s*=\\s*)(\"([^\"]*)\"|'([^']*)')");
    private static final Pattern OFF = Pattern.compile("(?is)\\s" + OPT_OUT + "\\s*=\\s*(\"off\"|'off'|off)(?=[\\s/>])");
    private static final Pattern BODY_END = Pattern.compile("(?is)</body\\s*>");
    private static final Pattern BODY_START = Pattern.compile("(?is)<body(\\s[^>]*)?>");

    private final SignedLinks links;
    private final boolean clicks;
    private final boolean opens;

    public LinkTracking(SignedLinks links, boolean clicks, boolean opens) {
        this.links = links;
        this.clicks = clicks;
        this.opens = opens;
    }

    /** The signed links it writes. */
    public SignedLinks links() {
        return links;
    }

    /** The body of message {@code messageId} with its links tracked and its pixel added, as this tracking says. */
    public String apply(long messageId, String html) {
        String tracked = clicks ? withHoneypot(messageId, links(messageId, html)) : links(messageId, html);
        return opens ? withPixel(messageId, tracked) : tracked;
    }

    private String links(long messageId, String html) {
        Matcher a = ANCHOR.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 512);
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
            String target = unescape(href.group(3) != null ? href.group(3) : href.group(4)).strip();
            if (!tracked(target)) {
                continue;
            }
            link++;
            String rewritten = tag.substring(0, href.start()) + href.group(1) + '"' + links.clickUrl(messageId, link, target) + '"'
                    + tag.substring(href.end());
            a.appendReplacement(out, Matcher.quoteReplacement(rewritten));
        }
        a.appendTail(out);
        return out.toString();
    }

    private boolean tracked(String target) {
        if (target.length() > LONGEST_TRACKED) {
            return false; // its token would pass what servers and browsers take in a request line
        }
        String lower = target.toLowerCase(Locale.ROOT);
        return (lower.startsWith("https://") || lower.startsWith("http://")) && !links.isOwn(target);
    }

    private String withHoneypot(long messageId, String html) {
        String hidden = "<a href=\"" + links.clickUrl(messageId, 0, links.baseUrl() + "/") + "\" style=\"display:none;mso-hide:all\" "
                + "aria-hidden=\"true\" tabindex=\"-1\"></a>";
        Matcher start = BODY_START.matcher(html);
        return start.find() ? html.substring(0, start.end()) + hidden + html.substring(start.end()) : hidden + html;
    }

    private String withPixel(long messageId, String html) {
        String pixel = "<img src=\"" + links.openUrl(messageId) + "\" width=\"1\" height=\"1\" alt=\"\" "
                + "style=\"display:block;border:0;width:1px;height:1px\">";
        Matcher end = BODY_END.matcher(html);
        int at = -1;
        while (end.find()) {
            at = end.start();
        }
        return at < 0 ? html + pixel : html.substring(0, at) + pixel + html.substring(at);
    }

    /** An attribute's value as the browser reads it: the entities HTML escaping writes, decoded. */
    static String unescape(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        return value.replace("&quot;", "\"").replace("&#34;", "\"").replace("&#39;", "'").replace("&#x27;", "'")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&#38;", "&").replace("&amp;", "&");
    }
}
