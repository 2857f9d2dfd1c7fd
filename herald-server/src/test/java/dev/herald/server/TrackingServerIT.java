package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.app.Application;
import dev.herald.app.run.RunListener;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunStatus;
import dev.herald.compliance.Category;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.testkit.MovableClock;
import dev.herald.testkit.channel.SmtpPeer;
import dev.herald.tracking.Engagement;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The links of real emails, received by a real SMTP peer, followed against a real server on port 0:
 * the pixel and the clicks are counted (people apart from machines), a click goes only where the
 * message pointed, the unsubscribe page changes nothing until it is confirmed, and a token that was
 * forged, altered or cut short gets a 404 and changes nothing.
 */
class TrackingServerIT {

    private static final String BASE = "https://t.shop.example";
    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15";
    private static final Pattern HREF = Pattern.compile("href=\"(" + Pattern.quote(BASE) + "/[^\"]+)\"");
    private static final Pattern PIXEL = Pattern.compile("<img src=\"(" + Pattern.quote(BASE) + "/o/[^\"]+)\"");
    private static final String CAMPAIGN = """
            id: picks
            name: Picks
            activities:
              - id: everyone
                type: build-audience
                expression: has(profile.email)
              - id: mail
                type: email
                from: [everyone]
                topic: newsletter
                subject: "Picks for {{ profile.first_name }}"
                body: |
                  <html><body><p>Hi {{ profile.first_name }}</p>
                  <a href="https://shop.example/sale?x=1&amp;who={{ profile.first_name }}">Sale</a>
                  <a href="https://shop.example/about">About</a>
                  <a href="https://shop.example/legal" data-herald-track="off">Legal</a>
                  <a href="{{ message.unsubscribe_url }}">Unsubscribe</a></body></html>
            """;

    @TempDir
    Path dir;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private SmtpPeer peer;
    private Application app;
    private HeraldServer server;

    @BeforeEach
    void send() throws Exception {
        peer = new SmtpPeer();
        Files.copy(Path.of("../examples/retail/schema.yaml"), dir.resolve(Workspace.SCHEMA_FILE), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve(Workspace.CONFIG_FILE), "providers:\n  email: '" + peer.url("news@shop.example") + "'\n"
                + "tracking:\n  base_url: " + BASE + "\ncompliance:\n  topics:\n    newsletter: opt_out\n    partner_offers: opt_in\n");
        app = Application.open(Workspace.open(dir), StoreLocation.duckdb(dir.resolve("herald.duckdb")), clock);
        app.schemas().apply(false);
        Path csv = Files.writeString(dir.resolve("profiles.csv"), "id,email,email_consent,first_name\n"
                + "1,ann@example.com,true,Ann\n2,bob@example.com,true,Bob\n3,cy@example.com,true,Cy\n");
        app.imports().importFile(ImportRequest.of("profile", csv, ImportMode.INSERT));
        assertThat(app.runs().start(CAMPAIGN, "picks.yaml", RunOptions.live().withApproval().at(clock.instant()).sleepingAtMost(Duration.ZERO),
                RunListener.QUIET).status()).isEqualTo(RunStatus.FINISHED);
        assertThat(peer.received()).hasSize(3);
        server = HeraldServer.start(app, "127.0.0.1", 0);
        clock.move(Duration.ofMinutes(30)); // read half an hour later
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        app.close();
        peer.close();
    }

