package dev.herald.channel.returns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.channel.Bounce;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MailReportTest {

    static final String ID = "<herald.1.4294967298@shop.example>"; // message 2 of delivery 1

    static Optional<MailReport> read(String action, String status, String diagnostic, String messageId) throws Exception {
        String raw = ("MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
                + "--B\nContent-Type: text/plain\n\nSorry.\n\n"
                + "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx\n\n"
                + "Final-Recipient: rfc822; a@example.com\nAction: " + action + "\nStatus: " + status + "\nDiagnostic-Code: " + diagnostic + "\n\n"
                + "--B\nContent-Type: text/rfc822-headers\n\nMessage-ID: " + messageId + "\nSubject: Hi\n\n--B--\n").replace("\n", "\r\n");
        return MailReport.read(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void a_failed_recipient_counts_by_its_status() throws Exception {
        assertThat(read("failed", "5.1.1", "smtp; 550 5.1.1 no such user", ID)).contains(new MailReport(4294967298L, Bounce.HARD,
                "returned: 5.1.1 smtp; 550 5.1.1 no such user (rfc822; a@example.com)"));
        assertThat(read("failed", "5.2.2", "smtp; 552 full", ID).map(MailReport::kind)).contains(Bounce.SOFT);
        assertThat(read("failed", "4.4.7", "X-Postfix; delivery temporarily suspended", ID).map(MailReport::kind))
                .as("given up on after the relay's retries").contains(Bounce.SOFT);
        assertThat(read("failed", "5.7.1", "smtp; 554 5.7.1 blocked as spam", ID).map(MailReport::kind)).contains(Bounce.POLICY);
    }

    @Test
    void what_is_no_failure_of_a_message_of_herald_is_no_report() throws Exception {
        assertThat(read("delayed", "4.4.1", "smtp; 421 timed out", ID)).isEmpty();
        assertThat(read("delivered", "2.0.0", "smtp; 250 ok", ID)).isEmpty();
        assertThat(read("failed", "5.1.1", "smtp; 550", "<abc123@other.example>")).as("not Herald's").isEmpty();
        assertThat(read("failed", "5.1.1", "smtp; 550", "<herald.7.4294967298@shop.example>")).as("an id not of its delivery").isEmpty();
    }
}
