package dev.herald.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.app.Application;
import dev.herald.app.run.RunListener;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunStatus;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.store.run.Runs;
import dev.herald.testkit.MovableClock;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign's email leaves over SMTP when the workspace names an email provider: every recipient
 * gets one message; a recipient the relay asks to try later stays pending and the delivery tries
 * again after 1 minute, then 2…, by itself — past its retry period the run is suspended and a resume
 * sends it; the relay receives each message once.
 */
class EmailOverSmtpIT {

    private static final String CAMPAIGN = """
            id: hello
            name: Hello
            activities:
              - id: everyone
                type: build-audience
                expression: has(profile.email)
              - id: mail
                type: email
                from: [everyone]
                subject: "Hello {{ profile.first_name }}"
                body: "<p>Hello {{ profile.first_name }}</p>"
            """;

    @TempDir
    Path dir;

    private Application open(SmtpPeer peer) throws IOException {
        return open(peer, Clock.systemUTC());
    }

    private Application open(SmtpPeer peer, Clock clock) throws IOException {
        Files.copy(Path.of("../examples/retail/schema.yaml"), dir.resolve(Workspace.SCHEMA_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve(Workspace.CONFIG_FILE), "providers:\n  email: '" + peer.url("news@shop.example") + "'\n");
        return Application.open(Workspace.open(dir), StoreLocation.duckdb(dir.resolve("herald.duckdb")), clock);
    }

    private void profiles(Application app) throws IOException {
        app.schemas().apply(false);
        Path csv = Files.writeString(dir.resolve("profiles.csv"), "id,email,email_consent,first_name\n"
                + "1,ann@example.com,true,Ann\n2,bob@example.com,true,Bob\n3,cy@example.com,true,Cy\n4,,true,Dee\n");
        app.imports().importFile(ImportRequest.of("profile", csv, ImportMode.INSERT));
    }

    @Test
    void a_deferred_recipient_is_tried_again_with_a_growing_wait_and_receives_its_message_once() throws IOException {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-01T00:00:00Z"));
        try (SmtpPeer peer = new SmtpPeer(); Application app = open(peer, clock)) {
            peer.answerRecipients(address -> address.startsWith("bob@") ? "451 4.7.1 greylisted, try again later" : null);
            profiles(app);
            RunRecord run = app.runs().start(CAMPAIGN, "hello.yaml", RunOptions.live().withApproval().at(clock.instant())
                    .sleepingAtMost(Duration.ZERO), RunListener.QUIET);
            assertThat(run.status()).isEqualTo(RunStatus.WAITING);
            var mail = new Runs(app.store()).activities(run.id()).get("mail");
            assertThat(mail.status()).isEqualTo(dev.herald.campaign.run.ActivityStatus.RETRYING);
            assertThat(mail.wakeAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
            assertThat(statuses(app)).isEqualTo(Map.of("sent", 2L, "pending", 1L));
            assertThat(new Runs(app.store()).log(run.id()).stream().map(l -> l.message())).anySatisfy(m -> assertThat(m)
                    .contains("smtp deferred 1 message (127.0.0.1 asked to try again later: 451 4.7.1 greylisted, try again later)")
                    .contains("trying again in 1m").contains("(attempt 2)"));

            clock.move(Duration.ofSeconds(30));
            assertThat(app.runs().resumeDue(Duration.ZERO, RunListener.QUIET)).as("not due yet").isEmpty();
            clock.move(Duration.ofSeconds(31));
            assertThat(app.runs().resumeDue(Duration.ZERO, RunListener.QUIET)).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(RunStatus.WAITING));
            assertThat(new Runs(app.store()).activities(run.id()).get("mail").wakeAt()).as("the second wait is twice the first")
                    .isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

            peer.answerRecipients(address -> null);
            clock.move(Duration.ofMinutes(2));
            assertThat(app.runs().resumeDue(Duration.ZERO, RunListener.QUIET)).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(RunStatus.FINISHED));
            assertThat(statuses(app)).isEqualTo(Map.of("sent", 3L));
        }
    }

