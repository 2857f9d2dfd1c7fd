package dev.herald.testkit.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A local Firebase Cloud Messaging, over HTTP/2 and TLS only (Jetty): Google's token endpoint
 * ({@code POST /token}, which verifies the service account's RS256 assertion with the account's
 * public key, its issuer, scope and audience) and the HTTP v1 send endpoint
 * ({@code POST /v1/projects/PROJECT/messages:send}, which takes only an access token it issued and
 * answers as FCM does: the message name, {@code UNREGISTERED} for a removed app, an invalid token's
 * {@code INVALID_ARGUMENT}, 503 while {@link #unavailable} lasts).
 */
final class FcmPeer implements AutoCloseable {

    static final String PROJECT = "shop-app";
    static final String ACCOUNT = "herald@shop-app.iam.gserviceaccount.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    final KeyPair accountKey;
    final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    final List<String> protocols = new CopyOnWriteArrayList<>();
    final AtomicInteger tokensIssued = new AtomicInteger();
    /** How many send requests are answered 503 before the service takes them again. */
    final AtomicInteger unavailable = new AtomicInteger();
    private final Set<String> removed;
    private final Set<String> valid = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Server server;

    /** @param removed the registration tokens whose app was removed */
    FcmPeer(SelfSigned tls, Set<String> removed) throws Exception {
        this.removed = removed;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        accountKey = generator.generateKeyPair();
        server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2");
        alpn.setDefaultProtocol("h2");
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword("test");
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                protocols.add(request.getConnectionMetaData().getProtocol());
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                String path = Request.getPathInContext(request);
                Answer answer = path.equals("/token") ? token(body)
                        : path.equals("/v1/projects/" + PROJECT + "/messages:send") ? send(request.getHeaders().get(HttpHeader.AUTHORIZATION), body)
                        : new Answer(404, "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\"}}");
                response.setStatus(answer.status);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=UTF-8");
                Content.Sink.write(response, true, answer.body, callback);
                return true;
            }
        });
        server.start();
    }

    private record Answer(int status, String body) {
    }

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The service account's JSON key file, as the Firebase console hands it out. */
    String credentials() {
        Map<String, String> account = new HashMap<>();
        account.put("type", "service_account");
        account.put("project_id", PROJECT);
        account.put("private_key_id", "key-1");
        account.put("private_key", SelfSigned.privateKeyPem(accountKey.getPrivate()));
        account.put("client_email", ACCOUNT);
        account.put("token_uri", "https://localhost:" + port() + "/token");
        return JSON.valueToTree(account).toPrettyString();
    }

    /** Makes every access token issued so far expire: the next send with one is answered 401. */
    void expireAccessTokens() {
        valid.clear();
    }

    private Answer token(String form) throws Exception {
        Map<String, String> fields = new HashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String[] jwt = fields.getOrDefault("assertion", "").split("\\.");
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(fields.get("grant_type")) || jwt.length != 3) {
            return new Answer(400, "{\"error\":\"invalid_request\"}");
        }
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(accountKey.getPublic());
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        long now = System.currentTimeMillis() / 1000;
        if (!rs256.verify(Base64.getUrlDecoder().decode(jwt[2])) || !header.path("alg").asText().equals("RS256")
                || !claims.path("iss").asText().equals(ACCOUNT)
                || !claims.path("scope").asText().equals("https://www.googleapis.com/auth/firebase.messaging")
                || !claims.path("aud").asText().equals("https://localhost:" + port() + "/token")
                || claims.path("exp").asLong() <= now || claims.path("iat").asLong() > now + 60) {
            return new Answer(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
        }
        String token = "ya29.test-" + tokensIssued.incrementAndGet();
        valid.add(token);
        return new Answer(200, "{\"access_token\":\"" + token + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
    }

    private Answer send(String authorization, String body) throws Exception {
        if (authorization == null || !authorization.startsWith("Bearer ") || !valid.contains(authorization.substring(7))) {
            return new Answer(401, "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\",\"status\":\"UNAUTHENTICATED\"}}");
        }
        if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new Answer(503, "{\"error\":{\"code\":503,\"message\":\"The service is currently unavailable.\",\"status\":\"UNAVAILABLE\"}}");
        }
        JsonNode message = JSON.readTree(body).path("message");
        String token = message.path("token").asText();
        if (removed.contains(token)) {
            return new Answer(404, "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\",\"status\":\"NOT_FOUND\","
                    + "\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}");
        }
        if (token.length() < 20) {
            return new Answer(400, "{\"error\":{\"code\":400,\"message\":\"The registration token is not a valid FCM registration token\","
                    + "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                    + "\"errorCode\":\"INVALID_ARGUMENT\"}]}}");
        }
        accepted.add(message);
        return new Answer(200, "{\"name\":\"projects/" + PROJECT + "/messages/0:" + accepted.size() + "\"}");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
