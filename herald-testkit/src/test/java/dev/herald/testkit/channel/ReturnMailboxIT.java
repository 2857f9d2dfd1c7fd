package dev.herald.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.app.Application;
import dev.herald.app.run.RunListener;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.channel.ReturnsRead;
import dev.herald.error.UserError;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounces and complaints that come back to the return mailbox (GreenMail over IMAP), after a
 * campaign's emails left over SMTP: a hard bounce and a complaint suppress their address, a soft
 * bounce counts, and an out-of-office reply, a delay notice or a report on a message Herald never
 * sent change nothing.
 */
class ReturnMailboxIT {

    static final String CAMPAIGN = """
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
                body: "Hello {{ profile.first_name }}"
            """;

    @TempDir
    Path dir;

    @Test
    void bounces_and_complaints_land_on_their_messages_and_the_suppression_list_once() throws Exception {
        GreenMail imap = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        imap.start();
        try (SmtpPeer smtp = new SmtpPeer()) {
            GreenMailUser mailbox = imap.setUser("bounces@shop.example", "bounces", "s3cret");
            Files.copy(Path.of("../examples/retail/schema.yaml"), dir.resolve(Workspace.SCHEMA_FILE), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve(Workspace.CONFIG_FILE), "providers:\n  email: '" + smtp.url("news@shop.example") + "'\n"
                    + "  bounces: 'imap://bounces:s3cret@127.0.0.1:" + imap.getImap().getPort() + "/INBOX'\n");
            try (Application app = Application.open(Workspace.open(dir), StoreLocation.duckdb(dir.resolve("herald.duckdb")), Clock.systemUTC())) {
                app.schemas().apply(false);
                app.imports().importFile(ImportRequest.of("profile", Files.writeString(dir.resolve("profiles.csv"), "id,email,email_consent,first_name\n"
                        + "1,ann@example.com,true,Ann\n2,bob@example.com,true,Bob\n3,cy@example.com,true,Cy\n4,dee@example.com,true,Dee\n"),
                        ImportMode.INSERT));
                run(app, "2026-11-01T09:00:00Z");
                Map<String, String> ids = new HashMap<>();
                smtp.received().forEach(r -> ids.put(r.recipients().get(0), r.header("Message-ID")));
                assertThat(ids).hasSize(4);

                Session session = Session.getInstance(new Properties());
                for (String raw : List.of(
                        dsn("bob@example.com", ids.get("bob@example.com"), "failed", "5.1.1",
                                "smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table"),
                        dsn("cy@example.com", ids.get("cy@example.com"), "failed", "5.2.2", "smtp; 552 5.2.2 Mailbox full"),
                        arf("dee@example.com", ids.get("dee@example.com")),
                        outOfOffice(ids.get("ann@example.com")),
                        dsn("ann@example.com", ids.get("ann@example.com"), "delayed", "4.4.1", "smtp; 421 4.4.1 Connection timed out"),
                        dsn("zed@example.com", "<herald.1.4294967999@shop.example>", "failed", "5.1.1", "smtp; 550 5.1.1 unknown"))) {
                    mailbox.deliver(new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
                }

                assertThat(app.deliveries().readReturns()).isEqualTo(new ReturnsRead(6, 1, 1, 1, 0, 1, 2));

                assertThat(column(app, "select address || ' ' || reason from herald_suppression order by address"))
                        .containsExactly("bob@example.com hard_bounce", "dee@example.com complaint");
                assertThat(column(app, "select address || ' ' || coalesce(receipt, '-') || ' ' || coalesce(receipt_detail, '') "
                        + "from herald_message order by address")).containsExactly(
                        "ann@example.com - ",
                        "bob@example.com undelivered returned: 5.1.1 smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected: "
                                + "User unknown in virtual mailbox table (rfc822; bob@example.com)",
                        "cy@example.com undelivered returned: 5.2.2 smtp; 552 5.2.2 Mailbox full (rfc822; cy@example.com)",
                        "dee@example.com - ");
                assertThat(column(app, "select kind || ' ' || detail from herald_bounce where address = 'dee@example.com'"))
                        .containsExactly("complaint complaint: abuse reported by dns; feedback.mail.example.net");

                assertThat(app.deliveries().readReturns()).as("what was read is not read again").isEqualTo(new ReturnsRead(0, 0, 0, 0, 0, 0, 0));
                mailbox.deliver(new MimeMessage(session, new ByteArrayInputStream(dsn("bob@example.com", ids.get("bob@example.com"), "failed",
                        "5.1.1", "smtp; 550 5.1.1 User unknown").getBytes(StandardCharsets.UTF_8))));
                assertThat(app.deliveries().readReturns().hardBounces()).isEqualTo(1);
                assertThat(column(app, "select count(*) from herald_bounce where address = 'bob@example.com'"))
                        .as("the same bounce twice counts once").containsExactly("1");

                RunRecord next = run(app, "2026-11-08T09:00:00Z");
                assertThat(column(app, "select address || ' ' || status || coalesce(' ' || reason, '') from herald_message where run_id = "
                        + next.id() + " order by address")).containsExactly("ann@example.com sent", "bob@example.com excluded suppressed",
                        "cy@example.com sent", "dee@example.com excluded suppressed");
            }
        } finally {
            imap.stop();
        }
    }

    @Test
    void a_wrong_password_or_no_mailbox_is_a_clear_error() throws Exception {
        GreenMail imap = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        imap.start();
        try {
            imap.setUser("bounces@shop.example", "bounces", "s3cret");
            Files.copy(Path.of("../examples/retail/schema.yaml"), dir.resolve(Workspace.SCHEMA_FILE), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve(Workspace.CONFIG_FILE), "providers:\n  bounces: 'imap://bounces:wrong@127.0.0.1:"
                    + imap.getImap().getPort() + "'\n");
            try (Application app = Application.open(Workspace.open(dir), StoreLocation.duckdb(dir.resolve("herald.duckdb")), Clock.systemUTC())) {
                assertThatThrownBy(() -> app.deliveries().readReturns()).isInstanceOf(UserError.class)
                        .hasMessageContaining("the return mailbox imap://bounces:***@127.0.0.1:" + imap.getImap().getPort() + "/INBOX cannot be read")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong"));
            }
            Files.writeString(dir.resolve(Workspace.CONFIG_FILE), "store: herald.duckdb\n");
            try (Application app = Application.open(Workspace.open(dir), StoreLocation.duckdb(dir.resolve("herald.duckdb")), Clock.systemUTC())) {
                assertThatThrownBy(() -> app.deliveries().readReturns()).isInstanceOf(UserError.class)
                        .hasMessageContaining("the workspace names no return mailbox");
            }
        } finally {
            imap.stop();
        }
    }

    private static RunRecord run(Application app, String at) {
        return app.runs().start(CAMPAIGN, "hello.yaml", RunOptions.live().withApproval().at(Instant.parse(at)).sleepingAtMost(Duration.ZERO),
                RunListener.QUIET);
    }

    private static List<String> column(Application app, String sql) {
        return app.store().dsl().fetch(sql).map(r -> String.valueOf(r.get(0)));
    }

    /** A delivery status notification as Postfix writes one. */
    static String dsn(String recipient, String messageId, String action, String status, String diagnostic) {
        return """
                Return-Path: <>
                From: MAILER-DAEMON@mx.shop.example (Mail Delivery System)
                To: bounces@shop.example
                Subject: Undelivered Mail Returned to Sender
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

                --B1
                Content-Type: text/plain; charset=us-ascii

                I'm sorry to have to inform you that your message could not be delivered.

                --B1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.shop.example
                X-Postfix-Queue-ID: 4C1D2E3F
                Arrival-Date: Sun,  1 Nov 2026 09:00:01 +0000 (UTC)

                Final-Recipient: rfc822; %s
                Original-Recipient: rfc822;%s
                Action: %s
                Status: %s
                Remote-MTA: dns; mx.example.com
                Diagnostic-Code: %s

                --B1
                Content-Type: text/rfc822-headers

                From: news@shop.example
                To: %s
                Subject: Hello
                Message-ID: %s

                --B1--
                """.formatted(recipient, recipient, action, status, diagnostic, recipient, messageId).replace("\n", "\r\n");
    }

    /** A complaint in the Abuse Reporting Format, as a mailbox provider's feedback loop sends one. */
    static String arf(String recipient, String messageId) {
        return """
                From: feedback@mail.example.net
                To: bounces@shop.example
                Subject: FW: Hello
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="F1"

                --F1
                Content-Type: text/plain

                This is an email abuse report for an email message received from IP 192.0.2.1.

                --F1
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: SomeGenerator/1.0
                Version: 1
                Reporting-MTA: dns; feedback.mail.example.net
                Original-Rcpt-To: <%s>

                --F1
                Content-Type: message/rfc822

                From: news@shop.example
                To: %s
                Subject: Hello
                Message-ID: %s

                Hello Dee
                --F1--
                """.formatted(recipient, recipient, messageId).replace("\n", "\r\n");
    }

    /** An automatic reply that quotes the message's id: no bounce. */
    static String outOfOffice(String messageId) {
        return """
                From: ann@example.com
                To: bounces@shop.example
                Subject: Out of office: Hello
                In-Reply-To: %s
                References: %s
                Auto-Submitted: auto-replied
                Content-Type: text/plain

                I am away until Monday. 550 5.1.1 is not my address's fault.
                """.formatted(messageId, messageId).replace("\n", "\r\n");
    }
}
