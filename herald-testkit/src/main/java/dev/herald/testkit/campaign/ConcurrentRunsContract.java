package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.app.campaign.CampaignService;
import dev.herald.app.run.RunListener;
import dev.herald.campaign.Activity;
import dev.herald.campaign.run.ActivityRun;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunStatus;
import dev.herald.campaign.run.TransitionRecord;
import dev.herald.delivery.MessageTemplate;
import dev.herald.expr.ExpressionChecker;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One process, one store, several runs at once: two campaigns driven from two threads give exactly
 * what they give one after the other; and a run uses what validation made of its expressions and
 * templates, checking and parsing none of them again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConcurrentRunsContract {

    /** Profiles by what they bought, deduplicated, split in tiers, mailed and texted. */
    private static final String BUYERS = """
            id: %s
            name: buyers
            variables: { threshold: 40.0 }
            activities:
              - id: buyers
                type: build-audience
                expression: profile.purchases.exists(p, p.amount > vars.threshold)
              - id: spend
                type: enrich
                from: [buyers]
                columns:
                  total: profile.purchases.map(p, p.amount).sum()
              - id: unique
                type: dedup
                from: [spend]
                fields: [profile.email]
                method: order
                order_by: target.total
                direction: highest
              - id: tiers
                type: split
                from: [unique]
                subsets:
                  - { name: gold, filter: target.total > 500.0 }
                  - { name: silver, filter: target.total > 150.0 }
                complement: true
              - id: enough
                type: test
                from: [tiers.gold]
                conditions:
                  - { name: go, when: input.count > 0 }
              - id: mail
                type: email
                from: [enough.go]
                subject: "{{ profile.first_name | default: 'Hello' }}, thank you"
                body: "You spent {{ target.total }} with us."
              - id: text
                type: sms
                from: [tiers.silver]
                text: "Hi {{ profile.first_name }}, a gift awaits"
              - id: letters
                type: direct-mail
                from: [tiers.complement]
                columns:
                  name: "{{ profile.first_name }} {{ profile.last_name }}"
                  city: "{{ profile.city }}"
            """;

    /** Bookings moved to their profiles, combined with the French, and pushed to their devices. */
    private static final String TRAVELLERS = """
            id: %s
            name: travellers
            activities:
              - id: confirmed
                type: build-audience
                dimension: booking
                expression: booking.status == "confirmed"
              - id: travellers
                type: change-dimension
                from: [confirmed]
                link: profile
              - id: french
                type: build-audience
                expression: profile.country == "FR"
              - id: both
                type: combine
                from: [travellers, french]
                operation: union
              - id: sorted
                type: split
                from: [both]
                subsets:
                  - { name: first, limit: 200, order_by: profile.signup_at }
              - id: push
                type: push
                from: [sorted.first]
                title: "Bon voyage"
                body: "{{ profile.first_name }}, your trip is near"
            """;

    RetailStore retail;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 1_500);
    }

    @AfterAll
    void close() {
        retail.close();
    }

    private static RunOptions live() {
        return RunOptions.live().withApproval().at(RetailStore.NOW).sleepingAtMost(Duration.ZERO);
    }

    /** What a run gave: each transition's count and keys, each delivery's messages by status. */
    private Map<String, Object> outcome(RunRecord run) {
        Map<String, Object> outcome = new TreeMap<>();
        for (Map.Entry<String, TransitionRecord> t : retail.runStore().transitions(run.id()).entrySet()) {
            outcome.put(t.getKey(), t.getValue().active() ? t.getValue().rows() + " " + retail.keys(run, t.getKey()) : "dead");
        }
        outcome.put("messages", retail.valuesOf("select activity, status, count(*) from herald_message where run_id = ? "
                + "group by activity, status", run.id()));
        return outcome;
    }

    @Test
    void two_runs_of_different_campaigns_at_once_give_exactly_what_they_give_one_after_the_other() throws Exception {
        RunRecord buyersAlone = retail.run(BUYERS.formatted("c_buyers_alone"), live());
        RunRecord travellersAlone = retail.run(TRAVELLERS.formatted("c_travellers_alone"), live());
        assertThat(buyersAlone.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(travellersAlone.status()).isEqualTo(RunStatus.FINISHED);

        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch travellersStarted = new CountDownLatch(1);
        // the buyers' run goes on past its first activity only once the travellers' run has started: they overlap
        RunListener buyersListener = new RunListener() {
            @Override
            public void activityDone(long runId, Activity activity, Map<String, ActivityRun.Output> outputs, long rowsIn) {
                await(travellersStarted);
            }
        };
        RunListener travellersListener = new RunListener() {
            @Override
            public void started(RunRecord run) {
                travellersStarted.countDown();
            }
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<RunRecord> buyers = threads.submit(() -> {
                start.await();
                return retail.runs().start(BUYERS.formatted("c_buyers_together"), "buyers.yaml", live(), buyersListener);
            });
            Future<RunRecord> travellers = threads.submit(() -> {
                start.await();
                return retail.runs().start(TRAVELLERS.formatted("c_travellers_together"), "travellers.yaml", live(), travellersListener);
            });
            start.countDown();
            RunRecord b = buyers.get();
            RunRecord t = travellers.get();

            assertThat(b.status()).as(retail.runStore().log(b.id()).toString()).isEqualTo(RunStatus.FINISHED);
            assertThat(t.status()).as(retail.runStore().log(t.id()).toString()).isEqualTo(RunStatus.FINISHED);
            assertThat(b.startedAt()).as("the runs overlapped").isBefore(t.endedAt());
            assertThat(t.startedAt()).as("the runs overlapped").isBefore(b.endedAt());
            assertThat(outcome(b)).isEqualTo(outcome(buyersAlone));
            assertThat(outcome(t)).isEqualTo(outcome(travellersAlone));
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("the other run did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void a_run_checks_no_expression_and_parses_no_template() {
        CampaignService.Published published = retail.app().campaigns().publish(BUYERS.formatted("c_checked_once"), "buyers.yaml");
        long checks = ExpressionChecker.checks();
        long parses = MessageTemplate.parses();

        RunRecord run = retail.runs().start(published.plan(), published.version(), live(), RunListener.QUIET);
        retail.runs().status(run.id());

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.transition(run, "mail.out").rows()).isPositive();
        assertThat(retail.transition(run, "letters.out").rows()).isPositive();
        assertThat(ExpressionChecker.checks()).as("expressions checked during the run").isEqualTo(checks);
        assertThat(MessageTemplate.parses()).as("templates parsed during the run").isEqualTo(parses);
    }
}
