package dev.herald.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void a_password_parameter_is_hidden_up_to_the_next_parameter_or_blank() {
        assertThat(Passwords.mask("Unable to parse URL jdbc:postgresql://h:x/db?user=u&password=s3cret&ssl=true now"))
                .isEqualTo("Unable to parse URL jdbc:postgresql://h:x/db?user=u&password=***&ssl=true now");
        assertThat(Passwords.mask("bad URL 'jdbc:postgresql:/db?PASSWORD=s3cret'")).isEqualTo("bad URL 'jdbc:postgresql:/db?PASSWORD=***'");
        assertThat(Passwords.mask("sms+https://api.example.com/sms?from=Herald&token=t0k3n&x=1"))
                .isEqualTo("sms+https://api.example.com/sms?from=Herald&token=***&x=1");
    }

    @Test
    void the_secret_of_a_url_user_is_hidden() {
        assertThat(Passwords.mask("store: postgresql://u:s3cret@db/herald, line 1"))
                .isEqualTo("store: postgresql://u:***@db/herald, line 1");
        assertThat(Passwords.mask("jdbc:postgresql://u:p@ss@db/herald")).isEqualTo("jdbc:postgresql://u:***@db/herald");
    }

    @Test
    void text_without_a_password_is_unchanged() {
        assertThat(Passwords.mask("Connection to 127.0.0.1:1 refused; mail crm@example.com")).isEqualTo(
                "Connection to 127.0.0.1:1 refused; mail crm@example.com");
        assertThat(Passwords.mask(null)).isNull();
    }

    @Test
    void masking_twice_changes_nothing_more() {
        String stored = "cannot open the store jdbc:postgresql://h/db?user=u&password=***: Unable to parse URL";
        String once = Passwords.mask("URL jdbc:postgresql://u:s3cret@h/db?password=s3cret&ssl=true");

        assertThat(Passwords.mask(stored)).isEqualTo(stored);
        assertThat(Passwords.mask(once)).isEqualTo(once).isEqualTo("URL jdbc:postgresql://u:***@h/db?password=***&ssl=true");
    }
}
