package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.app.run.RunListener;
import dev.herald.app.run.ScheduledCampaigns;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunStatus;
import dev.herald.error.Action;
import dev.herald.error.UserError;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Campaigns that start by themselves: a moment of a schedule is due once it has passed, starts
 * one live run, and never a second — also when two starts race for it — nor for an archived campaign.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScheduledCampaignsContract {

    RetailStore retail;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 300);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    private ScheduledCampaigns schedules() {
        return retail.app().schedules();
    }

    /** A campaign that runs once at {@code at}, cut to a whole second (written as a local time in UTC). */
    private static String onceAt(String id, Instant at) {
        return """
                id: %s
                name: scheduled
                schedule: { once: "%s", zone: UTC }
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR"
                """.formatted(id, at.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""));
    }

    private List<ScheduledCampaigns.Due> due(String campaign) {
        return schedules().due().stream().filter(d -> d.version().campaign().equals(campaign)).toList();
    }

    private long runsOf(String campaign) {
        return retail.count("select count(*) from herald_run where campaign = ?", campaign);
    }

    @Test
    void a_moment_is_due_once_it_has_passed_and_starts_one_live_run() throws InterruptedException {
        Instant at = Instant.now().plusSeconds(3); // whole seconds: at least 2 s after publishing
        retail.app().campaigns().publish(onceAt("s_once", at), "test.yaml");
        assertThat(due("s_once")).isEmpty();
        assertThat(schedules().next(retail.app().campaigns().latestVersions().stream()
                .filter(v -> v.campaign().equals("s_once")).findFirst().orElseThrow())).contains(at.truncatedTo(ChronoUnit.SECONDS));

        Thread.sleep(Math.max(0, at.toEpochMilli() - System.currentTimeMillis()) + 100);
        List<ScheduledCampaigns.Due> due = due("s_once");
        assertThat(due).singleElement().satisfies(d -> assertThat(d.at()).isEqualTo(at.truncatedTo(ChronoUnit.SECONDS)));
        RunRecord run = schedules().start(due.getFirst(), RunListener.QUIET).orElseThrow();

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.test()).isFalse();
        assertThat(retail.runStore().log(run.id()).getFirst().message()).contains("by its schedule for " + due.getFirst().at());
        assertThat(retail.keys(run, "fr.out")).isEqualTo(retail.keys("select id from profile where country = 'FR'"));
        assertThat(due("s_once")).isEmpty();
        assertThat(schedules().start(due.getFirst(), RunListener.QUIET)).isEmpty(); // the moment has its run
        assertThat(runsOf("s_once")).isEqualTo(1);
    }

    @Test
    void two_starts_racing_for_one_moment_make_one_run() throws Exception {
        retail.app().campaigns().publish(onceAt("s_race", Instant.now().plusSeconds(2)), "test.yaml");
        Thread.sleep(2_100);
        ScheduledCampaigns.Due due = due("s_race").getFirst();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<RunRecord>>> starts = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 2; i++) {
                starts.add(threads.submit(() -> {
                    go.await();
                    return schedules().start(due, RunListener.QUIET);
                }));
            }
            go.countDown();
            List<Optional<RunRecord>> results = new ArrayList<>();
            for (Future<Optional<RunRecord>> f : starts) {
                results.add(f.get());
            }
            assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
        }
        assertThat(runsOf("s_race")).isEqualTo(1); // the loser's run was rolled back with its claim
        assertThat(retail.count("select count(*) from herald_schedule_run where campaign = ?", "s_race")).isEqualTo(1);
    }

    @Test
    void a_moment_before_the_version_was_published_is_never_due() {
        retail.app().campaigns().publish(onceAt("s_past", Instant.now().minusSeconds(120)), "test.yaml");
        assertThat(due("s_past")).isEmpty();
        assertThat(runsOf("s_past")).isZero();
    }

    @Test
    void an_archived_campaign_is_not_scheduled_nor_started_until_restored() throws InterruptedException {
        String yaml = onceAt("s_archived", Instant.now().plusSeconds(2));
        retail.app().campaigns().publish(yaml, "test.yaml");
        retail.app().campaigns().archive("s_archived");
        Thread.sleep(2_100);

        assertThat(due("s_archived")).isEmpty();
        assertThat(retail.app().campaigns().archived()).contains("s_archived");
        assertThatThrownBy(() -> retail.run(yaml)).isInstanceOfSatisfying(UserError.class, e -> {
            assertThat(e.kind()).isEqualTo(UserError.Kind.CONFLICT);
            assertThat(e.problems().getFirst().hint()).isEqualTo(new Action.RestoreCampaign("s_archived"));
        }).hasMessageContaining("campaign s_archived is archived");
        assertThatThrownBy(() -> retail.app().campaigns().archive("s_archived")).hasMessageContaining("archived already");
        assertThatThrownBy(() -> retail.app().campaigns().archive("no_such")).hasMessageContaining("no published campaign 'no_such'");

        retail.app().campaigns().restore("s_archived");
        assertThat(due("s_archived")).hasSize(1); // the moment it missed while archived is due now
        assertThatThrownBy(() -> retail.app().campaigns().restore("s_archived")).hasMessageContaining("is not archived");
        assertThat(runsOf("s_archived")).isZero();
    }
}
