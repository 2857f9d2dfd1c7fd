package dev.herald.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.app.Application;
import dev.herald.app.run.RunListener;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunStatus;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign's text messages leave over SMPP when the workspace names an SMSC: the receipts land on
 * the message log, an undelivered one counts as a soft bounce, and a reply saying STOP unsubscribes
 * the number's profile from SMS, so the next campaign leaves it out.
 */
class SmsOverSmppIT {

    private static final String CAMPAIGN = """
            id: ID
            name: Texts
            activities:
              - id: everyone
                type: build-audience
                expression: has(profile.phone)
              - id: text
                type: sms
                from: [everyone]
                text: "Hi {{ profile.first_name }}, 10% off this week. Reply STOP to opt out."
            """;

    @TempDir
    Path dir;

    private Application open(SmscPeer smsc) throws IOException {
        Files.copy(Path.of("../examples/retail/schema.yaml"), dir.resolve(Workspace.SCHEMA_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve(Workspace.CONFIG_FILE), "providers:\n  sms: '" + smsc.url("Shop") + "'\n");
        return Application.open(Workspace.open(dir), StoreLocation.duckdb(dir.resolve("herald.duckdb")), Clock.systemUTC());
    }

    private static void await(Application app, String sql, long expected) throws InterruptedException {
        for (int i = 0; i < 200 && ((Number) app.store().dsl().fetchValue(sql)).longValue() != expected; i++) {
            Thread.sleep(25);
        }
    }

    @Test
    void receipts_land_on_the_log_and_a_stop_reply_keeps_the_number_out_of_the_next_campaign() throws Exception {
        try (SmscPeer smsc = new SmscPeer("shop", "pw")) {
            smsc.receipts(s -> s.to().equals("33600000002") ? DeliveryReceiptState.UNDELIV : DeliveryReceiptState.DELIVRD);
            try (Application app = open(smsc)) {
                app.schemas().apply(false);
                Path csv = Files.writeString(dir.resolve("profiles.csv"), "id,phone,sms_consent,first_name\n"
                        + "1,+33 6 00 00 00 01,true,Ann\n2,+33600000002,true,Bob\n3,+33600000003,true,Cy\n4,+33600000004,false,Dee\n");
                app.imports().importFile(ImportRequest.of("profile", csv, ImportMode.INSERT));
                RunOptions options = RunOptions.live().withApproval().at(Instant.parse("2026-11-01T00:00:00Z")).sleepingAtMost(Duration.ZERO);
                RunRecord first = app.runs().start(CAMPAIGN.replace("ID", "texts"), "texts.yaml", options, RunListener.QUIET);
                assertThat(first.status()).isEqualTo(RunStatus.FINISHED);
                await(app, "select count(*) from herald_message where receipt is not null", 3);
                assertThat(app.store().dsl().fetch("select recipient_id, status, reason, receipt, receipt_detail from herald_message order by id")
                        .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3) + " " + r.get(4)))
                        .containsExactly("1 sent null delivered DELIVRD err:000", "2 sent null undelivered UNDELIV err:001",
                                "3 sent null delivered DELIVRD err:000", "4 excluded no_consent null null");
                assertThat(app.store().dsl().fetchValue("select count(*) from herald_bounce where kind = 'soft' and address = '+33600000002'",
                        Long.class)).isEqualTo(1L);
                assertThat(smsc.submitted()).extracting(SmscPeer.Submitted::text)
                        .containsOnly("Hi Ann, 10% off this week. Reply STOP to opt out.", "Hi Bob, 10% off this week. Reply STOP to opt out.",
                                "Hi Cy, 10% off this week. Reply STOP to opt out.");

                smsc.reply("33600000001", "Shop", " stop ");
                await(app, "select count(*) from herald_subscription where channel = 'sms' and not subscribed", 1);
                assertThat(app.compliance().subscriptions("1")).extracting(s -> s.channel() + " " + s.subscribed() + " " + s.source())
                        .containsExactly("sms false sms STOP from 33600000001");

                RunRecord second = app.runs().start(CAMPAIGN.replace("ID", "texts_again"), "again.yaml", options, RunListener.QUIET);
                List<String> outcome = app.store().dsl().fetch("select recipient_id, status, reason from herald_message where run_id = ? order by id",
                        second.id()).map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2));
                assertThat(outcome).containsExactly("1 excluded unsubscribed", "2 sent null", "3 sent null", "4 excluded no_consent");

                // the schema applied while the channel is bound: a STOP is matched by the addresses it names now
                Path schema = dir.resolve(Workspace.SCHEMA_FILE);
                Files.writeString(schema, Files.readString(schema).replace("sms: { address: profile.phone,", "sms: { address: profile.mobile,")
                        .replace("      phone: string\n", "      phone: string\n      mobile: string\n"));
                app.schemas().apply(false);
                app.imports().importFile(ImportRequest.of("profile", Files.writeString(dir.resolve("mobiles.csv"), "id,mobile\n3,+33699999999\n"),
                        ImportMode.UPSERT));
                smsc.reply("33699999999", "Shop", "STOP");
                await(app, "select count(*) from herald_subscription where channel = 'sms' and not subscribed", 2);
                assertThat(app.compliance().subscriptions("3")).extracting(s -> s.channel() + " " + s.subscribed())
                        .containsExactly("sms false");
            }
        }
    }
}
