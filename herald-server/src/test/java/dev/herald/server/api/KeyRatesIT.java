package dev.herald.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.security.Role;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key over its rate ({@code api.calls_per_second}) gets 429s with Retry-After, and no other key is slowed by it. */
class KeyRatesIT {

    @TempDir
    Path dir;

    @Test
    void a_key_over_its_rate_is_refused_for_a_moment_and_others_are_not() throws Exception {
        try (ApiHarness api = new ApiHarness(dir, "api:\n  calls_per_second: 5\n")) {
            int passed = 0;
            ApiHarness.Answer refused = null;
            for (int i = 0; i < 30 && refused == null; i++) {
                ApiHarness.Answer a = api.post("/api/v1/audiences", Role.EDITOR, "{\"name\": \"a" + i + "\", \"expression\": \"has(profile.email)\"}");
                if (a.status() == 429) {
                    refused = a;
                } else {
                    assertThat(a.status()).as(a.text()).isEqualTo(201);
                    passed++;
                }
            }
            assertThat(refused).as("refused within 30 calls").isNotNull();
            assertThat(passed).as("a burst of twice the rate, and what refilled meanwhile").isBetween(10, 20);
            assertThat(refused.json().path("type").asText()).isEqualTo("https://herald.dev/problems/too-many-requests");
            assertThat(refused.json().path("title").asText()).contains("more than its 5 calls a second").contains("api.calls_per_second");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(api.get("/api/v1/runs", Role.VIEWER).status()).as("another key, at once").isEqualTo(200);
            assertThat(api.app.access().audit(null, 500)).as("a refused call writes nothing").noneSatisfy(e -> assertThat(e.status()).isEqualTo(429));

            Thread.sleep(1_100);
            assertThat(api.get("/api/v1/runs", Role.EDITOR).status()).as("a second later").isEqualTo(200);
        }
    }
}
