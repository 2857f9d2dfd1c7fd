package dev.herald.server;

import dev.herald.app.tracking.TrackingService;
import dev.herald.delivery.SignedLinks;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The public pages the links of messages point to, each answering a signed token
 * ({@link SignedLinks}): {@code GET /u/TOKEN} the unsubscribe page — which changes nothing, since
 * link scanners follow GETs — and {@code POST /u/TOKEN} its confirmation, which is also the RFC
 * 8058 one-click unsubscribe; the preference page; the view-online mirror. A token that does not
 * verify gets a 404 and changes nothing. Opens and clicks, the hot paths, are {@link TrackingFastPath}'s.
 */
final class TrackingRoutes {

    static final String NO_STORE = "no-store, no-cache, must-revalidate, private";

    private final TrackingService tracking;

    TrackingRoutes(TrackingService tracking) {
        this.tracking = tracking;
    }

    void register(RoutesConfig routes) {
        routes.get("/u/{token}", this::unsubscribePage);
        routes.post("/u/{token}", this::unsubscribe);
        routes.get("/p/{token}", this::preferences);
        routes.get("/v/{token}", this::mirror);
        routes.post("/p/{token}", this::choose);
        routes.get("/", ctx -> page(ctx, 200, "Herald", "<p>This address sends and tracks messages for its sender.</p>"));
    }

    /**
     * The email as its recipient got it. The sender's own HTML, so scripts, forms and frames are
     * refused by the page's policy whatever it holds; images and styles load as in a mail client.
     */
    private void mirror(Context ctx) {
        ctx.header("Cache-Control", NO_STORE);
        tracking.mirror(ctx.pathParam("token")).ifPresentOrElse(html -> ctx.status(200).contentType("text/html; charset=utf-8")
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", "default-src 'none'; img-src * data:; style-src * 'unsafe-inline'; font-src * data:; "
                        + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'")
                .result(html), () -> page(ctx, 404, "Not available", "<p>This message cannot be shown online.</p>"));
    }

    private void unsubscribePage(Context ctx) {
        ctx.header("Cache-Control", NO_STORE);
        tracking.unsubscribePage(ctx.pathParam("token")).ifPresentOrElse(u -> page(ctx, 200, "Unsubscribe",
                "<p>Stop receiving " + Html.escape(u.list()) + " at <strong>" + Html.escape(masked(u.message().address())) + "</strong>?</p>"
                        + "<form method=\"post\"><button type=\"submit\" name=\"confirm\" value=\"yes\">Unsubscribe</button></form>"
                        + "<p><a href=\"../p/" + Html.escape(ctx.pathParam("token")) + "\">Choose what you receive instead</a></p>"),
                () -> notFound(ctx));
    }

    private void unsubscribe(Context ctx) {
        ctx.header("Cache-Control", NO_STORE);
        tracking.unsubscribe(ctx.pathParam("token"), ctx.userAgent()).ifPresentOrElse(u -> page(ctx, 200, "Unsubscribed",
                "<p>Done: " + Html.escape(masked(u.message().address())) + " will not receive " + Html.escape(u.list()) + " any more.</p>"),
                () -> notFound(ctx));
    }

    private void preferences(Context ctx) {
        ctx.header("Cache-Control", NO_STORE);
        tracking.preferences(ctx.pathParam("token")).ifPresentOrElse(p -> page(ctx, 200, "Your preferences", form(p, false)),
                () -> notFound(ctx));
    }

    private void choose(Context ctx) {
        ctx.header("Cache-Control", NO_STORE);
        boolean channel = ctx.formParam("channel") != null;
        java.util.Set<String> topics = new java.util.HashSet<>(ctx.formParams("topic"));
        tracking.choose(ctx.pathParam("token"), channel, topics, ctx.userAgent())
                .ifPresentOrElse(p -> page(ctx, 200, "Your preferences", form(p, true)), () -> notFound(ctx));
    }

    /** The preference form: the channel, then each topic, checked as they hold now. */
    private static String form(TrackingService.Preferences p, boolean saved) {
        StringBuilder b = new StringBuilder(saved ? "<p><strong>Saved.</strong></p>" : "");
        String channel = Html.escape(p.message().channel());
        b.append("<p>What ").append(Html.escape(masked(p.message().address()))).append(" receives:</p><form method=\"post\">")
                .append("<p><label><input type=\"checkbox\" name=\"channel\" value=\"on\"").append(p.channel() ? " checked" : "")
                .append("> ").append(channel).append(" messages of this sender</label></p>");
        for (TrackingService.Topic t : p.topics()) {
            String name = Html.escape(t.name());
            b.append("<p><label><input type=\"checkbox\" name=\"topic\" value=\"").append(name).append('"')
                    .append(t.subscribed() ? " checked" : "").append("> ").append(name).append("</label></p>");
        }
        return b.append("<button type=\"submit\">Save</button></form>").toString();
    }

    private static void notFound(Context ctx) {
        ctx.status(404).contentType("text/html; charset=utf-8").header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", Html.CSP).result(Html.NOT_FOUND);
    }

    private static void page(Context ctx, int status, String title, String body) {
        ctx.status(status).contentType("text/html; charset=utf-8").header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", Html.CSP).result(Html.page(title, body));
    }

    /** An address shown to whoever holds the link, not in full: {@code l•••@example.com}, {@code +33•••78}. */
    static String masked(String address) {
        if (address == null || address.isEmpty()) {
            return "your address";
        }
        int at = address.indexOf('@');
        if (at > 0) {
            return address.charAt(0) + "•••" + address.substring(at);
        }
        return address.length() <= 4 ? "•••" : address.substring(0, 3) + "•••" + address.substring(address.length() - 2);
    }
}
