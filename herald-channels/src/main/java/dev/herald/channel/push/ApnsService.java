package dev.herald.channel.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.channel.Bounce;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.provider.Attempt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Apple's push service: {@code POST /3/device/TOKEN} over HTTP/2 with a provider token (an ES256
 * JWT of the team and key id, made again every 30 minutes as Apple asks: not more often than every
 * 20, never older than 60). Each notification carries {@code apns-id} and {@code apns-collapse-id}
 * derived from the message id, so a notification sent again after a crash replaces the first on the
 * device instead of showing twice.
 * <p>
 * 200 sends it; 410 (the app was removed) and {@code BadDeviceToken} / {@code DeviceTokenNotForTopic}
 * fail it as a hard bounce, which puts the token on the suppression list; 429 and 5xx are tried
 * again; an expired provider token is made again once; other refusals of Herald's credentials stop
 * the batch ({@link Attempt.Refused}); other 4xx fail the message with Apple's reason.
 */
final class ApnsService implements PushService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("[0-9a-fA-F]{16,200}");
    private static final Duration TOKEN_AGE = Duration.ofMinutes(30);
    private static final Set<String> NO_SUCH_DEVICE = Set.of("BadDeviceToken", "DeviceTokenNotForTopic", "Unregistered", "ExpiredToken");
    private static final Set<String> CREDENTIALS = Set.of("InvalidProviderToken", "MissingProviderToken", "BadCertificate",
            "BadCertificateEnvironment", "Forbidden", "TooManyProviderTokenUpdates");

    private final PushProvider.Apns apns;
    private final HttpClient http;
    private final Clock clock;
    private String token;
    private Instant tokenMade = Instant.MIN;

    ApnsService(PushProvider.Apns apns, Clock clock) {
        this.apns = apns;
        this.clock = clock;
        this.http = PushService.http(apns.settings());
    }

    /** Whether {@code address} has the form of an APNs device token (hex digits). */
    static boolean isDeviceToken(String address) {
        return address != null && TOKEN.matcher(address).matches();
    }

    @Override
    public PushProvider.Settings settings() {
        return apns.settings();
    }

    @Override
    public Attempt attempt(OutboundMessage m) throws InterruptedException {
        String device = m.address() == null ? "" : m.address().strip();
        if (!isDeviceToken(device)) {
            return Attempt.failed("not an APNs device token (hex digits): " + dev.herald.text.Echo.quoted(device), Bounce.HARD);
        }
        Attempt first = post(m, device, providerToken(false));
        if (first instanceof Attempt.Refused refused && refused.reason().contains("ExpiredProviderToken")) {
            return post(m, device, providerToken(true));
        }
        return first;
    }

    private Attempt post(OutboundMessage m, String device, String providerToken) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apns.endpoint() + "/3/device/" + device)).timeout(settings().timeout())
                .header("authorization", "bearer " + providerToken)
                .header("apns-topic", apns.topic())
                .header("apns-push-type", "alert")
                .header("apns-priority", "10")
                .header("apns-expiration", Long.toString(clock.instant().plus(settings().ttl()).getEpochSecond()))
                .header("apns-id", UUID.nameUUIDFromBytes(PushService.collapseId(m).getBytes(StandardCharsets.UTF_8)).toString())
                .header("apns-collapse-id", PushService.collapseId(m))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload(m), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Attempt.Later("no answer from APNs " + apns.endpoint().getHost() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        int status = response.statusCode();
        if (status == 200) {
            return Attempt.sent(response.headers().firstValue("apns-id").orElse(null));
        }
        String reason = reason(response.body());
        String said = "APNs answered " + status + " " + reason;
        if (status == 410 || NO_SUCH_DEVICE.contains(reason)) {
            return Attempt.failed(said + (status == 410 ? " (the app is no longer on that device)" : ""), Bounce.HARD);
        }
        if (status == 429 || status >= 500) {
            return new Attempt.Later(said);
        }
        if (status == 403 && (CREDENTIALS.contains(reason) || reason.equals("ExpiredProviderToken"))) {
            return new Attempt.Refused(said + ": check team, key_id and key of providers.push");
        }
        return Attempt.failed(said, Bounce.OTHER);
    }

    /** The notification: the title and body as an alert; Herald's ids beside it, for the app to report opens. */
    private static String payload(OutboundMessage m) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode alert = root.putObject("aps").putObject("alert");
        alert.put("title", m.headline() == null ? "" : m.headline());
        alert.put("body", m.main() == null ? "" : m.main());
        root.putObject("herald").put("delivery", m.deliveryId()).put("message", m.id());
        return root.toString();
    }

    private synchronized String providerToken(boolean renew) {
        Instant now = clock.instant();
        if (renew || token == null || Duration.between(tokenMade, now).compareTo(TOKEN_AGE) >= 0) {
            token = Jws.es256Der(apns.keyId(), Map.of("iss", apns.teamId(), "iat", now.getEpochSecond()), apns.key());
            tokenMade = now;
        }
        return token;
    }

    private static String reason(String body) {
        try {
            JsonNode json = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            return json.path("reason").asText(PushService.excerpt(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return PushService.excerpt(body);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
