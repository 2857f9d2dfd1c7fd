package dev.herald.testkit.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunStatus;
import dev.herald.compliance.Category;
import dev.herald.compliance.ComplianceRules;
import dev.herald.compliance.DeliveryRules;
import dev.herald.compliance.Eligibility;
import dev.herald.compliance.Exclusion;
import dev.herald.compliance.Suppression;
import dev.herald.delivery.Addressing;
import dev.herald.schema.Entity;
import dev.herald.store.audience.StoredRow;
import dev.herald.store.compliance.ComplianceTables;
import dev.herald.testkit.Backend;
import dev.herald.testkit.campaign.RetailStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.TestInstance;

/**
 * One meaning, two forms: for every recipient of a delivery, the reason the SQL form wrote into the
 * message log is the reason the in-memory form ({@link Eligibility}, reading one recipient at a time
 * through {@link ComplianceTables}) gives — over generated retail data with a random history of
 * messages, subscriptions and suppressions, for marketing and transactional deliveries on email,
 * SMS and push, with and without topics, under rolling and calendar frequency caps in a time zone
 * whose day is not UTC's. Only duplicate addresses, a property of the whole population, are the SQL
 * form's alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ComplianceAgreementContract {

    static final Instant NOW = RetailStore.NOW;
    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static final String SETTINGS = """
            time_zone: America/New_York
            compliance:
              frequency_caps:
                - {max: 3, within: 7d, channels: [email, sms]}
                - {max: 1, per: day, channels: [email]}
                - {max: 4, per: month}
                - {max: 2, per: week, channels: [push]}
              topics:
                newsletter: opt_out
                offers: opt_in
              suppression:
                soft_bounces: 2
                soft_bounce_window: 3d
            """;

    RetailStore retail;
    ComplianceTables facts;
    ComplianceRules rules;
    final Map<String, Long> seen = new TreeMap<>();

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass().getAnnotation(Backend.class).value(), Files.createTempDirectory("herald-compliance-"), 700, SETTINGS);
        rules = retail.app().workspace().config().compliance();
        facts = new ComplianceTables(retail.store(), rules.suppression());
        Random random = new Random(7);
        List<Long> profiles = retail.keys("select id from profile order by id").stream().map(k -> ((Number) k).longValue()).toList();
        history(random, profiles);
        subscriptions(random, profiles);
        suppressions(random);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    /** Messages of earlier deliveries: every channel, category and status, before and around the moment of the runs. */
    private void history(Random random, List<Long> profiles) {
        String[] channels = {"email", "email", "sms", "push"};
        String[] categories = {"marketing", "marketing", "transactional"};
        String[] statuses = {"sent", "sent", "sent", "pending", "failed", "excluded", "prepared"};
        long id = 1L << 50;
        List<Object[]> rows = new ArrayList<>();
        for (long p : profiles) {
            if (random.nextInt(10) < 6) {
                int n = random.nextInt(7);
                for (int i = 0; i < n; i++) {
                    String status = statuses[random.nextInt(statuses.length)];
                    // from 40 days before to an hour after; a sent message was sent up to two days after it was created
                    Instant created = NOW.minusSeconds(random.nextInt(40 * 86_400)).plusSeconds(random.nextInt(10) == 0 ? 3_600 : 0);
                    Instant sent = status.equals("sent") ? created.plusSeconds(random.nextInt(2 * 86_400)) : null;
                    rows.add(new Object[] {id++, 1_000_000L + random.nextInt(5), channels[random.nextInt(channels.length)], p, status,
                            categories[random.nextInt(categories.length)], utc(created), sent == null ? null : utc(sent)});
                }
            }
        }
        for (Object[] r : rows) {
            retail.store().dsl().execute("insert into herald_message (id, delivery_id, campaign, activity, run_id, channel, dimension, "
                    + "recipient_id, status, category, created_at, sent_at) values (?, ?, 'history', 'old', 0, ?, 'profile', ?, ?, ?, ?, ?)", r);
        }
    }

    private void subscriptions(Random random, List<Long> profiles) {
        for (long p : profiles) {
            int r = random.nextInt(100);
            if (r < 10) {
                facts.subscribe("profile", p, "email", "", false, "test", NOW.minusSeconds(3_600));
            }
            if (r >= 10 && r < 25) {
                facts.subscribe("profile", p, "email", "newsletter", false, "test", NOW);
            } else if (r >= 25 && r < 30) {
                facts.subscribe("profile", p, "email", "newsletter", true, "test", NOW);
            }
            if (random.nextInt(100) < 35) {
                facts.subscribe("profile", p, "email", "offers", random.nextInt(6) > 0, "test", NOW);
            }
            int s = random.nextInt(100);
            if (s < 10) {
                facts.subscribe("profile", p, "sms", "", false, "test", NOW);
            } else if (s < 15) {
                facts.subscribe("profile", p, "push", "", false, "test", NOW);
            } else if (s < 20) {
                facts.subscribe("profile", p, "sms", "", true, "test", NOW); // a yes counts for nothing more than the consent field
            }
        }
    }

    /** Entries lasting until removed, expired ones, ones that expire later, in other cases and with spaces, on every channel. */
    private void suppressions(Random random) {
        for (Record r : retail.store().dsl().fetch("select id, email, phone from profile order by id")) {
            String email = r.get("email", String.class);
            if (email != null && random.nextInt(100) < 14) {
                String written = switch (random.nextInt(3)) {
                    case 0 -> email;
                    case 1 -> " " + email.toUpperCase(java.util.Locale.ROOT) + "  ";
                    default -> email.strip();
                };
                Instant expires = switch (random.nextInt(3)) {
                    case 0 -> null;
                    case 1 -> NOW.minus(Duration.ofDays(1));
                    default -> NOW.plus(Duration.ofDays(5));
                };
                facts.suppress(new Suppression(random.nextInt(8) == 0 ? "sms" : "email", written, Suppression.MANUAL, null, "test",
                        NOW.minus(Duration.ofDays(10)), expires));
            }
            String phone = r.get("phone", String.class);
            if (phone != null && random.nextInt(100) < 10) {
                facts.suppress(new Suppression("sms", phone, Suppression.HARD_BOUNCE, "550", "test", NOW.minus(Duration.ofDays(2)), null));
            }
        }
        for (String token : retail.store().dsl().fetch("select token from push_device where token is not null and id % 9 = 0")
                .getValues(0, String.class)) {
            facts.suppress(new Suppression("push", token, Suppression.HARD_BOUNCE, "unregistered", "test", NOW.minus(Duration.ofDays(1)), null));
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(nullValues = "-", value = {
            "email, marketing, -",
            "email, marketing, newsletter",
            "email, marketing, offers",
            "email, transactional, -",
            "sms, marketing, -",
            "sms, transactional, -",
            "push, marketing, -"})
    void each_recipient_gets_the_same_reason_from_both_forms(String channel, String category, String topic) {
        agree(channel, category, topic, "");
    }

    @org.junit.jupiter.api.Test
    void an_opt_in_topic_on_a_channel_without_any_subscription_excludes_everyone_it_would_reach() {
        retail.store().dsl().execute("delete from herald_subscription where channel = 'push'");
        Map<String, String> reasons = agree("push", "marketing", "offers", "_bare");
        assertThat(reasons.values()).doesNotContainNull().contains(Exclusion.NOT_SUBSCRIBED);
    }

    /** Runs a test delivery, compares both forms recipient by recipient, and gives the SQL form's reasons. */
    private Map<String, String> agree(String channel, String category, String topic, String suffix) {
        String parts = switch (channel) {
            case "email" -> "subject: \"Hi\"\n    body: \"Hi\"";
            case "sms" -> "text: \"Hi\"";
            default -> "title: \"Hi\"\n    body: \"Hi\"";
        };
        String id = "agree_" + channel + "_" + category + "_" + (topic == null ? "none" : topic) + suffix;
        RunRecord run = retail.test("""
                id: %s
                name: agreement
                activities:
                  - id: everyone
                    type: build-audience
                    expression: profile.id > 0
                  - id: send
                    type: %s
                    from: [everyone]
                    category: %s
                    %s
                    %s
                """.formatted(id, channel, category, topic == null ? "" : "topic: " + topic, parts));
        assertThat(run.status()).as(retail.runStore().log(run.id()).toString()).isEqualTo(RunStatus.FINISHED);
        long delivery = retail.deliveries().find(run.id(), "send").orElseThrow();

        Map<String, String> sql = new TreeMap<>();
        for (Record m : retail.store().dsl().fetch("select recipient_id, secondary_id, reason from herald_message where delivery_id = ?", delivery)) {
            String reason = m.get("reason", String.class);
            sql.put(m.get("recipient_id") + "/" + m.get("secondary_id"), Exclusion.DUPLICATE_ADDRESS.equals(reason) ? null : reason);
        }

        Entity profile = retail.schema().entities().get("profile");
        Addressing addressing = Addressing.resolve(retail.schema(), channel, profile, null, "send", (path, problem) -> {
            throw new AssertionError(problem);
        });
        DeliveryRules deliveryRules = rules.forDelivery(channel, Category.of(category), topic, NOW, ZONE);
        Map<String, String> memory = new TreeMap<>();
        for (Object key : retail.keys("select id from profile")) {
            StoredRow row = new StoredRow(retail.store(), retail.schema(), profile, key);
            for (Eligibility.Candidate c : Eligibility.candidates(row.exists() ? row : null, key, addressing)) {
                memory.put(key + "/" + c.secondary(), Eligibility.exclusion(c, deliveryRules, facts, delivery));
            }
        }

        List<String> differ = new ArrayList<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(sql.keySet());
        keys.addAll(memory.keySet());
        for (String k : keys) {
            if (!sql.containsKey(k) || !memory.containsKey(k) || !java.util.Objects.equals(sql.get(k), memory.get(k))) {
                differ.add(k + ": SQL " + (sql.containsKey(k) ? sql.get(k) : "(no message)") + ", in memory "
                        + (memory.containsKey(k) ? memory.get(k) : "(no candidate)"));
            }
        }
        assertThat(differ).as("recipient/secondary record whose reasons differ, of %d", keys.size()).isEmpty();
        sql.values().forEach(reason -> seen.merge(reason == null ? "sent" : reason, 1L, Long::sum));
        return sql;
    }

    @org.junit.jupiter.api.AfterAll
    void every_reason_was_tested_many_times() {
        if (seen.isEmpty()) {
            return; // the scenarios did not run (a filtered test run)
        }
        for (String reason : List.of("sent", Exclusion.NO_ADDRESS, Exclusion.INVALID_ADDRESS, Exclusion.NO_CONSENT, Exclusion.UNSUBSCRIBED,
                Exclusion.NOT_SUBSCRIBED, Exclusion.SUPPRESSED, Exclusion.FREQUENCY_CAP)) {
            assertThat(seen.getOrDefault(reason, 0L)).as("recipients excluded as %s in all scenarios: %s", reason, seen).isGreaterThanOrEqualTo(10);
        }
    }
}
