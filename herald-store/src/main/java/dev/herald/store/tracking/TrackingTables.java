package dev.herald.store.tracking;

import dev.herald.store.Store;
import dev.herald.store.report.DeliveryScope;
import dev.herald.tracking.Engagement;
import dev.herald.tracking.MachineTraffic;
import dev.herald.tracking.TrackedMessage;
import dev.herald.tracking.TrackingEvent;
import dev.herald.tracking.TrackingStore;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The event log ({@code herald_event}): tracking events appended a batch at a time (DuckDB's
 * appender; a statement batch on PostgreSQL), and the engagement of a delivery counted from it in
 * SQL. Reports count as a machine's, besides the events flagged when they came, a click less than
 * {@link #TOO_FAST_SECONDS} seconds after its message was sent, and every click of a message within
 * a minute of a click of its hidden honeypot link.
 */
public final class TrackingTables implements TrackingStore {

    /** A person does not open a message and click in it within this many seconds of its sending. */
    public static final int TOO_FAST_SECONDS = 5;

    /**
     * Whether the click {@code e} (a row of {@code herald_event}) is a person's: no machine reason
     * was seen in its request, it came at least {@link #TOO_FAST_SECONDS} seconds after its message
     * was sent, and its message's honeypot was not clicked within a minute of it. The one definition
     * that reports and the message views ({@code clicked_at}) count by.
     */
    public static final String PERSONS_CLICK = "e.machine IS NULL AND NOT EXISTS (SELECT 1 FROM herald_message sm WHERE sm.id = e.message_id "
            + "AND sm.delivery_id = e.delivery_id AND e.occurred_at < sm.sent_at + INTERVAL '" + TOO_FAST_SECONDS + " seconds') "
            + "AND NOT EXISTS (SELECT 1 FROM herald_event h WHERE h.delivery_id = e.delivery_id AND h.message_id = e.message_id "
            + "AND h.kind = 'click' AND h.machine = '" + MachineTraffic.HONEYPOT + "' "
            + "AND h.occurred_at BETWEEN e.occurred_at - INTERVAL '60 seconds' AND e.occurred_at + INTERVAL '60 seconds')";

    private final Store store;
    private final DSLContext dsl;

    public TrackingTables(Store store) {
        this.store = store;
        this.dsl = store.dsl();
    }

    @Override
    public void append(List<TrackingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        store.withConnection(c -> {
            if (store.isDuckDb()) {
                appendTo(c.unwrap(DuckDBConnection.class), events);
            } else {
                insertInto(c, events);
            }
            return null;
        });
    }

    /** DuckDB's appender: rows straight into the table's storage, no statement to parse. */
    private static void appendTo(DuckDBConnection c, List<TrackingEvent> events) throws SQLException {
        try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "herald_event")) {
            for (TrackingEvent e : events) {
                a.beginRow().append(e.messageId()).append(e.deliveryId()).append(e.kind().id());
                if (e.kind() == TrackingEvent.Kind.CLICK) {
                    a.append(e.link());
                } else {
                    a.appendNull();
                }
                text(a, e.url());
                a.append(OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
                text(a, e.userAgent());
                text(a, e.machine());
                a.endRow();
            }
        }
    }

    private static void text(DuckDBAppender a, String value) throws SQLException {
        if (value == null) {
            a.appendNull();
        } else {
            a.append(value);
        }
    }

    /** PostgreSQL: one prepared statement, sent as a batch. */
    private static void insertInto(Connection c, List<TrackingEvent> events) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO herald_event (message_id, delivery_id, kind, link, url, occurred_at, "
                + "user_agent, machine) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (TrackingEvent e : events) {
                p.setLong(1, e.messageId());
                p.setLong(2, e.deliveryId());
                p.setString(3, e.kind().id());
                if (e.kind() == TrackingEvent.Kind.CLICK) {
                    p.setInt(4, e.link());
                } else {
                    p.setNull(4, Types.INTEGER);
                }
                p.setString(5, e.url());
                p.setObject(6, OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
                p.setString(7, e.userAgent());
                p.setString(8, e.machine());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    @Override
    public Optional<TrackedMessage> message(long messageId) {
        Record r = dsl.fetchOne("SELECT id, delivery_id, campaign, channel, dimension, coalesce(CAST(recipient_id AS VARCHAR), recipient_code), "
                + "address, topic, category, sent_at FROM herald_message WHERE id = ? AND delivery_id = ?", messageId, messageId >>> 32);
        if (r == null) {
            return Optional.empty();
        }
        OffsetDateTime sent = r.get(9, OffsetDateTime.class);
        return Optional.of(new TrackedMessage(r.get(0, Long.class), r.get(1, Long.class), r.get(2, String.class), r.get(3, String.class),
                r.get(4, String.class), r.get(5, String.class), r.get(6, String.class), r.get(7, String.class), r.get(8, String.class),
                sent == null ? null : sent.toInstant()));
    }

    @Override
    public Engagement engagement(long deliveryId) {
        return engagement(DeliveryScope.delivery(deliveryId));
    }

    /** What the recipients of the deliveries of {@code scope} did with their messages: opens, clicks per link, unsubscribes. */
    public Engagement engagement(DeliveryScope scope) {
        long sent = number(dsl.fetchValue("SELECT count(*) FROM herald_message WHERE " + scope.on("delivery_id") + " AND status = 'sent'",
                scope.values()));
        String human = PERSONS_CLICK;
        Engagement.Counts opens = counts(scope, "open", "e.machine IS NULL");
        Engagement.Counts clicks = counts(scope, "click", human);
        long unsubscribes = number(dsl.fetchValue("SELECT count(DISTINCT message_id) FROM herald_event WHERE " + scope.on("delivery_id")
                + " AND kind = 'unsubscribe'", scope.values()));
        List<Engagement.Link> links = new ArrayList<>();
        for (Record r : dsl.fetch("SELECT e.link, min(e.url), count(*), count(DISTINCT CASE WHEN " + human + " THEN e.message_id END) "
                + "FROM herald_event e WHERE " + scope.on("e.delivery_id") + " AND e.kind = 'click' AND e.link > 0 GROUP BY e.link "
                + "ORDER BY e.link", scope.values())) {
            links.add(new Engagement.Link(r.get(0, Integer.class), r.get(1, String.class), number(r.get(2)), number(r.get(3))));
        }
        return new Engagement(sent, opens, clicks, unsubscribes, links);
    }

    /** One hour of a report (UTC): messages sent in it, and what people did in it (machines' events apart). */
    public record Hour(java.time.Instant hour, long sent, long opens, long clicks, long unsubscribes, long machineEvents) {
    }

    /** The deliveries of {@code scope} hour by hour (UTC), each hour that sent a message or saw an event. */
    public List<Hour> hourly(DeliveryScope scope) {
        String hourOfSend = "date_trunc('hour', m.sent_at AT TIME ZONE 'UTC')";
        String hourOfEvent = "date_trunc('hour', e.occurred_at AT TIME ZONE 'UTC')";
        // the hour back as a timestamp with time zone: a local one read through the JVM's zone could shift in a DST gap
        String sql = "SELECT h AT TIME ZONE 'UTC', sum(sent), sum(opens), sum(clicks), sum(unsubscribes), sum(machine) FROM ("
                + "SELECT " + hourOfSend + " AS h, count(*) AS sent, 0 AS opens, 0 AS clicks, 0 AS unsubscribes, 0 AS machine "
                + "FROM herald_message m WHERE " + scope.on("m.delivery_id") + " AND m.status = 'sent' AND m.sent_at IS NOT NULL GROUP BY 1 "
                + "UNION ALL SELECT " + hourOfEvent + ", 0, "
                + "count(CASE WHEN e.kind = 'open' AND e.machine IS NULL THEN 1 END), "
                + "count(CASE WHEN e.kind = 'click' AND e.link > 0 AND " + PERSONS_CLICK + " THEN 1 END), "
                + "count(CASE WHEN e.kind = 'unsubscribe' THEN 1 END), "
                + "count(CASE WHEN e.kind = 'open' AND e.machine IS NOT NULL OR e.kind = 'click' AND e.link > 0 AND NOT (" + PERSONS_CLICK
                + ") THEN 1 END) "
                + "FROM herald_event e WHERE " + scope.on("e.delivery_id") + " GROUP BY 1) t GROUP BY h ORDER BY h";
        List<Hour> hours = new ArrayList<>();
        for (Record r : dsl.fetch(sql, scope.values(scope.values()))) {
            hours.add(new Hour(r.get(0, OffsetDateTime.class).toInstant(), number(r.get(1)), number(r.get(2)), number(r.get(3)), number(r.get(4)),
                    number(r.get(5))));
        }
        return hours;
    }

    private Engagement.Counts counts(DeliveryScope scope, String kind, String human) {
        String honeypot = kind.equals("click") ? " AND e.link > 0" : "";
        Record r = dsl.fetchOne("SELECT count(*), count(DISTINCT e.message_id), count(DISTINCT CASE WHEN " + human + " THEN e.message_id END), "
                + "count(CASE WHEN NOT (" + human + ") THEN 1 END) FROM herald_event e WHERE " + scope.on("e.delivery_id") + " AND e.kind = ?"
                + honeypot, scope.values(kind));
        return new Engagement.Counts(number(r.get(0)), number(r.get(1)), number(r.get(2)), number(r.get(3)));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
