package dev.herald.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.app.engine.Engine;
import dev.herald.delivery.SignedLinks;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A link signed with a key another process rotated in after this one started still opens, once the keys are read again. */
class TrackingServiceIT {

    @TempDir
    Path dir;

    @Test
    void a_token_of_a_key_rotated_since_the_start_is_read_after_the_keys_are_read_again() throws Exception {
        Files.writeString(dir.resolve(Workspace.CONFIG_FILE), "tracking:\n  base_url: https://t.shop.example\n");
        try (Engine engine = new Engine(Workspace.open(dir), StoreLocation.duckdb(dir.resolve("h.duckdb")), Clock.systemUTC());
             TrackingService soon = new TrackingService(engine, Duration.ZERO);
             TrackingService later = new TrackingService(engine, Duration.ofHours(1))) {
            String before = token(new SignedLinks("https://t.shop.example", engine.store().secrets("links")).openUrl(42));
            assertThat(soon.open(before, "Mozilla/5.0")).isTrue();

            engine.store().rotateSecret("links");
            String rotated = token(new SignedLinks("https://t.shop.example", engine.store().secrets("links")).openUrl(43));
            assertThat(later.open(rotated, "Mozilla/5.0")).as("keys read an hour ago at most: not yet").isFalse();
            assertThat(soon.open(rotated, "Mozilla/5.0")).isTrue();
            assertThat(soon.open(before, "Mozilla/5.0")).as("the old key still verifies").isTrue();
            assertThat(soon.open(rotated.substring(1), "Mozilla/5.0")).isFalse();
        }
    }

    @Test
    void a_rotated_link_key_signs_here_at_once_and_a_key_rotated_elsewhere_once_the_keys_are_read_again() throws Exception {
        try (Engine engine = new Engine(Workspace.open(dir), StoreLocation.duckdb(dir.resolve("h.duckdb")), Clock.systemUTC());
             TrackingService tracking = new TrackingService(engine, Duration.ofHours(1))) {
            String first = token(engine.links().openUrl(42));
            assertThat(engine.links().signingKey()).isEqualTo(1);

            assertThat(engine.rotateLinkKey()).isEqualTo(2);
            String second = token(engine.links().openUrl(43));
            SignedLinks all = new SignedLinks("", engine.store().secrets("links"));
            assertThat(all.read(SignedLinks.Kind.OPEN, second)).hasValueSatisfying(t -> assertThat(t.keyId()).isEqualTo(2));
            assertThat(tracking.open(second, "Mozilla/5.0")).as("verified at once, no rereading needed").isTrue();
            assertThat(tracking.open(first, "Mozilla/5.0")).as("links already sent still work").isTrue();

            engine.store().rotateSecret("links"); // another server on the same store
            assertThat(engine.links().signingKey()).isEqualTo(2);
            engine.refreshLinks(); // what a server does at each look
            assertThat(engine.links().signingKey()).isEqualTo(3);
        }
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
