package dev.herald.server;

import dev.herald.app.tracking.TrackingService;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The open pixel ({@code GET /o/TOKEN}) and the click redirect ({@code GET /c/TOKEN}, to the URL
 * the token holds and nowhere else), answered by Jetty itself in front of Javalin's servlet: the
 * two requests every email brings back by the thousand take a signature check and a place in the
 * event queue, and the servlet layer around them held the rate under 20,000/s (docs/benchmarks.md). A
 * token that does not verify gets a 404 page and changes nothing; a {@code HEAD} is answered alike
 * and counts nothing. Every other request goes on to Javalin.
 */
final class TrackingFastPath extends Handler.Wrapper {

    /** A transparent 1×1 GIF. */
    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final byte[] NOT_FOUND = Html.NOT_FOUND.getBytes(StandardCharsets.UTF_8);
    private static final byte[] FAILED = "Herald could not answer this request; the server log says why.\n".getBytes(StandardCharsets.UTF_8);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrackingFastPath.class);
    static final String OPEN = "/o/{token}";
    static final String CLICK = "/c/{token}";

    private final TrackingService tracking;
    private final Metrics metrics;

    TrackingFastPath(TrackingService tracking, Metrics metrics) {
        this.tracking = tracking;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        boolean open = path.startsWith("/o/");
        if (!(open || path.startsWith("/c/")) || !(method.equals("GET") || method.equals("HEAD"))) {
            return super.handle(request, response, callback);
        }
        long started = System.nanoTime();
        int status;
        try {
            status = answer(request, response, callback, open, method.equals("HEAD"), path.substring(3));
        } catch (RuntimeException e) { // as Javalin's routes answer one: logged, and a plain 500 without a stack trace
            LOG.error("{} {} failed", method, path.substring(0, 3) + "…", e);
            response.getHeaders().clear();
            status = answer(response, callback, 500, "text/plain; charset=utf-8", FAILED);
        }
        metrics.answered(method, open ? OPEN : CLICK, status, System.nanoTime() - started);
        return true;
    }

    /** A {@code HEAD} gets the same answer without a body, and counts nothing: link checkers send them, readers do not. */
    private int answer(Request request, Response response, Callback callback, boolean open, boolean head, String token) {
        String agent = request.getHeaders().get(HttpHeader.USER_AGENT);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, TrackingRoutes.NO_STORE);
        int status;
        if (open) {
            boolean known = head ? tracking.isOpen(token) : tracking.open(token, agent);
            status = known ? answer(response, callback, 200, "image/gif", PIXEL) : notFound(response, callback);
        } else {
            Optional<String> url = head ? tracking.clickTarget(token) : tracking.click(token, agent);
            if (url.isPresent()) {
                response.getHeaders().put(HttpHeader.LOCATION, url.get());
                response.getHeaders().put("Referrer-Policy", "no-referrer");
                status = answer(response, callback, 302, null, null);
            } else {
                status = notFound(response, callback);
            }
        }
        return status;
    }

    private static int notFound(Response response, Callback callback) {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Content-Security-Policy", Html.CSP);
        return answer(response, callback, 404, "text/html; charset=utf-8", NOT_FOUND);
    }

    private static int answer(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        if (type != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        }
        response.write(true, body == null ? null : ByteBuffer.wrap(body), callback);
        return status;
    }
}
