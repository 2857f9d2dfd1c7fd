package dev.herald.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import dev.herald.app.Application;
import dev.herald.app.run.RunListener;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunStatus;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign's push delivery reaches each consenting customer's devices, iPhones through APNs and
 * the rest through FCM; a device whose app was removed is bounced, put on the suppression list, and
 * left out of the next run.
 */
class PushDeliveryIT {

    static final String ANN_IPHONE = "0a1b2c3d".repeat(8);
    static final String ANN_ANDROID = "cAnn1:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx";
    static final String BOB_IPHONE = "9f8e7d6c".repeat(8);
    static final String BOB_ANDROID = "dBob2:APA91bE7p0wYq9zLCrBFX0d3oHcE-2NsLk";
    static final String CY_ANDROID = "eCy3:APA91bGq1Lr8uXz0aT4kS9mW2vN6pB3dQ";

    static final String CAMPAIGN = """
            id: arrivals
            name: New arrivals
            activities:
              - id: everyone
                type: build-audience
                expression: "true"
              - id: notify
                type: push
                from: [everyone]
                title: "{{ profile.first_name }}, new arrivals"
                body: "Our autumn collection is in."
            """;

    @TempDir
    Path dir;

    @Test
    void each_device_gets_its_notification_through_its_service_and_a_removed_app_is_not_notified_again() throws Exception {
        SelfSigned tls = SelfSigned.localhost();
        try (ApnsPeer apns = new ApnsPeer(tls, Set.of(ANN_IPHONE, BOB_IPHONE), Map.of(BOB_IPHONE, Instant.parse("2026-10-01T00:00:00Z")));
             FcmPeer fcm = new FcmPeer(tls, Set.of(BOB_ANDROID))) {
            Files.createDirectories(dir.resolve("secrets"));
            Files.writeString(dir.resolve("secrets/AuthKey.p8"), apns.keyPem());
            Files.writeString(dir.resolve("secrets/firebase.json"), fcm.credentials());
            Files.writeString(dir.resolve("secrets/ca.pem"), tls.certificatePem());
            Files.copy(Path.of("../examples/retail/schema.yaml"), dir.resolve(Workspace.SCHEMA_FILE), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve(Workspace.CONFIG_FILE), """
                    providers:
                      push: >-
                        fcm://%s?credentials=secrets/firebase.json&endpoint=https://localhost:%d&ca=secrets/ca.pem
                        apns://localhost:%d?team=%s&key_id=%s&key=secrets/AuthKey.p8&topic=%s&ca=secrets/ca.pem
                    """.formatted(FcmPeer.PROJECT, fcm.port(), apns.port(), ApnsPeer.TEAM, ApnsPeer.KEY_ID, ApnsPeer.TOPIC));
            try (Application app = Application.open(Workspace.open(dir), StoreLocation.duckdb(dir.resolve("herald.duckdb")), Clock.systemUTC())) {
                app.schemas().apply(false);
                app.imports().importFile(ImportRequest.of("profile", Files.writeString(dir.resolve("profiles.csv"),
                        "id,email,first_name,push_consent\n1,ann@example.com,Ann,true\n2,bob@example.com,Bob,true\n3,cy@example.com,Cy,false\n"),
                        ImportMode.INSERT));
                app.imports().importFile(ImportRequest.of("push_device", Files.writeString(dir.resolve("devices.csv"),
                        "id,profile_id,platform,token\n" + "11,1,ios," + ANN_IPHONE + "\n12,1,android," + ANN_ANDROID + "\n"
                                + "21,2,ios," + BOB_IPHONE + "\n22,2,android," + BOB_ANDROID + "\n31,3,android," + CY_ANDROID + "\n"),
                        ImportMode.INSERT));

                RunRecord first = run(app, "2026-11-01T09:00:00Z");
                assertThat(first.status()).isEqualTo(RunStatus.FINISHED);
                assertThat(statuses(app, first)).containsExactlyInAnyOrder(
                        "1 " + ANN_IPHONE + " sent", "1 " + ANN_ANDROID + " sent",
                        "2 " + BOB_IPHONE + " failed", "2 " + BOB_ANDROID + " failed", "3 " + CY_ANDROID + " excluded no_consent");
                assertThat(app.store().dsl().fetch("select reason from herald_suppression where channel = 'push' order by address")
                        .getValues(0, String.class)).containsExactly("hard_bounce", "hard_bounce");

                RunRecord second = run(app, "2026-11-08T09:00:00Z");
                assertThat(statuses(app, second)).containsExactlyInAnyOrder(
                        "1 " + ANN_IPHONE + " sent", "1 " + ANN_ANDROID + " sent",
                        "2 " + BOB_IPHONE + " excluded suppressed", "2 " + BOB_ANDROID + " excluded suppressed", "3 " + CY_ANDROID + " excluded no_consent");
            }
            assertThat(apns.accepted).extracting(ApnsPushNotification::getToken).containsExactly(ANN_IPHONE, ANN_IPHONE);
            assertThat(apns.accepted.get(0).getPayload()).contains("\"title\":\"Ann, new arrivals\"");
            assertThat(fcm.accepted).extracting(m -> m.path("token").asText()).containsExactly(ANN_ANDROID, ANN_ANDROID);
            assertThat(apns.rejected).containsExactly(BOB_IPHONE + " UNREGISTERED");
        }
    }

    private static RunRecord run(Application app, String at) {
        return app.runs().start(CAMPAIGN, "arrivals.yaml",
                RunOptions.live().withApproval().at(Instant.parse(at)).sleepingAtMost(Duration.ZERO), RunListener.QUIET);
    }

    private static List<String> statuses(Application app, RunRecord run) {
        return app.store().dsl().fetch("select recipient_id, address, status || coalesce(' ' || reason, '') from herald_message where run_id = ?",
                run.id()).map(r -> r.get(0, Long.class) + " " + r.get(1, String.class) + " " + r.get(2, String.class));
    }
}
