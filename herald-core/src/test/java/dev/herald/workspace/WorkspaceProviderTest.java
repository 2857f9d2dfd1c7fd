package dev.herald.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a channel's provider comes from: herald.yaml, the environment's override, secrets from the environment. */
class WorkspaceProviderTest {

    @TempDir
    Path dir;

    private Workspace workspace(String yaml) throws IOException {
        Files.writeString(dir.resolve(Workspace.CONFIG_FILE), yaml);
        return Workspace.open(dir);
    }

    @Test
    void herald_yaml_names_the_email_provider_and_reads_its_secrets_from_the_environment() throws IOException {
        Workspace ws = workspace("providers:\n  email: 'smtp://news:${SMTP_PASSWORD}@relay:587?from=news@shop.example'\n");
        assertThat(ws.provider("email", Map.of("SMTP_PASSWORD", "p@ss$1"))).contains("smtp://news:p@ss$1@relay:587?from=news@shop.example");
        assertThatThrownBy(() -> ws.provider("email", Map.of()))
                .hasMessageContaining("the email provider's URL reads the environment variable SMTP_PASSWORD, which is not set");
    }

    @Test
    void herald_email_url_overrides_it_and_without_either_the_messages_stay_in_the_outbox() throws IOException {
        Workspace ws = workspace("providers:\n  email: 'smtp://relay?from=a@b.example'\n");
        assertThat(ws.provider("email", Map.of("HERALD_EMAIL_URL", "smtp://127.0.0.1:2525?from=t@b.example")))
                .contains("smtp://127.0.0.1:2525?from=t@b.example");
        assertThat(workspace("store: data/h.duckdb\n").provider("email", Map.of())).isEmpty();
    }

    @Test
    void a_provider_for_a_channel_herald_has_no_provider_for_is_refused_by_name() throws IOException {
        assertThatThrownBy(() -> workspace("providers:\n  direct-mail: 'sftp://printer.example.com'\n"))
                .hasMessageContaining("providers.direct-mail: unknown setting");
        assertThat(workspace("providers:\n  push: 'fcm://project?credentials=k.json'\n").provider("push", Map.of()))
                .contains("fcm://project?credentials=k.json");
        assertThat(workspace("providers:\n  sms: 'smpp://u:p@smsc?source=Shop'\n").provider("sms", Map.of("HERALD_SMS_URL", "smpp://t:p@127.0.0.1?source=T")))
                .contains("smpp://t:p@127.0.0.1?source=T");
    }
}
