package dev.herald.channel.httpsms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpSmsProviderTest {

    @Test
    void the_endpoint_is_the_url_behind_sms_plus() {
        HttpSmsProvider p = HttpSmsProvider.parse("sms+https://AC42:s3cret@api.twilio.com/2010-04-01/Accounts/AC42/Messages.json"
                + "?from=%2B15551234567&format=form&fields=To,From,Body&id=sid");
        assertThat(p.endpoint()).hasToString("https://api.twilio.com/2010-04-01/Accounts/AC42/Messages.json");
        assertThat(p.from()).isEqualTo("+15551234567");
        assertThat(p.fields()).isEqualTo(List.of("To", "From", "Body"));
        assertThat(p.form()).isTrue();
        assertThat(p.toString()).doesNotContain("s3cret");
        assertThat(HttpSmsProvider.names("smpp://u@smsc:2775")).isFalse();
    }

    @Test
    void mistakes_are_named() {
        assertThatThrownBy(() -> HttpSmsProvider.parse("sms+https://api.example.com/sms")).hasMessageContaining("it needs a sender");
        assertThatThrownBy(() -> HttpSmsProvider.parse("sms+https://api.example.com/sms?from=Herald&format=xml")).hasMessageContaining("format is json or form");
        assertThatThrownBy(() -> HttpSmsProvider.parse("sms+https://api.example.com/sms?from=Herald&fields=to,from"))
                .hasMessageContaining("fields names the recipient's, sender's and text's fields");
        assertThatThrownBy(() -> HttpSmsProvider.parse("sms+https://api.example.com/sms?from=Herald&token=abc&colour=red"))
                .hasMessageContaining("unknown option 'colour'").hasMessageNotContaining("token=abc");
    }
}
