package dev.herald.testkit.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.store.tracking.TrackingTables;
import dev.herald.testkit.Backend;
import dev.herald.testkit.campaign.RetailStore;
import dev.herald.tracking.Engagement;
import dev.herald.tracking.MachineTraffic;
import dev.herald.tracking.TrackedMessage;
import dev.herald.tracking.TrackingEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The event log on each store: events are stored exactly, a large batch too; clicks too soon after
 * sending and clicks beside the honeypot count as machines'; a delivery's engagement is counted as
 * docs/server.md defines it. Each test uses a delivery of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TrackingContract {

    static final Instant SENT = Instant.parse("2026-11-02T09:00:00Z");
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    RetailStore retail;
    TrackingTables events;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass().getAnnotation(Backend.class).value(), Files.createTempDirectory("herald-tracking-"), 10, null);
        events = new TrackingTables(retail.store());
    }

    @AfterAll
    void close() {
        retail.close();
    }

    private long message(long delivery, int n, String address, String topic) {
        long id = (delivery << 32) + n;
        retail.store().dsl().execute("INSERT INTO herald_message (id, delivery_id, campaign, activity, run_id, channel, dimension, recipient_id, "
                + "address, status, created_at, sent_at, category, topic) VALUES (?, ?, 'picks', 'mail', 1, 'email', 'profile', ?, ?, 'sent', ?, ?, "
                + "'marketing', ?)", id, delivery, (long) n, address, utc(SENT), utc(SENT), topic);
        return id;
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static TrackingEvent click(long message, int link, Instant at, String ua) {
        String machine = link == 0 ? MachineTraffic.HONEYPOT : MachineTraffic.of(TrackingEvent.Kind.CLICK, ua);
        return new TrackingEvent(TrackingEvent.Kind.CLICK, message, link, "https://shop.example/" + link, at, ua, machine);
    }

    private static TrackingEvent open(long message, Instant at, String ua) {
        return new TrackingEvent(TrackingEvent.Kind.OPEN, message, 0, null, at, ua, MachineTraffic.of(TrackingEvent.Kind.OPEN, ua));
    }

    @Test
    void a_link_finds_its_message_and_no_other() {
        long id = message(101, 7, "lea@example.com", "newsletter");
        TrackedMessage m = events.message(id).orElseThrow();
        assertThat(m).isEqualTo(new TrackedMessage(id, 101, "picks", "email", "profile", "7", "lea@example.com", "newsletter", "marketing", SENT));
        assertThat(events.message(id + 1)).isEmpty();
        assertThat(events.message(7)).as("the same position in another delivery").isEmpty();
    }

    @Test
    void every_event_of_a_large_batch_is_stored_exactly() {
        long id = message(102, 1, "a@example.com", null);
        String hostile = "Mozilla/5.0 '); DROP TABLE herald_event; -- \"quoted\" \\ emoji 💌 " + "x".repeat(600);
        List<TrackingEvent> batch = new ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            batch.add(i % 2 == 0 ? open(id, SENT.plusSeconds(60 + i), BROWSER)
                    : new TrackingEvent(TrackingEvent.Kind.CLICK, id, 3, "https://shop.example/a?b='c'&d=\"e\"#é", SENT.plusSeconds(60 + i), hostile, null));
        }
        events.append(batch);
        List<Record> rows = retail.store().dsl().fetch("SELECT kind, link, url, occurred_at, user_agent, machine FROM herald_event "
                + "WHERE delivery_id = 102 ORDER BY occurred_at");
        assertThat(rows).hasSize(1_234);
        Record first = rows.get(0);
        assertThat(first.get(0)).isEqualTo("open");
        assertThat(first.get(1)).isNull();
        assertThat(first.get(3, OffsetDateTime.class).toInstant()).isEqualTo(SENT.plusSeconds(60));
        Record second = rows.get(1);
        assertThat(second.get(1, Integer.class)).isEqualTo(3);
        assertThat(second.get(2)).isEqualTo("https://shop.example/a?b='c'&d=\"e\"#é");
        assertThat(second.get(4, String.class)).isEqualTo(hostile.substring(0, TrackingEvent.USER_AGENT)).hasSize(512);
        assertThat(second.get(5)).isNull();
        assertThat(retail.store().count("herald_event")).isGreaterThanOrEqualTo(1_234);
        events.append(List.of());
    }

    @Test
    void engagement_counts_people_apart_from_proxies_scanners_fast_clicks_and_honeypot_neighbours() {
        long m1 = message(103, 1, "a@example.com", null);
        long m2 = message(103, 2, "b@example.com", null);
        long m3 = message(103, 3, "c@example.com", null);
        message(103, 4, "d@example.com", null);
        String proxy = "Mozilla/5.0 (Windows NT 5.1) GoogleImageProxy";
        events.append(List.of(
                open(m1, SENT.plusSeconds(600), BROWSER), open(m1, SENT.plusSeconds(900), BROWSER), open(m2, SENT.plusSeconds(30), proxy),
                click(m1, 1, SENT.plusSeconds(1), BROWSER),                      // too soon after sending: a scanner
                click(m1, 1, SENT.plusSeconds(610), BROWSER),
                click(m2, 2, SENT.plusSeconds(700), BROWSER),
                click(m3, 0, SENT.plusSeconds(120), "Mozilla/5.0"),               // the honeypot…
                click(m3, 1, SENT.plusSeconds(121), "Mozilla/5.0"),               // …and the link followed beside it
                click(m3, 2, SENT.plusSeconds(420), BROWSER)));                   // five minutes later: a person
        events.append(List.of(new TrackingEvent(TrackingEvent.Kind.UNSUBSCRIBE, m2, 0, null, SENT.plusSeconds(800), BROWSER, null)));

        Engagement e = events.engagement(103);
        assertThat(e.sent()).isEqualTo(4);
        assertThat(e.opens()).isEqualTo(new Engagement.Counts(3, 2, 1, 1));
        assertThat(e.clicks()).isEqualTo(new Engagement.Counts(5, 3, 3, 2));
        assertThat(e.unsubscribes()).isEqualTo(1);
        assertThat(e.links()).containsExactly(new Engagement.Link(1, "https://shop.example/1", 3, 1),
                new Engagement.Link(2, "https://shop.example/2", 2, 2));
        assertThat(e.openRate()).isEqualTo(0.25);
        assertThat(e.clickRate()).isEqualTo(0.75);
        assertThat(e.clickToOpenRate()).isEqualTo(3.0);
        assertThat(events.engagement(999)).isEqualTo(new Engagement(0, new Engagement.Counts(0, 0, 0, 0), new Engagement.Counts(0, 0, 0, 0), 0, List.of()));
    }

    @Test
    void who_opened_a_delivery_but_did_not_click_is_an_expression_over_the_message_log() {
        long opened = message(104, 5, "e@example.com", null);
        long clicked = message(104, 6, "f@example.com", null);
        long scanned = message(104, 7, "g@example.com", null);
        long trapped = message(104, 8, "h@example.com", null);
        message(104, 9, "i@example.com", null);
        events.append(List.of(open(opened, SENT.plusSeconds(300), BROWSER), open(clicked, SENT.plusSeconds(300), BROWSER),
                click(clicked, 1, SENT.plusSeconds(320), BROWSER), open(scanned, SENT.plusSeconds(2), "Mozilla/5.0 GoogleImageProxy"),
                click(scanned, 1, SENT.plusSeconds(2), BROWSER), open(trapped, SENT.plusSeconds(600), BROWSER),
                click(trapped, 0, SENT.plusSeconds(600), BROWSER), click(trapped, 2, SENT.plusSeconds(601), BROWSER)));
        dev.herald.store.delivery.MessageViews.ensure(retail.store(), retail.schema());
        List<Record> rows = retail.store().dsl().fetch("SELECT recipient_key, opened_at, clicked_at FROM herald_message_profile "
                + "WHERE delivery_id = 104 ORDER BY id");
        assertThat(rows).extracting(r -> r.get(0, Long.class) + " " + (r.get(1) != null) + " " + (r.get(2) != null))
                .containsExactly("5 true false", "6 true true", "7 false false", "8 true false", "9 false false");
        assertThat(rows.get(1).get(2, OffsetDateTime.class).toInstant()).isEqualTo(SENT.plusSeconds(320));

        assertThat(count("profile.messages.exists(m, m.delivery_id == 104 && has(m.opened_at) && !has(m.clicked_at))"))
                .as("the click beside the honeypot is a scanner's, as in the report").isEqualTo(2);
        assertThat(count("profile.messages.exists(m, m.delivery_id == 104 && has(m.clicked_at))")).isEqualTo(1);
        assertThat(count("profile.messages.exists(m, m.delivery_id == 104 && !has(m.opened_at))")).as("the proxy and the scanner are no one")
                .isEqualTo(2);
    }

    private long count(String expression) {
        return retail.app().audiences().count(new dev.herald.app.audience.AudienceService.Query(expression, null, java.util.Map.of(), null));
    }
}
