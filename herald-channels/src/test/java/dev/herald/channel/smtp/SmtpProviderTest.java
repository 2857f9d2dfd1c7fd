package dev.herald.channel.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.error.UserError;
import org.junit.jupiter.api.Test;

class SmtpProviderTest {

    @Test
    void a_url_names_the_relay_its_tls_its_login_and_the_sender() {
        SmtpProvider p = SmtpProvider.parse("smtp://news%40shop.example:p%2Fss%3Aw@smtp.shop.example:587?from=news@shop.example");
        assertThat(p).isEqualTo(new SmtpProvider("smtp.shop.example", 587, SmtpProvider.Tls.STARTTLS, "news@shop.example", "p/ss:w",
                "news@shop.example", 4, null, 0, null));
        assertThat(SmtpProvider.parse("smtps://relay?from=a@b.example").port()).isEqualTo(465);
        assertThat(SmtpProvider.parse("smtps://relay?from=a@b.example").tls()).isEqualTo(SmtpProvider.Tls.IMPLICIT);
        assertThat(SmtpProvider.parse("smtp://relay?from=a@b.example").tls()).isEqualTo(SmtpProvider.Tls.NONE);
        assertThat(SmtpProvider.parse("smtp://relay:2525?tls=starttls&connections=8&from=a@b.example"))
                .extracting(SmtpProvider::port, SmtpProvider::tls, SmtpProvider::connections).containsExactly(2525, SmtpProvider.Tls.STARTTLS, 8);
    }

    @Test
    void the_password_is_never_shown() {
        SmtpProvider p = SmtpProvider.parse("smtp://u:s3cret@relay:587?from=a@b.example");
        assertThat(p.toString()).isEqualTo("smtp://u:***@relay:587 (tls starttls, from a@b.example)");
        assertThatThrownBy(() -> SmtpProvider.parse("smtp://u:s3cret@relay:587?tls=maybe&from=a@b.example"))
                .isInstanceOf(UserError.class).hasMessageContaining("smtp://u:***@relay:587").hasMessageNotContaining("s3cret")
                .hasMessageContaining("tls is none, starttls or implicit, got 'maybe'");
    }

    @Test
    void a_wrong_url_says_what_to_write() {
        assertThatThrownBy(() -> SmtpProvider.parse("http://relay?from=a@b.example")).hasMessageContaining("an email provider is an smtp:// or smtps:// URL");
        assertThatThrownBy(() -> SmtpProvider.parse("smtp://relay:25")).hasMessageContaining("add ?from=news@example.com");
        assertThatThrownBy(() -> SmtpProvider.parse("smtp://relay?form=a@b.example")).hasMessageContaining("unknown option 'form'");
        assertThatThrownBy(() -> SmtpProvider.parse("smtp://relay?connections=0&from=a@b.example")).hasMessageContaining("connections is a whole number from 1 to 64");
    }
}
