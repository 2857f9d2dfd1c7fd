package dev.herald.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.app.Application;
import dev.herald.app.delivery.DeliveryService;
import dev.herald.app.run.RunListener;
import dev.herald.campaign.run.RunOptions;
import dev.herald.error.UserError;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
 * Bounces and complaints handed to Herald's own SMTP listener ({@code providers.bounces: smtp://…})
 * by a real SMTP client (Jakarta Mail), as the return path's MX would: each lands on its message and
 * the suppression list as it arrives; anything else is accepted and changes nothing.
 */
class ReturnListenerIT {

    @TempDir
    Path dir;

    @Test
    void reports_sent_to_the_listener_land_on_their_messages_and_the_suppression_list_at_once() throws Exception {
        try (SmtpPeer smtp = new SmtpPeer()) {
            Files.copy(Path.of("../examples/retail/schema.yaml"), dir.resolve(Workspace.SCHEMA_FILE), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve(Workspace.CONFIG_FILE), "providers:\n  email: '" + smtp.url("news@shop.example") + "'\n"
                    + "  bounces: 'smtp://127.0.0.1:0'\n");
            try (Application app = Application.open(Workspace.open(dir), StoreLocation.duckdb(dir.resolve("herald.duckdb")), Clock.systemUTC())) {
                app.schemas().apply(false);
                app.imports().importFile(ImportRequest.of("profile", Files.writeString(dir.resolve("profiles.csv"),
                        "id,email,email_consent,first_name\n1,ann@example.com,true,Ann\n2,bob@example.com,true,Bob\n3,dee@example.com,true,Dee\n"),
                        ImportMode.INSERT));
                app.runs().start(ReturnMailboxIT.CAMPAIGN, "hello.yaml", RunOptions.live().withApproval().at(Instant.parse("2026-11-01T09:00:00Z"))
                        .sleepingAtMost(Duration.ZERO), RunListener.QUIET);
                Map<String, String> ids = new HashMap<>();
                smtp.received().forEach(r -> ids.put(r.recipients().get(0), r.header("Message-ID")));

                try (DeliveryService.ReturnsListening listening = app.deliveries().listenForReturns().orElseThrow()) {
                    Properties props = new Properties();
                    props.put("mail.smtp.host", "127.0.0.1");
                    props.put("mail.smtp.port", Integer.toString(listening.port()));
                    Session session = Session.getInstance(props);
                    for (String raw : List.of(
                            ReturnMailboxIT.dsn("bob@example.com", ids.get("bob@example.com"), "failed", "5.1.1", "smtp; 550 5.1.1 User unknown"),
                            ReturnMailboxIT.arf("dee@example.com", ids.get("dee@example.com")),
                            ReturnMailboxIT.outOfOffice(ids.get("ann@example.com")))) {
                        MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
                        Transport.send(m, new InternetAddress[] {new InternetAddress("bounces@shop.example")});
                    }
                    assertThat(column(app, "select address || ' ' || reason from herald_suppression order by address"))
                            .as("recorded before the client's DATA was answered").containsExactly("bob@example.com hard_bounce", "dee@example.com complaint");
                    assertThat(column(app, "select address || ' ' || coalesce(receipt, '-') from herald_message order by address"))
                            .containsExactly("ann@example.com -", "bob@example.com undelivered", "dee@example.com -");

                    try (Socket s = new Socket("127.0.0.1", listening.port())) {
                        s.setSoTimeout(5_000);
                        InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream();
                        assertThat(line(in)).startsWith("220 ");
                        out.write("DATA\r\n".getBytes(StandardCharsets.US_ASCII));
                        assertThat(line(in)).as("DATA before MAIL and RCPT").startsWith("503 ");
                        out.write("HELLO\r\n".getBytes(StandardCharsets.US_ASCII));
                        assertThat(line(in)).startsWith("500 ");
                        out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                        assertThat(line(in)).startsWith("221 ");
                    }
                }
                assertThatThrownBy(() -> app.deliveries().readReturns()).isInstanceOf(UserError.class)
                        .hasMessageContaining("herald server takes the returns as they arrive");
            }
        }
    }

    private static String line(InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        return b.toString().strip();
    }

    private static List<String> column(Application app, String sql) {
        return app.store().dsl().fetch(sql).map(r -> String.valueOf(r.get(0)));
    }
}
