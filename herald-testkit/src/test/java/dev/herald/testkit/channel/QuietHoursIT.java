package dev.herald.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.app.Application;
import dev.herald.app.compliance.ComplianceService;
import dev.herald.app.run.RunListener;
import dev.herald.campaign.run.ActivityStatus;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunStatus;
import dev.herald.compliance.Category;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.store.run.Runs;
import dev.herald.testkit.MovableClock;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quiet hours in each recipient's time zone: at 22:30 UTC a marketing text to Paris (23:30 there)
 * waits until 08:00 Paris time while New York (17:30) gets it at once, and a transactional one goes
 * to both; when the hours end the delivery sends the rest by itself, each message once.
 */
class QuietHoursIT {

    private static final String CAMPAIGN = """
            id: evening
            name: Evening
            activities:
              - id: everyone
                type: build-audience
                expression: has(profile.phone)
              - id: promo
                type: sms
                from: [everyone]
                text: "Hi {{ profile.first_name }}"
              - id: receipt
                type: sms
                category: transactional
                from: [everyone]
                text: "Your receipt"
            """;

    @TempDir
    Path dir;

    @Test
    void a_marketing_text_waits_for_the_end_of_the_recipients_quiet_hours_and_a_transactional_one_does_not() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-01T22:30:00Z"));
        try (Application app = open(clock, """
                compliance:
                  quiet_hours: { from: "21:00", to: "08:00", channels: [sms, push] }
                """)) {
            assertThat(app.compliance().check("1", "sms", Category.MARKETING, null)).as("herald consent check: Paris waits until 08:00 there")
                    .containsExactly(new ComplianceService.Answer("+33612345678", null, Instant.parse("2026-11-02T07:00:00Z"), "Europe/Paris"));
            assertThat(app.compliance().check("2", "sms", Category.MARKETING, null)).singleElement()
                    .satisfies(a -> assertThat(a.waitsUntil()).as("17:30 in New York").isNull());
            assertThat(app.compliance().check("1", "sms", Category.TRANSACTIONAL, null)).singleElement()
                    .satisfies(a -> assertThat(a.waitsUntil()).isNull());
            RunRecord run = start(app, clock, CAMPAIGN);

            assertThat(run.status()).isEqualTo(RunStatus.WAITING);
            var promo = new Runs(app.store()).activities(run.id()).get("promo");
            assertThat(promo.status()).isEqualTo(ActivityStatus.RETRYING);
            assertThat(promo.wakeAt()).isEqualTo(Instant.parse("2026-11-02T07:00:00Z")); // 08:00 in Paris
            assertThat(outbox(app)).as("the receipts go at once, the other branch does not wait")
                    .containsExactlyInAnyOrder("+12125550123 Hi Tom", "+12125550123 Your receipt", "+33612345678 Your receipt");
            assertThat(new Runs(app.store()).log(run.id()).stream().map(l -> l.message()))
                    .contains("1 message is held for the recipient's local time (quiet hours, send window); sending again at 2026-11-02T07:00:00Z");

            clock.move(Duration.ofHours(8));
            assertThat(app.runs().resumeDue(Duration.ZERO, RunListener.QUIET)).as("07:30 Paris: still quiet").isEmpty();
            clock.move(Duration.ofMinutes(31));
            assertThat(app.runs().resumeDue(Duration.ZERO, RunListener.QUIET)).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(RunStatus.FINISHED));
            assertThat(outbox(app)).containsExactlyInAnyOrder("+12125550123 Hi Tom", "+33612345678 Hi Léa",
                    "+12125550123 Your receipt", "+33612345678 Your receipt");
            assertThat(new Runs(app.store()).activities(run.id()).get("promo").attempts()).isEqualTo(2);
        }
    }

    @Test
    void a_send_window_holds_every_message_of_its_delivery_until_it_opens_in_the_recipients_zone() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-01T22:30:00Z"));
        String campaign = """
                id: office_hours
                name: Office hours
                activities:
                  - id: everyone
                    type: build-audience
                    expression: has(profile.phone)
                  - id: reminder
                    type: sms
                    category: transactional
                    send_window: { from: "09:00", to: "18:00" }
                    from: [everyone]
                    text: "Your appointment"
                """;
        try (Application app = open(clock, "")) {
            RunRecord run = start(app, clock, campaign);
            assertThat(run.status()).isEqualTo(RunStatus.WAITING);
            assertThat(new Runs(app.store()).activities(run.id()).get("reminder").wakeAt()).isEqualTo(Instant.parse("2026-11-02T08:00:00Z"));
            assertThat(outbox(app)).containsExactly("+12125550123 Your appointment");
            clock.move(Duration.ofMinutes(9 * 60 + 31));
            assertThat(app.runs().resumeDue(Duration.ZERO, RunListener.QUIET)).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(RunStatus.FINISHED));
            assertThat(outbox(app)).containsExactlyInAnyOrder("+12125550123 Your appointment", "+33612345678 Your appointment");

            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> app.campaigns().check(campaign.replace("\"18:00\"", "\"6pm\""), "x.yaml")))
                    .hasMessageContaining("activities[1].send_window.to: '6pm' is not a time of day such as \"09:00\"");
        }
    }

    @Test
    void quiet_hours_that_drop_exclude_the_message_for_good_and_the_delivery_finishes() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-01T22:30:00Z"));
        try (Application app = open(clock, """
                compliance:
                  quiet_hours:
                    - { from: "21:00", to: "08:00", channels: [sms], action: drop }
                    - { from: "22:00", to: "07:00", channels: [push] }
                """)) {
            assertThat(app.compliance().check("1", "sms", Category.MARKETING, null)).singleElement()
                    .satisfies(a -> assertThat(a.exclusion()).isEqualTo("quiet_hours"));
            RunRecord run = start(app, clock, CAMPAIGN);

            assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(outbox(app)).as("Paris is inside its quiet hours (23:30): its promo is dropped, not held")
                    .containsExactlyInAnyOrder("+12125550123 Hi Tom", "+12125550123 Your receipt", "+33612345678 Your receipt");
            assertThat(app.store().dsl().fetch("select m.address, m.status, m.reason from herald_message m join herald_delivery d "
                    + "on d.id = m.delivery_id where d.activity = 'promo' order by m.address").map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)))
                    .containsExactly("+12125550123 sent null", "+33612345678 excluded quiet_hours");
            clock.move(Duration.ofHours(10));
            assertThat(app.runs().resumeDue(Duration.ZERO, RunListener.QUIET)).as("nothing waits for the morning").isEmpty();
            assertThat(outbox(app)).hasSize(3);
        }
    }

    /** The retail schema, {@code settings} as herald.yaml, and two customers: one in Paris, one in New York. */
    private Application open(MovableClock clock, String settings) throws Exception {
        Files.copy(Path.of("../examples/retail/schema.yaml"), dir.resolve(Workspace.SCHEMA_FILE));
        Files.writeString(dir.resolve(Workspace.CONFIG_FILE), settings);
        Application app = Application.open(Workspace.open(dir), StoreLocation.duckdb(dir.resolve("h.duckdb")), clock);
        app.schemas().apply(false);
        Path csv = Files.writeString(dir.resolve("profiles.csv"), "id,phone,sms_consent,first_name,timezone\n"
                + "1,+33612345678,true,Léa,Europe/Paris\n2,+12125550123,true,Tom,America/New_York\n");
        app.imports().importFile(ImportRequest.of("profile", csv, ImportMode.INSERT));
        return app;
    }

    private static RunRecord start(Application app, MovableClock clock, String campaign) {
        return app.runs().start(campaign, "campaign.yaml", RunOptions.live().withApproval().at(clock.instant()).sleepingAtMost(Duration.ZERO),
                RunListener.QUIET);
    }

    private static List<String> outbox(Application app) {
        return app.store().dsl().fetch("select address, body from herald_outbox").map(r -> r.get(0) + " " + r.get(1));
    }
}