    @Test
    void opens_and_clicks_are_counted_and_a_click_goes_where_the_message_pointed() throws Exception {
        Mail ann = mail("ann@example.com");
        assertThat(ann.links()).hasSize(4); // the honeypot, two tracked links, the unsubscribe link
        assertThat(ann.html()).contains("<a href=\"https://shop.example/legal\">Legal</a>");

        HttpResponse<byte[]> pixel = get(ann.pixel(), BROWSER);
        assertThat(pixel.statusCode()).isEqualTo(200);
        assertThat(pixel.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(pixel.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(pixel.body()).startsWith("GIF89a".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(local(ann.pixel())).header("User-Agent", BROWSER)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).as("a HEAD, answered alike and counted nowhere (see the counts below)").isEqualTo(200);
        assertThat(head.body()).isEmpty();
        String scraper = app.access().create("prometheus", dev.herald.security.Role.VIEWER, null).token();
        String metrics = new String(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).header("Authorization", "Bearer " + scraper)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body(), StandardCharsets.UTF_8);
        assertThat(metrics).as("the pixel, answered in front of Javalin, is timed under its route's template")
                .containsPattern("herald_http_server_requests_seconds_count\\{method=\"GET\",route=\"/o/\\{token}\",status=\"200\"} [1-9]");

        HttpResponse<byte[]> sale = get(ann.links().get(1), BROWSER);
        assertThat(sale.statusCode()).isEqualTo(302);
        assertThat(sale.headers().firstValue("Location")).hasValue("https://shop.example/sale?x=1&who=Ann");
        assertThat(get(ann.links().get(1), BROWSER).statusCode()).isEqualTo(302);
        assertThat(get(ann.links().get(2), BROWSER).headers().firstValue("Location")).hasValue("https://shop.example/about");

        Mail bob = mail("bob@example.com");
        assertThat(get(bob.pixel(), "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko; "
                + "Google-Docs Image Proxy) Chrome GoogleImageProxy").statusCode()).isEqualTo(200);
        assertThat(get(bob.links().get(1), "Mozilla/5.0 (compatible; Barracuda Sentinel)").statusCode()).isEqualTo(302);

        Mail cy = mail("cy@example.com");
        assertThat(get(cy.links().get(0), BROWSER).statusCode()).as("the honeypot").isEqualTo(302);
        assertThat(get(cy.links().get(2), BROWSER).statusCode()).isEqualTo(302);

        Engagement e = app.tracking().engagement(deliveryId());
        assertThat(e.sent()).isEqualTo(3);
        assertThat(e.opens()).isEqualTo(new Engagement.Counts(2, 2, 1, 1));
        // Ann twice on the sale and once on about; Bob's scanner; Cy's click beside the honeypot
        assertThat(e.clicks()).isEqualTo(new Engagement.Counts(5, 3, 1, 2));
        assertThat(e.links()).containsExactly(new Engagement.Link(1, "https://shop.example/sale?x=1&who=Ann", 3, 1),
                new Engagement.Link(2, "https://shop.example/about", 2, 1));
        assertThat(e.openRate()).isEqualTo(1 / 3.0);
        assertThat(app.store().dsl().fetchValue("select count(*) from herald_event where kind = 'click' and machine = 'honeypot'"))
                .isEqualTo(1L);

        // the run's and the campaign's reports count their one delivery alike; the hours are UTC
        var campaign = app.deliveries().campaignReport("picks");
        assertThat(campaign.engagement()).isEqualTo(e);
        assertThat(app.deliveries().runReport(campaign.deliveries().getFirst().runId()).engagement()).isEqualTo(e);
        assertThat(campaign.messages().messages()).isEqualTo(java.util.Map.of("sent", 3L));
        assertThat(campaign.rates().open()).isEqualTo(1 / 3.0);
        assertThat(campaign.rates().clickToOpen()).isEqualTo(1.0);
        assertThat(campaign.deliveries()).singleElement().satisfies(d -> assertThat(d.sent()).isEqualTo(3));
        assertThat(app.deliveries().campaignHours("picks")).containsExactly(
                new dev.herald.app.delivery.DeliveryService.Hour(Instant.parse("2026-11-02T09:00:00Z"), 3, 1, 3, 0, 3));
        String key = app.access().create("reports", dev.herald.security.Role.VIEWER, null).token();
        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/campaigns/picks/report/hourly?format=csv"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo("hour,sent,opens,clicks,unsubscribes,machine_events\n2026-11-02T09:00:00Z,3,1,3,0,3\n");
    }

    @Test
    void a_click_just_after_sending_is_a_scanners() throws Exception {
        clock.move(Duration.ofMinutes(-30));
        assertThat(get(mail("ann@example.com").links().get(1), BROWSER).statusCode()).isEqualTo(302);
        Engagement e = app.tracking().engagement(deliveryId());
        assertThat(e.clicks()).isEqualTo(new Engagement.Counts(1, 1, 0, 1));
    }

    @Test
    void a_forged_altered_or_cut_token_gets_a_404_and_changes_nothing() throws Exception {
        Mail ann = mail("ann@example.com");
        String click = ann.links().get(1);
        String token = click.substring(click.lastIndexOf('/') + 1);
        char last = token.charAt(token.length() - 1);
        List<String> hostile = List.of(
                click.substring(0, click.length() - 1) + (last == 'A' ? 'B' : 'A'),
                click.substring(0, click.length() - 6),
                BASE + "/c/" + token.substring(0, 10) + "X" + token.substring(11),
                BASE + "/o/" + token,                                           // a click's token as a pixel
                BASE + "/u/" + token,                                           // and as an unsubscribe link
                BASE + "/c/%27%20OR%201=1--", BASE + "/c/..%2F..%2Fetc%2Fpasswd", BASE + "/c/%00",
                BASE + "/c/" + "A".repeat(12_000), BASE + "/o/", BASE + "/c/" + "💥");
        for (String url : hostile) {
            int status = get(url, BROWSER).statusCode();
            assertThat(status).as(url.length() > 200 ? url.substring(0, 200) : url).isBetween(400, 499);
        }
        assertThat(post(BASE + "/u/" + token, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
        Engagement e = app.tracking().engagement(deliveryId());
        assertThat(e.opens().total() + e.clicks().total() + e.unsubscribes()).isZero();
        assertThat(app.compliance().subscriptions("1")).isEmpty();
    }

    @Test
    void the_unsubscribe_page_changes_nothing_until_confirmed_and_one_click_unsubscribes_from_the_topic() throws Exception {
        Mail ann = mail("ann@example.com");
        String link = ann.links().get(3);
        assertThat(link).isEqualTo(ann.listUnsubscribe());
        HttpResponse<byte[]> page = get(link, BROWSER);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("Stop receiving the newsletter email messages at <strong>a•••@example.com")
                .contains("<form method=\"post\">").doesNotContain("ann@example.com");
        assertThat(app.compliance().subscriptions("1")).isEmpty();
        assertThat(app.compliance().check("1", "email", Category.MARKETING, "newsletter")).extracting(a -> a.exclusion()).containsOnlyNulls();

        HttpResponse<byte[]> done = post(link, "List-Unsubscribe=One-Click");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(new String(done.body(), StandardCharsets.UTF_8)).contains("will not receive the newsletter email messages any more");
        assertThat(app.compliance().subscriptions("1")).singleElement().satisfies(s -> {
            assertThat(s.channel()).isEqualTo("email");
            assertThat(s.topic()).isEqualTo("newsletter");
            assertThat(s.subscribed()).isFalse();
            assertThat(s.source()).startsWith("unsubscribe link of message ");
        });
        assertThat(app.compliance().check("1", "email", Category.MARKETING, "newsletter")).extracting(a -> a.exclusion())
                .containsExactly("unsubscribed");
        assertThat(app.compliance().check("2", "email", Category.MARKETING, "newsletter")).extracting(a -> a.exclusion()).containsOnlyNulls();
        assertThat(app.tracking().engagement(deliveryId()).unsubscribes()).isEqualTo(1);
    }

    @Test
    void the_preference_page_shows_what_the_recipient_gets_and_saves_only_what_changed() throws Exception {
        Mail ann = mail("ann@example.com");
        String prefs = BASE + "/p/" + ann.listUnsubscribe().substring(ann.listUnsubscribe().lastIndexOf('/') + 1);
        String page = new String(get(prefs, BROWSER).body(), StandardCharsets.UTF_8);
        assertThat(page).contains("<input type=\"checkbox\" name=\"channel\" value=\"on\" checked> email messages of this sender")
                .contains("<input type=\"checkbox\" name=\"topic\" value=\"newsletter\" checked> newsletter")
                .contains("<input type=\"checkbox\" name=\"topic\" value=\"partner_offers\"> partner_offers");
        assertThat(new String(get(ann.listUnsubscribe(), BROWSER).body(), StandardCharsets.UTF_8)).contains("href=\"../p/");
        assertThat(app.compliance().subscriptions("1")).isEmpty();

        HttpResponse<byte[]> saved = post(prefs, "channel=on&topic=partner_offers");
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(new String(saved.body(), StandardCharsets.UTF_8)).contains("Saved.").contains("value=\"partner_offers\" checked")
                .contains("value=\"newsletter\">");
        assertThat(app.compliance().subscriptions("1")).extracting(s -> s.topic() + "=" + s.subscribed())
                .containsExactlyInAnyOrder("newsletter=false", "partner_offers=true");
        assertThat(app.compliance().check("1", "email", Category.MARKETING, "newsletter")).extracting(a -> a.exclusion()).containsExactly("unsubscribed");
        assertThat(app.compliance().check("1", "email", Category.MARKETING, "partner_offers")).extracting(a -> a.exclusion()).containsOnlyNulls();

        assertThat(post(prefs, "topic=partner_offers").statusCode()).isEqualTo(200);
        assertThat(app.compliance().check("1", "email", Category.MARKETING, null)).extracting(a -> a.exclusion()).containsExactly("unsubscribed");
        assertThat(post(BASE + "/p/forged", "channel=on").statusCode()).isEqualTo(404);
    }

    @Test
    void health_says_the_server_and_its_store_answer() throws Exception {
        assertThat(get(server.url() + "/health/live", BROWSER).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> ready = get(server.url() + "/health/ready", BROWSER);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(new String(ready.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"up\"}");
        assertThat(get(server.url() + "/no/such/route", BROWSER).statusCode()).isEqualTo(404);
    }

    // ---- helpers ----

    private long deliveryId() {
        return ((Number) app.store().dsl().fetchValue("select id from herald_delivery")).longValue();
    }

    /** What one recipient received: the HTML, its links back to Herald in order, its pixel and its List-Unsubscribe URL. */
    @Test
    void an_email_that_links_to_its_mirror_shows_online_as_it_was_received_and_others_have_none() throws Exception {
        String mirrored = CAMPAIGN.replace("id: picks", "id: mirrored").replace("subject: \"Picks", "subject: \"Online picks")
                .replace("<a href=\"{{ message.unsubscribe_url }}\">Unsubscribe</a>", "<a href=\"{{ message.view_online_url }}\">View online</a>");
        assertThat(app.runs().start(mirrored, "mirrored.yaml", RunOptions.live().withApproval().at(clock.instant())
                .sleepingAtMost(Duration.ZERO), RunListener.QUIET).status()).isEqualTo(RunStatus.FINISHED);
        Mail ann = mail("ann@example.com", "Online picks");
        String view = ann.links().stream().filter(l -> l.startsWith(BASE + "/v/")).findFirst().orElseThrow();

        HttpResponse<byte[]> page = get(view, BROWSER);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'none'")
                .contains("form-action 'none'").doesNotContain("script-src");
        assertThat(new String(page.body(), StandardCharsets.UTF_8).replace("\r\n", "\n")).as("the body as Ann received it")
                .isEqualTo(ann.html().replace("\r\n", "\n"));
        assertThat(app.store().dsl().fetchCount(org.jooq.impl.DSL.table("herald_mirror"))).as("one per email of the mirrored delivery")
                .isEqualTo(3);

        assertThat(get(view.substring(0, view.length() - 2), BROWSER).statusCode()).as("altered").isEqualTo(404);
        Mail plain = mail("bob@example.com", "Picks");
        assertThat(plain.links()).noneMatch(l -> l.contains("/v/"));
        long bobsFirst = app.store().dsl().fetchOne("select min(m.id) from herald_message m where m.address = 'bob@example.com'")
                .get(0, Long.class);
        String unkept = new dev.herald.delivery.SignedLinks(BASE, app.store().secrets("links")).viewUrl(bobsFirst);
        HttpResponse<byte[]> none = get(unkept, BROWSER);
        assertThat(none.statusCode()).as("a signed link to a message that kept no mirror").isEqualTo(404);
        assertThat(new String(none.body(), StandardCharsets.UTF_8)).contains("This message cannot be shown online.");
    }

    private record Mail(String html, List<String> links, String pixel, String listUnsubscribe) {
    }

    private Mail mail(String to) throws Exception {
        return mail(to, "Picks");
    }

    /** The email to {@code to} whose subject starts with {@code subject}. */
    private Mail mail(String to, String subject) throws Exception {
        MimeMessage message = null;
        for (SmtpPeer.Received r : peer.received()) {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(r.data().getBytes(StandardCharsets.UTF_8)));
            if (r.recipients().contains(to) && m.getSubject().startsWith(subject)) {
                message = m;
                break;
            }
        }
        assertThat(message).as("an email to %s: %s…", to, subject).isNotNull();
        String html = message.getContent().toString();
        List<String> links = new ArrayList<>();
        Matcher m = HREF.matcher(html);
        while (m.find()) {
            links.add(m.group(1));
        }
        Matcher p = PIXEL.matcher(html);
        assertThat(p.find()).isTrue();
        String header = message.getHeader("List-Unsubscribe")[0].replaceAll("\\s+", "");
        return new Mail(html, links, p.group(1), header.substring(1, header.indexOf('>')));
    }

    private HttpResponse<byte[]> get(String url, String userAgent) throws Exception {
        return http.send(HttpRequest.newBuilder(local(url)).header("User-Agent", userAgent).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> post(String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(local(url)).header("User-Agent", BROWSER)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A link of a message, sent to this test's server instead of the public address the workspace names. */
    private URI local(String url) {
        return URI.create(url.startsWith(BASE) ? server.url() + url.substring(BASE.length()) : url);
    }
}
