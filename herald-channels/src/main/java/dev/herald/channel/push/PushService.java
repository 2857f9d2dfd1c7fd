package dev.herald.channel.push;

import dev.herald.channel.OutboundMessage;
import dev.herald.channel.provider.Attempt;
import java.net.http.HttpClient;

/** One push service (FCM, APNs): a notification per request, over one HTTP/2 client. */
interface PushService extends AutoCloseable {

    /** One request for {@code m}, to the device of its address. */
    Attempt attempt(OutboundMessage m) throws InterruptedException;

    PushProvider.Settings settings();

    @Override
    void close();

    static HttpClient http(PushProvider.Settings settings) {
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (settings.tls() != null) {
            http.sslContext(settings.tls());
        }
        return http.build();
    }

    /** The collapse id of a message: a notification sent again after a crash replaces the first on the device. */
    static String collapseId(OutboundMessage m) {
        return "herald-" + m.deliveryId() + "-" + m.id();
    }

    /** The start of a service's answer, on one line, for a reason. */
    static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
