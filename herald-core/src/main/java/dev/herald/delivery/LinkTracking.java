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

    private static final Pattern HREF = Pattern.compile("(?is)(\\shref\\s*=\\s*)(\"([^\"]*)\"|'([^']*)')");
    private static final Pattern OFF = Pattern.compile("(?is)\\s" + OPT_OUT + "\\s*=\\s*(\"off\"|'off'|off)(?=[\\s/>])");

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

    /**
     * Each anchor tag ({@code <a} and a space, to the next {@code >}) rewritten: found by scanning
     * for {@code <}, not by a regular expression over the whole body (that one pass was a fifth of
     * a 10 KB email's sending time).
     */
    private String links(long messageId, String html) {
        StringBuilder out = null;
        int copied = 0;
        int link = 0;
        for (int lt = html.indexOf('<'); lt >= 0 && lt + 2 < html.length(); lt = html.indexOf('<', lt + 1)) {
            char a = html.charAt(lt + 1);
            if ((a != 'a' && a != 'A') || !space(html.charAt(lt + 2))) {
                continue;
            }
            int gt = html.indexOf('>', lt + 3);
            if (gt < 0) {
                break;
            }
            String tag = html.substring(lt, gt + 1);
            String rewritten = null;
            Matcher off = OFF.matcher(tag);
            if (off.find()) {
                rewritten = off.replaceFirst("");
            } else if (clicks) {
                Matcher href = HREF.matcher(tag);
                if (href.find()) {
                    String target = unescape(href.group(3) != null ? href.group(3) : href.group(4)).strip();
                    if (tracked(target)) {
                        link++;
                        rewritten = tag.substring(0, href.start()) + href.group(1) + '"' + links.clickUrl(messageId, link, target) + '"'
                                + tag.substring(href.end());
                    }
                }
            }
            if (rewritten != null) {
                if (out == null) {
                    out = new StringBuilder(html.length() + 512);
                }
                out.append(html, copied, lt).append(rewritten);
                copied = gt + 1;
            }
            lt = gt;
        }
        return out == null ? html : out.append(html, copied, html.length()).toString();
    }

    /** What {@code \\s} matches. */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
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
        int at = bodyStartEnd(html);
        return at >= 0 ? html.substring(0, at) + hidden + html.substring(at) : hidden + html;
    }

    /** Where the first {@code <body>} tag (any case, attributes or not) ends, or -1 without one. */
    private static int bodyStartEnd(String html) {
        for (int lt = html.indexOf('<'); lt >= 0; lt = html.indexOf('<', lt + 1)) {
            if (!html.regionMatches(true, lt + 1, "body", 0, 4) || lt + 5 >= html.length()) {
                continue;
            }
            char next = html.charAt(lt + 5);
            if (next == '>') {
                return lt + 6;
            }
            if (space(next)) {
                int gt = html.indexOf('>', lt + 6);
                return gt < 0 ? -1 : gt + 1;
            }
        }
        return -1;
    }

    private String withPixel(long messageId, String html) {
        String pixel = "<img src=\"" + links.openUrl(messageId) + "\" width=\"1\" height=\"1\" alt=\"\" "
                + "style=\"display:block;border:0;width:1px;height:1px\">";
        int at = lastBodyEnd(html);
        return at < 0 ? html + pixel : html.substring(0, at) + pixel + html.substring(at);
    }

    /** Where the last {@code </body>} tag (any case, spaces before its {@code >}) starts, or -1 without one. */
    private static int lastBodyEnd(String html) {
        for (int lt = html.lastIndexOf("</"); lt >= 0; lt = lt == 0 ? -1 : html.lastIndexOf("</", lt - 1)) {
            if (!html.regionMatches(true, lt + 2, "body", 0, 4)) {
                continue;
            }
            int i = lt + 6;
            while (i < html.length() && space(html.charAt(i))) {
                i++;
            }
            if (i < html.length() && html.charAt(i) == '>') {
                return lt;
            }
        }
        return -1;
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
