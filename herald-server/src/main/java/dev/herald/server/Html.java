package dev.herald.server;

/** Text written into the server's own pages, escaped. */
final class Html {

    private Html() {
    }

    /** The security headers of the server's own pages. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";

    /** One of the server's own pages: {@code body} is HTML already; the title is escaped. */
    static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                + "<title>" + escape(title) + "</title></head><body style=\"font-family:sans-serif;max-width:36em;margin:3em auto\">"
                + "<h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    /** The page of a link that is not one of Herald's, or was changed. */
    static final String NOT_FOUND = page("Link not found", "<p>This link is not one of ours, or it was changed on its way here.</p>");

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
