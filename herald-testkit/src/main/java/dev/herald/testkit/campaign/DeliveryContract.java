package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.run.RunStatus;
import dev.herald.campaign.run.RunOptions;
import dev.herald.app.run.RunListener;
import dev.herald.campaign.run.ActivityStatus;
import dev.herald.campaign.run.RunRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * email, push and alert deliveries: recipients resolved into the message log with every exclusion
 * and its reason, each count checked against hand-written SQL; rendered messages in the outbox.
 * The store is the class's own: it blanks a few addresses and makes a few duplicates first, and
 * each test's campaign has its own id, so the tests read only their own messages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeliveryContract {

    RetailStore retail;
    /** Two consenting profiles with valid emails; the second's email was made the first's, in upper case with spaces. */
    long owner;
    long copycat;
    /** Two consenting profiles' devices that were given the same token. */
    long firstDevice;
    long secondDevice;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 1_500);
        var dsl = retail.store().dsl();
        dsl.execute("update profile set email = null where id in (101, 102, 103)");
        dsl.execute("update profile set email = '   ' where id in (104, 105)");
        List<Long> pair = retail.keys("select id from profile where email_consent and id > 300 and email like '%_@_%._%' "
                + "and email in (select email from profile group by email having count(*) = 1)").stream()
                .limit(2).map(k -> (Long) k).toList();
        owner = pair.get(0);
        copycat = pair.get(1);
        dsl.execute("update profile set email = '  ' || upper((select email from profile where id = ?)) || ' ' where id = ?", owner, copycat);
        List<Long> devices = retail.keys("select d.id from push_device d join profile p on p.id = d.profile_id "
                + "where p.push_consent and d.token is not null and p.country = 'US' order by d.id").stream().map(k -> (Long) k)
                .toList();
        firstDevice = devices.get(0);
        secondDevice = devices.stream().filter(d -> !profileOf(d).equals(profileOf(devices.get(0)))).findFirst().orElseThrow();
        dsl.execute("update push_device set token = (select token from push_device where id = ?) where id = ?", firstDevice, secondDevice);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    private Long profileOf(long device) {
        return ((Number) retail.store().dsl().fetchValue("select profile_id from push_device where id = ?", device)).longValue();
    }

    private long delivery(RunRecord run, String activity) {
        return retail.deliveries().find(run.id(), activity).orElseThrow(() -> new AssertionError(
                "no delivery for " + activity + "; log: " + retail.runStore().log(run.id())));
    }

    private Map<String, Long> counts(long delivery) {
        return retail.deliveries().summary(delivery).messages();
    }

    private List<Record> messages(long delivery) {
        return retail.store().dsl().fetch("select * from herald_message where delivery_id = ? order by id", delivery);
    }

    private List<Record> outbox(long delivery) {
        return retail.store().dsl().fetch("select o.*, m.recipient_id, m.secondary_id from herald_outbox o "
                + "join herald_message m on m.id = o.message_id where o.delivery_id = ? order by o.message_id", delivery);
    }

    /** A stored timestamp as a template shows it with %Y-%m-%d %H:%M, in UTC. */
    /** A timestamp as a template shows it to a recipient in {@code zone} (the retail schema's time_zone: profile.timezone); UTC without one. */
    private static String inZone(Object timestamp, Object zone) {
        java.time.Instant at = timestamp instanceof java.time.OffsetDateTime t ? t.toInstant() : ((java.sql.Timestamp) timestamp).toInstant();
        java.time.ZoneId z;
        try {
            z = zone == null || zone.toString().isBlank() ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(zone.toString().strip());
        } catch (java.time.DateTimeException e) {
            z = java.time.ZoneOffset.UTC;
        }
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(z).format(at);
    }

    private static long number(Record r, String field) {
        return ((Number) r.get(field)).longValue();
    }

    /** The exclusions of an email delivery to the profiles matching {@code where}, by hand: status or excluded:reason → count. */
    private Map<String, Long> expectedEmailCounts(String where) {
        String reasons = """
                with c as (
                  select id, email, case
                    when email is null or trim(email) = '' then 'no_address'
                    when trim(email) not like '%_@_%._%' or trim(email) like '%@%@%' or trim(email) like '% %' then 'invalid_address'
                    when coalesce(email_consent, false) = false then 'no_consent'
                  end as reason
                  from profile where WHERE
                ), d as (
                  select id, case
                    when reason is null and exists (select 1 from c earlier where earlier.reason is null and earlier.id < c.id
                                                    and lower(trim(earlier.email)) = lower(trim(c.email))) then 'duplicate_address'
                    else reason
                  end as reason
                  from c
                )
                select coalesce('excluded:' || reason, 'sent') as outcome, count(*) as n from d group by 1
                """.replace("WHERE", where);
        Map<String, Long> counts = new HashMap<>();
        retail.store().dsl().fetch(reasons).forEach(r -> counts.put(r.get(0, String.class), number(r, "n")));
        return counts;
    }

    @Test
    void every_exclusion_reason_of_an_email_delivery_matches_a_hand_written_count() {
        RunRecord run = retail.run("""
                id: t_email_everyone
                name: everyone
                activities:
                  - id: everyone
                    type: build-audience
                    expression: profile.id > 0
                  - id: mail
                    type: email
                    from: [everyone]
                    subject: "Hello"
                    body: "Hello {{ profile.first_name }}"
                """);

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        long d = delivery(run, "mail");
        Map<String, Long> expected = expectedEmailCounts("true");
        assertThat(expected).containsKeys("sent", "excluded:no_address", "excluded:invalid_address", "excluded:no_consent",
                "excluded:duplicate_address");
        assertThat(counts(d)).isEqualTo(expected);
        assertThat(retail.count("select count(*) from herald_outbox where delivery_id = ?", d)).isEqualTo(expected.get("sent"));
        assertThat(retail.keys(run, "mail.out")).isEqualTo(retail.keys(
                "select recipient_id from herald_message where delivery_id = ? and status = 'sent'", d));
    }

    @Test
    void messages_are_numbered_from_the_delivery_id_times_two_to_the_32() {
        RunRecord run = retail.run("""
                id: t_email_ids
                name: ids
                activities:
                  - id: some
                    type: build-audience
                    expression: profile.country == "BE"
                  - id: mail
                    type: email
                    from: [some]
                    subject: "Hello"
                    body: "Hello"
                """);

        long d = delivery(run, "mail");
        List<Long> ids = messages(d).stream().map(m -> number(m, "id")).toList();
        long n = retail.count("select count(*) from profile where country = 'BE'");
        assertThat(ids).hasSize((int) n);
        assertThat(ids).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, n).map(i -> (d << 32) + i).boxed().toList());
    }

    @Test
    void an_address_shared_by_two_profiles_goes_to_the_lowest_key_only_whatever_its_case_and_spaces() {
        RunRecord run = retail.run("""
                id: t_email_duplicate
                name: duplicates
                activities:
                  - id: pair
                    type: build-audience
                    expression: profile.id == %d || profile.id == %d
                  - id: mail
                    type: email
                    from: [pair]
                    subject: "Hello"
                    body: "Hello"
                """.formatted(owner, copycat));

        long d = delivery(run, "mail");
        Map<Long, String> outcome = new LinkedHashMap<>();
        messages(d).forEach(m -> outcome.put(number(m, "recipient_id"), m.get("status") + "/" + m.get("reason")));
        assertThat(outcome).containsExactly(Map.entry(owner, "sent/null"), Map.entry(copycat, "excluded/duplicate_address"));
        assertThat(outbox(d)).hasSize(1).allSatisfy(o -> assertThat(number(o, "recipient_id")).isEqualTo(owner));
    }

    @Test
    void a_profile_twice_in_the_population_gets_one_message() {
        RunRecord run = retail.run("""
                id: t_email_repeated
                name: buyers
                dimension: purchase
                activities:
                  - id: purchases
                    type: build-audience
                    expression: purchase.profile.country == "PL"
                  - id: buyers
                    type: change-dimension
                    from: [purchases]
                    link: profile
                  - id: mail
                    type: email
                    from: [buyers]
                    subject: "Thanks"
                    body: "Thanks {{ profile.first_name }}"
                """);

        long d = delivery(run, "mail");
        TreeSet<Object> buyers = retail.keys("select distinct pu.profile_id from purchase pu join profile p on p.id = pu.profile_id "
                + "where p.country = 'PL'");
        assertThat(retail.transition(run, "buyers.out").rows()).isGreaterThan(buyers.size());
        assertThat(messages(d)).hasSize(buyers.size());
        assertThat(messages(d).stream().map(m -> number(m, "recipient_id")).distinct()).hasSize(buyers.size());
        assertThat(outbox(d).stream().map(o -> number(o, "message_id")).distinct().count()).isEqualTo(outbox(d).size());
        assertThat((long) outbox(d).size()).isEqualTo(counts(d).get("sent"));
    }

    @Test
    void per_bookings_with_a_filter_sends_one_message_per_matching_booking_with_the_booking_in_the_template() {
        RunRecord run = retail.run("""
                id: t_email_per_booking
                name: booking reminders
                activities:
                  - id: booked
                    type: build-audience
                    expression: profile.bookings.exists(b, b.status == "confirmed") && profile.country in ["FR", "DE"]
                  - id: mail
                    type: email
                    from: [booked]
                    per:
                      link: bookings
                      filter: booking.status == "confirmed"
                    subject: "Your {{ booking.service }}"
                    body: "Booking {{ booking.id }} for {{ profile.first_name }} at {{ booking.starts_at | date: '%Y-%m-%d %H:%M' }}"
                """);

        long d = delivery(run, "mail");
        List<String> expected = retail.store().dsl().fetch("select b.profile_id, b.id from booking b join profile p on p.id = b.profile_id "
                + "where b.status = 'confirmed' and p.country in ('FR', 'DE') order by 1, 2").map(r -> number(r, "profile_id") + "/" + number(r, "id"));
        assertThat(expected).hasSizeGreaterThan(retail.keys(run, "booked.out").size());
        assertThat(messages(d).stream().map(m -> number(m, "recipient_id") + "/" + number(m, "secondary_id")).toList())
                .containsExactlyElementsOf(expected);
        assertThat(messages(d)).allSatisfy(m -> assertThat(m.get("secondary")).isEqualTo("booking"));
        // only recipients with a usable, consented address get theirs; each names its own booking
        List<String> reachable = retail.store().dsl().fetch("select b.profile_id, b.id, b.service, b.starts_at, p.first_name, p.timezone from booking b "
                + "join profile p on p.id = b.profile_id where b.status = 'confirmed' and p.country in ('FR', 'DE') and p.email_consent "
                + "and p.email like '%_@_%._%' and trim(p.email) <> '' order by 1, 2")
                .map(r -> number(r, "profile_id") + "/" + number(r, "id") + " Your " + r.get("service") + " | Booking " + number(r, "id")
                        + " for " + r.get("first_name") + " at " + inZone(r.get("starts_at"), r.get("timezone")));
        assertThat(outbox(d).stream().map(o -> number(o, "recipient_id") + "/" + number(o, "secondary_id") + " " + o.get("subject")
                + " | " + o.get("body")).toList()).containsExactlyElementsOf(reachable);
    }

    @Test
    void push_sends_one_message_per_device_and_excludes_profiles_without_one() {
        RunRecord run = retail.run("""
                id: t_push_devices
                name: push
                activities:
                  - id: some
                    type: build-audience
                    expression: profile.country in ["GB", "IE"]
                  - id: notify
                    type: push
                    from: [some]
                    title: "Hi {{ profile.first_name }}"
                    body: "On your {{ push_device.platform }}"
                """);

        long d = delivery(run, "notify");
        List<String> devices = retail.store().dsl().fetch("select d.profile_id, d.id from push_device d join profile p on p.id = d.profile_id "
                + "where p.country in ('GB', 'IE') and p.push_consent and d.token is not null and trim(d.token) <> '' order by 1, 2")
                .map(r -> number(r, "profile_id") + "/" + number(r, "id"));
        assertThat(outbox(d).stream().map(o -> number(o, "recipient_id") + "/" + number(o, "secondary_id")).toList())
                .containsExactlyElementsOf(devices);
        long withoutDevice = retail.count("select count(*) from profile p where p.country in ('GB', 'IE') "
                + "and not exists (select 1 from push_device d where d.profile_id = p.id)");
        assertThat(counts(d).get("excluded:no_address")).isEqualTo(withoutDevice);
        Record one = outbox(d).get(0);
        Record device = retail.store().dsl().fetchOne("select d.platform, d.token, p.first_name from push_device d "
                + "join profile p on p.id = d.profile_id where d.id = ?", number(one, "secondary_id"));
        assertThat(one.get("subject")).isEqualTo("Hi " + device.get("first_name"));
        assertThat(one.get("body")).isEqualTo("On your " + device.get("platform"));
        assertThat(one.get("address")).isEqualTo(device.get("token"));
    }

    @Test
    void a_push_token_shared_by_two_devices_gets_one_notification() {
        RunRecord run = retail.run("""
                id: t_push_shared_token
                name: push
                activities:
                  - id: pair
                    type: build-audience
                    expression: profile.id == %d || profile.id == %d
                  - id: notify
                    type: push
                    from: [pair]
                    title: "Hi"
                    body: "Hello"
                """.formatted(profileOf(firstDevice), profileOf(secondDevice)));

        long d = delivery(run, "notify");
        String token = (String) retail.store().dsl().fetchValue("select token from push_device where id = ?", firstDevice);
        assertThat(outbox(d)).filteredOn(o -> token.equals(o.get("address"))).hasSize(1)
                .allSatisfy(o -> assertThat(number(o, "recipient_id")).isEqualTo(Math.min(profileOf(firstDevice), profileOf(secondDevice))));
        assertThat(messages(d)).filteredOn(m -> token.equals(m.get("address")) && "excluded".equals(m.get("status")))
                .extracting(m -> m.get("reason")).containsExactly("duplicate_address");
    }

    @Test
    void the_outbox_holds_the_message_rendered_with_profile_fields_enrichment_columns_and_variables() {
        RunRecord run = retail.run("""
                id: t_email_rendered
                name: rendered
                variables:
                  discount: 20
                activities:
                  - id: some
                    type: build-audience
                    expression: profile.country == "NL"
                  - id: spend
                    type: enrich
                    from: [some]
                    columns:
                      orders: size(profile.purchases)
                  - id: mail
                    type: email
                    from: [spend]
                    subject: "{{ profile.first_name }}, {{ vars.discount }}% off"
                    body: "{{ profile.city }}: {{ target.orders }} orders, {{ profile.lifetime_value }} spent"
                """, RunOptions.live().withApproval().at(RetailStore.NOW).sleepingAtMost(Duration.ZERO).withVariables(Map.of("discount", 35)));

        long d = delivery(run, "mail");
        Map<Long, String> expected = new LinkedHashMap<>();
        retail.store().dsl().fetch("select p.id, p.first_name, p.city, p.lifetime_value, "
                        + "(select count(*) from purchase pu where pu.profile_id = p.id) as orders from profile p where p.country = 'NL'")
                .forEach(r -> expected.put(number(r, "id"), r.get("first_name") + ", 35% off | " + r.get("city") + ": "
                        + number(r, "orders") + " orders, " + ((BigDecimal) r.get("lifetime_value")).toPlainString() + " spent"));
        assertThat(outbox(d)).isNotEmpty().allSatisfy(o -> assertThat(o.get("subject") + " | " + o.get("body"))
                .isEqualTo(expected.get(number(o, "recipient_id"))));
        assertThat(outbox(d)).allSatisfy(o -> assertThat(o.get("channel")).isEqualTo("email"));
    }

    @Test
    void a_live_delivery_waits_for_approval_then_sends_and_one_that_needs_none_sends_at_once() {
        String yaml = """
                id: t_approval
                name: approval
                activities:
                  - id: some
                    type: build-audience
                    expression: profile.country == "NL"
                  - id: mail
                    type: email
                    from: [some]
                    subject: "Hi {{ profile.first_name }}"
                    body: "Hello"
                  - id: text
                    type: sms
                    from: [mail]
                    approval: none
                    text: "Hi"
                """;
        RunOptions options = RunOptions.live().at(RetailStore.NOW).sleepingAtMost(Duration.ZERO);
        RunRecord run = retail.run(yaml, options);
        assertThat(run.status()).isEqualTo(RunStatus.SUSPENDED);
        long mail = delivery(run, "mail");
        assertThat(outbox(mail)).as("nothing leaves before approval").isEmpty();
        assertThat(retail.deliveries().summary(mail).messages()).containsKey("pending");
        assertThat(retail.runStore().activities(run.id()).get("mail").status()).isEqualTo(ActivityStatus.RUNNING);
        assertThat(retail.app().runs().awaitingApproval(run.id())).containsExactly("mail");
        assertThat(retail.runStore().log(run.id()).stream().map(l -> l.message()))
                .anySatisfy(m -> assertThat(m).contains("waiting for approval; the first, to ").contains(": 'Hi "));

        assertThat(retail.runs().resume(run.id(), Duration.ZERO, false, RunListener.QUIET).status())
                .as("resuming without approval waits again").isEqualTo(RunStatus.SUSPENDED);
        assertThat(outbox(mail)).isEmpty();

        RunRecord approved = retail.app().runs().approve(run.id(), "mail", "a test", Duration.ZERO, RunListener.QUIET);
        assertThat(approved.status()).isEqualTo(RunStatus.FINISHED);
        long sent = retail.deliveries().summary(mail).messages().get("sent");
        assertThat(outbox(mail)).hasSize((int) sent);
        assertThat(retail.deliveries().approvedBy(mail)).contains("a test");
        assertThat(retail.deliveries().approvedBy(delivery(approved, "text"))).as("approval: none").contains("approval: none");

        RunRecord upfront = retail.run(yaml.replace("t_approval", "t_approval_upfront"), options.withApproval());
        assertThat(upfront.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.deliveries().approvedBy(delivery(upfront, "mail"))).contains("run " + upfront.id() + " started approved");
    }

    @Test
    void a_test_run_prepares_the_messages_and_writes_no_outbox_row() {
        RunRecord run = retail.test("""
                id: t_email_test_run
                name: test run
                activities:
                  - id: some
                    type: build-audience
                    expression: profile.country == "ES"
                  - id: mail
                    type: email
                    from: [some]
                    subject: "Hello"
                    body: "Hello"
                """);

        long d = delivery(run, "mail");
        Map<String, Long> expected = expectedEmailCounts("country = 'ES'");
        Long sent = expected.remove("sent");
        expected.put("prepared", sent);
        assertThat(counts(d)).isEqualTo(expected);
        assertThat(retail.count("select count(*) from herald_outbox where delivery_id = ?", d)).isZero();
        assertThat(retail.count("select count(*) from herald_message where delivery_id = ? and sent_at is not null", d)).isZero();
        assertThat(retail.keys(run, "mail.out")).isEqualTo(retail.keys(
                "select recipient_id from herald_message where delivery_id = ? and status = 'prepared'", d));
    }

    @Test
    void rate_limits_how_many_messages_are_sent_per_second() {
        String yaml = """
                id: t_email_rate
                name: rate
                activities:
                  - id: some
                    type: build-audience
                    expression: profile.email_consent && profile.id >= 1000 && profile.id < 1060
                  - id: mail
                    type: email
                    from: [some]
                    subject: "Hello"
                    body: "Hello"
                    rate: 20
                """;
        long started = System.nanoTime();
        RunRecord run = retail.run(yaml);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        long sent = counts(delivery(run, "mail")).get("sent");
        assertThat(sent).isGreaterThan(30);
        // at 20 a second, the last message cannot leave before (sent - 20) / 20 seconds; allow for scheduling slack
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis((sent - 20) * 1000 / 20 - 100));
    }

    @Test
    void a_later_campaign_sees_the_sent_messages_through_profile_messages() {
        RunRecord mailing = retail.run("""
                id: t_email_seen_later
                name: first mailing
                activities:
                  - id: some
                    type: build-audience
                    expression: profile.country == "IT"
                  - id: mail
                    type: email
                    from: [some]
                    subject: "Hello"
                    body: "Hello"
                """);
        long d = delivery(mailing, "mail");

        RunRecord later = retail.test("""
                id: t_email_seen_reader
                name: who got it
                activities:
                  - id: got_it
                    type: build-audience
                    expression: profile.messages.exists(m, m.status == "sent" && m.campaign == "t_email_seen_later")
                  - id: excluded
                    type: build-audience
                    expression: profile.messages.exists(m, m.reason == "no_consent" && m.campaign == "t_email_seen_later")
                """);

        TreeSet<Object> sent = retail.keys("select recipient_id from herald_message where delivery_id = ? and status = 'sent'", d);
        assertThat(sent).isNotEmpty();
        assertThat(retail.keys(later, "got_it.out")).isEqualTo(sent);
        assertThat(retail.keys(later, "excluded.out")).isEqualTo(retail.keys(
                "select id from profile where country = 'IT' and email_consent = false and email like '%_@_%._%'"));
    }

    @Test
    void an_alert_goes_to_the_supervisors_outbox_in_a_live_run_only() {
        String yaml = """
                id: %s
                name: alerting
                supervisors: [crm@example.com, ops@example.com]
                activities:
                  - id: some
                    type: build-audience
                    expression: profile.country == "SE"
                  - id: tell
                    type: alert
                    from: [some]
                    level: warning
                    message: "{count} Swedes in {campaign}, run {run}, at {activity}"
                """;
        RunRecord live = retail.run(yaml.formatted("t_alert_live"));
        RunRecord test = retail.test(yaml.formatted("t_alert_test"));

        long swedes = retail.count("select count(*) from profile where country = 'SE'");
        String text = swedes + " Swedes in t_alert_live, run " + live.id() + ", at tell";
        long d = delivery(live, "tell");
        assertThat(outbox(d)).extracting(o -> o.get("channel") + " " + o.get("address") + " " + o.get("body"))
                .containsExactly("alert crm@example.com " + text, "alert ops@example.com " + text);
        assertThat(retail.runStore().log(live.id())).anyMatch(l -> "warning".equals(l.level()) && l.message().equals(text));
        assertThat(retail.keys(live, "tell.out")).isEqualTo(retail.keys("select id from profile where country = 'SE'"));

        assertThat(retail.deliveries().find(test.id(), "tell")).isEmpty();
        assertThat(retail.count("select count(*) from herald_outbox where body like '%t_alert_test%'")).isZero();
        assertThat(retail.runStore().log(test.id())).anyMatch(l -> l.message().startsWith(swedes + " Swedes in t_alert_test"));
    }

    @Test
    void an_alert_with_to_goes_to_those_addresses_instead_of_the_supervisors() {
        RunRecord run = retail.run("""
                id: t_alert_to
                name: alerting
                supervisors: [crm@example.com]
                activities:
                  - id: some
                    type: build-audience
                    expression: profile.country == "SE"
                  - id: tell
                    type: alert
                    from: [some]
                    to: [oncall@example.com]
                    message: "done"
                """);

        assertThat(outbox(delivery(run, "tell"))).extracting(o -> o.get("address")).containsExactly("oncall@example.com");
    }

    @Test
    void a_message_that_cannot_be_rendered_is_marked_failed_with_its_error_and_the_others_are_sent() {
        RunRecord run = retail.run("""
                id: t_email_render_error
                name: render errors
                activities:
                  - id: some
                    type: build-audience
                    expression: profile.country == "AU" || profile.country == "JP"
                  - id: odd
                    type: enrich
                    from: [some]
                    columns:
                      odd: profile.id % 2
                  - id: mail
                    type: email
                    from: [odd]
                    subject: "Hello"
                    body: "{{ 10 | divided_by: target.odd }}"
                """);

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        long d = delivery(run, "mail");
        Map<String, Long> expected = expectedEmailCounts("country in ('AU', 'JP')");
        List<Record> eligible = messages(d).stream().filter(m -> !"excluded".equals(m.get("status"))).toList();
        assertThat((long) eligible.size()).isEqualTo(expected.get("sent"));
        assertThat(eligible).allSatisfy(m -> {
            if (number(m, "recipient_id") % 2 == 0) {
                assertThat(m.get("status")).isEqualTo("failed");
                assertThat((String) m.get("error")).isNotBlank();
            } else {
                assertThat(m.get("status")).isEqualTo("sent");
            }
        });
        assertThat(eligible).anyMatch(m -> "failed".equals(m.get("status"))).anyMatch(m -> "sent".equals(m.get("status")));
        assertThat(outbox(d)).allSatisfy(o -> assertThat(o.get("body")).isEqualTo("10"));
        assertThat(retail.keys(run, "mail.out")).isEqualTo(retail.keys(
                "select recipient_id from herald_message where delivery_id = ? and status = 'sent'", d));
    }
}
