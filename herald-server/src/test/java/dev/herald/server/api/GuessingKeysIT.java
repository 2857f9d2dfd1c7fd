package dev.herald.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.security.Role;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An address that keeps sending wrong keys is refused for the rest of the minute, good keys included, without a write to the store. */
class GuessingKeysIT {

    @TempDir
    Path dir;

    @Test
    void thirty_wrong_keys_in_a_minute_shut_the_address_out_until_the_minute_is_over() throws Exception {
        try (ApiHarness api = new ApiHarness(dir)) {
            while (LocalTime.now(ZoneOffset.UTC).getSecond() > 50) { // the thirty calls fall in one minute
                Thread.sleep(500);
            }
            for (int i = 0; i < FailedKeys.PER_MINUTE; i++) {
                assertThat(api.call("GET", "/api/v1/runs", "hk_guess" + i, null).status()).as("guess %d", i).isEqualTo(401);
            }
            ApiHarness.Answer shut = api.call("GET", "/api/v1/runs", "hk_guess", null);
            assertThat(shut.status()).isEqualTo(429);
            assertThat(shut.json().path("type").asText()).isEqualTo("https://herald.dev/problems/too-many-requests");
            assertThat(Long.parseLong(shut.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
            assertThat(api.get("/api/v1/runs", Role.ADMIN).status()).as("a good key from the same address, this minute").isEqualTo(429);
            assertThat(api.call("GET", "/metrics", api.keys.get(Role.VIEWER), null).status()).isEqualTo(429);
            assertThat(api.app.access().audit(null, 100)).as("the 401s are audited; the calls refused after them write nothing")
                    .hasSize(FailedKeys.PER_MINUTE).allSatisfy(e -> assertThat(e.status()).isEqualTo(401));
        }
    }
}