    @Test
    void past_its_retry_period_a_deferred_delivery_suspends_the_run_and_a_resume_sends_it_once() throws IOException {
        try (SmtpPeer peer = new SmtpPeer()) {
            peer.answerRecipients(address -> address.startsWith("bob@") ? "451 4.7.1 greylisted, try again later" : null);
            String noRetry = CAMPAIGN.replace("    type: email\n", "    type: email\n    retry_period: 30s\n");
            long runId;
            try (Application app = open(peer)) {
                profiles(app);
                RunRecord run = app.runs().start(noRetry, "hello.yaml",
                        RunOptions.live().withApproval().at(Instant.parse("2026-11-01T00:00:00Z")).sleepingAtMost(Duration.ZERO), RunListener.QUIET);
                runId = run.id();
                assertThat(run.status()).isEqualTo(RunStatus.SUSPENDED);
                assertThat(new Runs(app.store()).activities(runId).get("mail").error())
                        .contains("smtp deferred 1 message (127.0.0.1 asked to try again later: 451 4.7.1 greylisted, try again later)")
                        .contains("its retry period of 30s is over");
                assertThat(statuses(app)).isEqualTo(Map.of("sent", 2L, "pending", 1L));
            }
            assertThat(peer.received()).extracting(r -> r.recipients().get(0)).containsExactlyInAnyOrder("ann@example.com", "cy@example.com");

            peer.answerRecipients(address -> null);
            try (Application app = open(peer)) {
                RunRecord resumed = app.runs().resume(runId, Duration.ZERO, false, RunListener.QUIET);
                assertThat(resumed.status()).isEqualTo(RunStatus.FINISHED);
                assertThat(statuses(app)).isEqualTo(Map.of("sent", 3L));
            }
            List<String> to = peer.received().stream().map(r -> r.recipients().get(0)).toList();
            assertThat(to).containsExactlyInAnyOrder("ann@example.com", "bob@example.com", "cy@example.com");
            assertThat(peer.received()).allSatisfy(r -> assertThat(r.header("Message-ID")).matches("<herald\\.\\d+\\.\\d+@shop\\.example>"));
            assertThat(peer.received().stream().filter(r -> r.recipients().get(0).equals("bob@example.com")).findFirst().orElseThrow()
                    .header("Subject")).isEqualTo("Hello Bob");
        }
    }

    @Test
    void a_mailbox_the_relay_says_is_not_there_goes_on_the_suppression_list_and_the_next_run_skips_it() throws IOException {
        try (SmtpPeer peer = new SmtpPeer()) {
            peer.answerRecipients(address -> address.toLowerCase(java.util.Locale.ROOT).startsWith("bob@") ? "550 5.1.1 <bob@example.com>: no such user"
                    : address.startsWith("cy@") ? "552 5.2.2 mailbox full" : null);
            try (Application app = open(peer)) {
                app.schemas().apply(false);
                Path csv = Files.writeString(dir.resolve("profiles.csv"), "id,email,email_consent,first_name\n"
                        + "1,ann@example.com,true,Ann\n2,Bob@Example.com ,true,Bob\n3,cy@example.com,true,Cy\n");
                app.imports().importFile(ImportRequest.of("profile", csv, ImportMode.INSERT));
                RunOptions options = RunOptions.live().withApproval().at(Instant.parse("2026-11-01T00:00:00Z")).sleepingAtMost(Duration.ZERO);
                assertThat(app.runs().start(CAMPAIGN, "hello.yaml", options, RunListener.QUIET).status()).isEqualTo(RunStatus.FINISHED);
                assertThat(app.store().dsl().fetch("select address, status, error from herald_message order by id").map(r -> r.get(0) + " "
                        + r.get(1) + " " + r.get(2))).containsExactly("ann@example.com sent null",
                        "Bob@Example.com  failed refused by 127.0.0.1: 550 5.1.1 <bob@example.com>: no such user",
                        "cy@example.com failed refused by 127.0.0.1: 552 5.2.2 mailbox full");
                var list = app.compliance().suppressions("email", 10).entries();
                assertThat(list).extracting(e -> e.address() + " " + e.reason() + " " + (e.expiresAt() == null))
                        .containsExactly("bob@example.com hard_bounce true"); // one soft bounce is not enough (5 in 3 days)

                RunRecord again = app.runs().start(CAMPAIGN.replace("id: hello", "id: hello_again"), "again.yaml", options, RunListener.QUIET);
                assertThat(app.store().dsl().fetch("select address, status, reason from herald_message where run_id = ? order by id", again.id())
                        .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)))
                        .containsExactly("ann@example.com sent null", "Bob@Example.com  excluded suppressed", "cy@example.com failed null");
            }
            assertThat(peer.received().stream().filter(r -> r.recipients().get(0).equalsIgnoreCase("bob@example.com")).count()).isZero();
        }
    }

    private static Map<String, Long> statuses(Application app) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        app.store().dsl().fetch("select status, count(*) from herald_message where address is not null group by status")
                .forEach(r -> counts.put(r.get(0, String.class), r.get(1, Long.class)));
        return counts;
    }
}
