package dev.herald.channel.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.channel.Bounce;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.provider.Attempt;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Firebase Cloud Messaging's HTTP v1 API: {@code POST /v1/projects/PROJECT/messages:send}, with an
 * OAuth 2.0 access token the service account gets from Google's token endpoint by a signed
 * assertion (RFC 7523: an RS256 JWT of the account, the messaging scope and the endpoint), kept
 * until a minute before it expires. The Android notification's {@code tag} and the APNs
 * {@code apns-collapse-id} are derived from the message id, so a notification sent again after a
 * crash replaces the first on the device.
 * <p>
 * 200 sends it; {@code UNREGISTERED}, {@code SENDER_ID_MISMATCH} and an invalid registration token
 * fail it as a hard bounce (the token goes on the suppression list); 429 and 5xx are tried again; a
 * 401 gets a new access token once, then stops the batch ({@link Attempt.Refused}), as does a token
 * endpoint that refuses the account; other 4xx fail the message with FCM's reason.
 */
final class FcmService implements PushService {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final PushProvider.Fcm fcm;
    private final HttpClient http;
    private final Clock clock;
    private String accessToken;
    private Instant expires = Instant.MIN;

    FcmService(PushProvider.Fcm fcm, Clock clock) {
        this.fcm = fcm;
        this.clock = clock;
        this.http = PushService.http(fcm.settings());
    }

    @Override
    public PushProvider.Settings settings() {
        return fcm.settings();
    }

    @Override
    public Attempt attempt(OutboundMessage m) throws InterruptedException {
        Attempt first = post(m, false);
        if (first instanceof Attempt.Refused refused && refused.reason().startsWith("FCM answered 401")) {
            return post(m, true);
        }
        return first;
    }

    private Attempt post(OutboundMessage m, boolean renew) throws InterruptedException {
        String bearer;
        try {
            bearer = accessToken(renew);
        } catch (TokenRefused refused) {
            return new Attempt.Refused(refused.getMessage());
        } catch (IOException e) {
            return new Attempt.Later("no access token from " + fcm.tokenUri().getHost() + ": " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(fcm.endpoint() + "/v1/projects/"
                        + URLEncoder.encode(fcm.project(), StandardCharsets.UTF_8) + "/messages:send"))
                .timeout(settings().timeout())
                .header("authorization", "Bearer " + bearer)
                .header("content-type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload(m), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Attempt.Later("no answer from FCM " + fcm.endpoint().getHost() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        int status = response.statusCode();
        if (status == 200) {
            return Attempt.sent(field(response.body(), "name"));
        }
        JsonNode error = json(response.body()).path("error");
        String code = errorCode(error);
        String said = "FCM answered " + status + " " + code + (error.path("message").isTextual() ? ": " + error.path("message").asText() : "");
        if (code.equals("UNREGISTERED") || code.equals("SENDER_ID_MISMATCH")
                || (code.equals("INVALID_ARGUMENT") && said.toLowerCase(java.util.Locale.ROOT).contains("registration token"))) {
            return Attempt.failed(said, Bounce.HARD);
        }
        if (status == 429 || status >= 500) {
            return new Attempt.Later(said);
        }
        if (status == 401 || code.equals("THIRD_PARTY_AUTH_ERROR")) {
            return new Attempt.Refused(said + ": check the credentials of providers.push");
        }
        return Attempt.failed(said, Bounce.OTHER);
    }

    /** The message: a notification of the title and body to the token; Herald's ids in its data. */
    private String payload(OutboundMessage m) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("message");
        message.put("token", m.address() == null ? "" : m.address().strip());
        message.putObject("notification").put("title", m.headline() == null ? "" : m.headline()).put("body", m.main() == null ? "" : m.main());
        message.putObject("data").put("herald_delivery", Long.toString(m.deliveryId())).put("herald_message", Long.toString(m.id()));
        ObjectNode android = message.putObject("android");
        android.put("ttl", settings().ttl().toSeconds() + "s");
        android.putObject("notification").put("tag", PushService.collapseId(m));
        message.putObject("apns").putObject("headers")
                .put("apns-collapse-id", PushService.collapseId(m))
                .put("apns-expiration", Long.toString(clock.instant().plus(settings().ttl()).getEpochSecond()));
        return root.toString();
    }

    /** The access token, asked for again when it is about to expire or {@code renew} says it was refused. */
    private synchronized String accessToken(boolean renew) throws IOException, InterruptedException, TokenRefused {
        Instant now = clock.instant();
        if (!renew && accessToken != null && now.isBefore(expires.minus(MARGIN))) {
            return accessToken;
        }
        String assertion = Jws.rs256(fcm.keyId(), Map.of("iss", fcm.clientEmail(), "scope", SCOPE,
                "aud", fcm.tokenUri().toString(), "iat", now.getEpochSecond(), "exp", now.plusSeconds(3600).getEpochSecond()), fcm.key());
        HttpRequest request = HttpRequest.newBuilder(fcm.tokenUri()).timeout(settings().timeout())
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer",
                        StandardCharsets.UTF_8) + "&assertion=" + assertion)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode answer = json(response.body());
        if (response.statusCode() == 200 && answer.path("access_token").isTextual()) {
            accessToken = answer.get("access_token").asText();
            expires = now.plusSeconds(answer.path("expires_in").asLong(3600));
            return accessToken;
        }
        if (response.statusCode() >= 400 && response.statusCode() < 500 && response.statusCode() != 429) {
            throw new TokenRefused(fcm.tokenUri().getHost() + " refused the service account " + fcm.clientEmail() + " ("
                    + response.statusCode() + " " + PushService.excerpt(response.body()) + "): check the credentials of providers.push");
        }
        throw new IOException("it answered " + response.statusCode() + " " + PushService.excerpt(response.body()));
    }

    private static String errorCode(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (detail.path("errorCode").isTextual()) {
                return detail.get("errorCode").asText();
            }
        }
        return error.path("status").asText("");
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static String field(String body, String name) {
        JsonNode value = json(body).path(name);
        return value.isTextual() ? value.asText() : null;
    }

    private static final class TokenRefused extends Exception {
        TokenRefused(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
