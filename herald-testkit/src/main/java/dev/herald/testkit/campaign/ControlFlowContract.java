package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.error.UserError;
import dev.herald.campaign.run.ActivityStatus;
import dev.herald.campaign.run.RunStatus;
import dev.herald.campaign.run.ActivityRecord;
import dev.herald.campaign.run.LogLine;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Control activities decided by the orchestrator: fork, and-join, test, wait, scheduler; disabled activities and breakpoints. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ControlFlowContract {

    RetailStore retail;
    TreeSet<Object> french;

    @BeforeAll
    void load() throws IOException {
        retail = RetailStore.open(getClass(), 1_500);
        french = retail.keys("select id from profile where country = 'FR'");
    }

    @AfterAll
    void close() {
        retail.close();
    }

    private ActivityStatus status(RunRecord run, String activity) {
        ActivityRecord a = retail.runStore().activities(run.id()).get(activity);
        return a == null ? null : a.status();
    }

    private List<String> log(RunRecord run) {
        return retail.runStore().log(run.id()).stream().map(LogLine::message).toList();
    }

    private RunRecord current(RunRecord run) {
        return retail.runStore().run(run.id());
    }

    private static RunOptions live(Duration maxSleep) {
        return RunOptions.live().withApproval().at(RetailStore.NOW).sleepingAtMost(maxSleep);
    }

    @Test
    void fork_gives_the_same_population_to_every_branch() {
        RunRecord run = retail.test("""
                id: t_fork
                name: fork
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR"
                  - id: both
                    type: fork
                    from: [fr]
                    branches: [by_email, by_sms]
                  - id: rich
                    type: split
                    from: [both.by_email]
                    subsets: [{ name: picked, filter: profile.lifetime_value > 500.0 }]
                  - id: phones
                    type: split
                    from: [both.by_sms]
                    subsets: [{ name: picked, filter: has(profile.phone) }]
                """);

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.keys(run, "both.by_email")).isEqualTo(french).isEqualTo(retail.keys(run, "both.by_sms"));
        assertThat(retail.keys(run, "rich.picked")).isEqualTo(retail.keys(
                "select id from profile where country = 'FR' and lifetime_value > 500"));
        assertThat(retail.keys(run, "phones.picked")).isEqualTo(retail.keys(
                "select id from profile where country = 'FR' and phone is not null"));
    }

    private static String joining(String id, String gate, String primary) {
        return """
                id: %s
                name: join
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR"
                  - id: both
                    type: fork
                    from: [fr]
                    branches: [left, right]
                  - id: gate
                    type: test
                    from: [both.left]
                    conditions:
                      - { name: go, when: "%s" }
                  - id: rich
                    type: split
                    from: [both.right]
                    subsets: [{ name: picked, filter: profile.lifetime_value > 500.0 }]
                  - id: joined
                    type: and-join
                    from: [gate.go, rich.picked]
                    primary: %s
                  - id: after
                    type: split
                    from: [joined]
                    subsets: [{ name: all, filter: "true" }]
                """.formatted(id, gate, primary);
    }

    @Test
    void and_join_waits_for_every_branch_and_passes_on_the_primary_population() {
        RunRecord run = retail.test(joining("t_join_alive", "input.count > 0", "rich.picked"));

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        TreeSet<Object> rich = retail.keys("select id from profile where country = 'FR' and lifetime_value > 500");
        assertThat(rich).isNotEqualTo(french);
        assertThat(retail.keys(run, "joined.out")).isEqualTo(rich);
        assertThat(retail.keys(run, "after.all")).isEqualTo(rich);
    }

    @Test
    void and_join_stops_its_path_when_the_primary_path_stopped_even_if_the_other_arrived() {
        RunRecord run = retail.test(joining("t_join_dead", "input.count < 0", "gate.go"));

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.transition(run, "gate.go").active()).isFalse();
        assertThat(retail.transition(run, "rich.picked").active()).isTrue();
        assertThat(retail.transition(run, "joined.out").active()).isFalse();
        assertThat(status(run, "after")).isEqualTo(ActivityStatus.SKIPPED);
        assertThat(retail.transition(run, "after.all").active()).isFalse();
    }

    @Test
    void and_join_passes_the_primary_population_on_when_another_path_stopped() {
        RunRecord run = retail.test(joining("t_join_other_dead", "input.count < 0", "rich.picked"));

        assertThat(retail.transition(run, "gate.go").active()).isFalse();
        assertThat(retail.keys(run, "joined.out")).isEqualTo(retail.keys(
                "select id from profile where country = 'FR' and lifetime_value > 500"));
        assertThat(status(run, "after")).isEqualTo(ActivityStatus.DONE);
    }

    private static String testing(String id, String conditions, String defaultBranch) {
        return """
                id: %s
                name: test
                variables:
                  send: true
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR"
                  - id: size
                    type: test
                    from: [fr]
                    conditions:
                %s
                %s
                  - id: next
                    type: split
                    from: [size.some]
                    subsets: [{ name: all, filter: "true" }]
                """.formatted(id, conditions.indent(6).stripTrailing(), defaultBranch == null ? "" : "    default: " + defaultBranch);
    }

    @Test
    void test_takes_the_first_branch_whose_condition_is_true() {
        RunRecord run = retail.test(testing("t_test_first", """
                - { name: huge, when: input.count > 100000 }
                - { name: some, when: vars.send && input.count > 0 }
                - { name: any, when: "true" }
                """, "other"));

        assertThat(retail.keys(run, "size.some")).isEqualTo(french);
        assertThat(retail.transition(run, "size.huge").active()).isFalse();
        assertThat(retail.transition(run, "size.any").active()).isFalse();
        assertThat(retail.transition(run, "size.other").active()).isFalse();
        assertThat(retail.keys(run, "next.all")).isEqualTo(french);
        assertThat(log(run)).contains("done: input.count = " + french.size() + " → some");
    }

    @Test
    void test_conditions_read_the_run_variables() {
        String yaml = testing("t_test_vars", "- { name: some, when: vars.send }", "other");

        RunRecord sending = retail.test(yaml);
        RunRecord notSending = retail.run(yaml, live(Duration.ZERO).asTest().withVariables(Map.of("send", false)));

        assertThat(retail.keys(sending, "size.some")).isEqualTo(french);
        assertThat(retail.transition(notSending, "size.some").active()).isFalse();
        assertThat(retail.keys(notSending, "size.other")).isEqualTo(french);
    }

    @Test
    void test_takes_the_default_branch_when_no_condition_is_true() {
        RunRecord run = retail.test(testing("t_test_default", "- { name: some, when: input.count > 0 && !vars.send }", "other"));

        assertThat(retail.transition(run, "size.some").active()).isFalse();
        assertThat(retail.keys(run, "size.other")).isEqualTo(french);
        assertThat(status(run, "next")).isEqualTo(ActivityStatus.SKIPPED);
    }

    @Test
    void test_without_a_default_stops_the_path_when_no_condition_is_true() {
        RunRecord run = retail.test(testing("t_test_none", "- { name: some, when: input.count == 0 }", null));

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.transition(run, "size.some").active()).isFalse();
        assertThat(status(run, "next")).isEqualTo(ActivityStatus.SKIPPED);
        assertThat(log(run)).anyMatch(l -> l.contains("no condition is true and there is no default: the path stops"));
    }

    @Test
    void branches_may_be_named_yes_and_no_and_a_variable_may_hold_no() {
        RunRecord run = retail.test("""
                id: t_test_yes_no
                name: yes or no
                variables:
                  country: NO
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR" && vars.country == "NO"
                  - id: any
                    type: test
                    from: [fr]
                    conditions:
                      - { name: yes, when: input.count > 0 }
                    default: no
                  - id: next
                    type: split
                    from: [any.yes]
                    subsets: [{ name: on, filter: "true" }]
                """);

        assertThat(run.variables()).containsEntry("country", "NO");
        assertThat(retail.keys(run, "any.yes")).isEqualTo(french);
        assertThat(retail.transition(run, "any.no").active()).isFalse();
        assertThat(retail.keys(run, "next.on")).isEqualTo(french);
    }

    private static String waiting(String id, String duration) {
        return """
                id: %s
                name: wait
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR"
                  - id: pause
                    type: wait
                    from: [fr]
                    duration: %s
                  - id: next
                    type: split
                    from: [pause]
                    subsets: [{ name: all, filter: "true" }]
                """.formatted(id, duration);
    }

    @Test
    void a_test_run_does_not_wait() {
        long started = System.nanoTime();
        RunRecord run = retail.run(waiting("t_wait_test", "2d"), live(Duration.ofMinutes(1)).asTest());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.keys(run, "next.all")).isEqualTo(french);
        assertThat(log(run)).anyMatch(l -> l.contains("a test run does not wait"));
    }

    @Test
    void a_live_wait_completes_in_the_same_call_when_max_sleep_allows() {
        long started = System.nanoTime();
        RunRecord run = retail.run(waiting("t_wait_sleep", "1s"), live(Duration.ofSeconds(10)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.keys(run, "pause.out")).isEqualTo(french);
        assertThat(retail.keys(run, "next.all")).isEqualTo(french);
    }

    @Test
    void a_live_wait_longer_than_max_sleep_leaves_the_run_waiting_and_resume_continues_it_once_due() throws InterruptedException {
        String yaml = waiting("t_wait_resume", "1s");
        RunRecord run = retail.run(yaml, live(Duration.ZERO));

        assertThat(run.status()).isEqualTo(RunStatus.WAITING);
        assertThat(status(run, "pause")).isEqualTo(ActivityStatus.WAITING);
        assertThat(retail.runStore().activities(run.id()).get("pause").wakeAt())
                .isBetween(RetailStore.NOW.plusMillis(900), RetailStore.NOW.plusSeconds(30));
        assertThat(status(run, "next")).isNull();

        Thread.sleep(1_200);
        RunRecord resumed = retail.resume(yaml, run.id());

        assertThat(resumed.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(status(run, "pause")).isEqualTo(ActivityStatus.DONE);
        assertThat(retail.keys(resumed, "next.all")).isEqualTo(french);
    }

    @Test
    void resuming_a_waiting_run_before_its_timer_is_due_leaves_it_waiting() {
        String yaml = waiting("t_wait_early", "1h");
        RunRecord run = retail.run(yaml, live(Duration.ZERO));

        RunRecord resumed = retail.resume(yaml, run.id());

        assertThat(resumed.status()).isEqualTo(RunStatus.WAITING);
        assertThat(status(run, "next")).isNull();
    }

    private static String scheduled(String id, String once) {
        return """
                id: %s
                name: scheduled
                activities:
                  - id: when
                    type: scheduler
                    once: %s
                  - id: fr
                    type: build-audience
                    from: [when]
                    expression: profile.country == "FR"
                """.formatted(id, once);
    }

    @Test
    void a_scheduler_whose_only_moment_is_past_stops_its_path() {
        RunRecord run = retail.run(scheduled("t_scheduler_past", "2026-01-01T09:00"));

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.transition(run, "when.out").active()).isFalse();
        assertThat(status(run, "fr")).isEqualTo(ActivityStatus.SKIPPED);
        assertThat(log(run)).anyMatch(l -> l.contains("is left: the path stops"));
    }

    @Test
    void a_scheduler_with_a_future_moment_holds_the_run_until_then_and_a_test_run_goes_on_at_once() {
        RunRecord live = retail.run(scheduled("t_scheduler_future", "2026-12-01T09:00"));

        assertThat(live.status()).isEqualTo(RunStatus.WAITING);
        assertThat(retail.runStore().activities(live.id()).get("when").wakeAt()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(status(live, "fr")).isNull();

        RunRecord test = retail.test(scheduled("t_scheduler_future", "2026-12-01T09:00"));
        assertThat(test.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.keys(test, "fr.out")).isEqualTo(french);
    }

    @Test
    void a_disabled_activity_ends_its_path_and_nothing_after_it_runs() {
        RunRecord run = retail.run("""
                id: t_disabled
                name: disabled
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR"
                  - id: rich
                    type: split
                    from: [fr]
                    disabled: true
                    subsets: [{ name: picked, filter: profile.lifetime_value > 500.0 }]
                  - id: mail
                    type: email
                    from: [rich.picked]
                    subject: "Hello"
                    body: "Hello"
                """);

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(status(run, "rich")).isEqualTo(ActivityStatus.DISABLED);
        assertThat(retail.transition(run, "rich.picked").active()).isFalse();
        assertThat(status(run, "mail")).isEqualTo(ActivityStatus.SKIPPED);
        assertThat(retail.deliveries().find(run.id(), "mail")).isEmpty();
    }

    private static final String BREAKING = """
            id: %s
            name: breakpoint
            activities:
              - id: fr
                type: build-audience
                expression: profile.country == "FR"
              - id: rich
                type: split
                from: [fr]
                breakpoint: %s
                subsets: [{ name: picked, filter: profile.lifetime_value > 500.0 }]
            """;

    @Test
    void a_breakpoint_pauses_the_run_before_the_activity_and_resume_runs_it() {
        String yaml = BREAKING.formatted("t_breakpoint", "true");
        RunRecord run = retail.test(yaml);

        assertThat(run.status()).isEqualTo(RunStatus.PAUSED);
        assertThat(status(run, "fr")).isEqualTo(ActivityStatus.DONE);
        assertThat(status(run, "rich")).isNull();
        assertThat(log(run)).anyMatch(l -> l.startsWith("paused at the breakpoint before rich"));

        RunRecord resumed = retail.resume(yaml, run.id());

        assertThat(resumed.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.keys(resumed, "rich.picked")).isEqualTo(retail.keys(
                "select id from profile where country = 'FR' and lifetime_value > 500"));
    }

    @Test
    void a_breakpoint_given_when_the_run_starts_pauses_it_the_same_way() {
        String yaml = BREAKING.formatted("t_breakpoint_option", "false");
        RunRecord run = retail.run(yaml, live(Duration.ZERO).asTest().withBreakpoints(List.of("rich")));

        assertThat(run.status()).isEqualTo(RunStatus.PAUSED);
        assertThat(status(run, "rich")).isNull();
        assertThat(retail.resume(yaml, run.id()).status()).isEqualTo(RunStatus.FINISHED);
        assertThat(current(run).status()).isEqualTo(RunStatus.FINISHED);
    }

    @Test
    void a_breakpoint_on_an_unknown_activity_is_refused() {
        String yaml = BREAKING.formatted("t_breakpoint_unknown", "false");

        assertThatThrownBy(() -> retail.run(yaml, live(Duration.ZERO).asTest()
                        .withBreakpoints(List.of("ricch"))))
                .isInstanceOfSatisfying(UserError.class, e -> {
                    assertThat(e.kind()).isEqualTo(UserError.Kind.INVALID);
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.path()).isEqualTo("breakpoints[0]");
                        assertThat(p.message()).startsWith("ricch: no such activity").contains("did you mean 'rich'");
                    });
                });
    }

    @Test
    void and_join_waits_for_a_branch_that_is_still_waiting() throws InterruptedException {
        String yaml = """
                id: t_join_waiting
                name: join a waiting branch
                activities:
                  - id: fr
                    type: build-audience
                    expression: profile.country == "FR"
                  - id: both
                    type: fork
                    from: [fr]
                    branches: [left, right]
                  - id: later
                    type: wait
                    from: [both.left]
                    duration: 1s
                  - id: rich
                    type: split
                    from: [both.right]
                    subsets: [{ name: picked, filter: profile.lifetime_value > 500.0 }]
                  - id: joined
                    type: and-join
                    from: [later, rich.picked]
                    primary: rich.picked
                """;
        RunRecord run = retail.run(yaml, live(Duration.ZERO));

        assertThat(run.status()).isEqualTo(RunStatus.WAITING);
        assertThat(status(run, "rich")).isEqualTo(ActivityStatus.DONE);
        assertThat(status(run, "joined")).isNull();

        Thread.sleep(1_200);
        RunRecord resumed = retail.resume(yaml, run.id());

        assertThat(resumed.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.keys(resumed, "joined.out")).isEqualTo(retail.keys(
                "select id from profile where country = 'FR' and lifetime_value > 500"));
    }

    @Test
    void the_variables_a_run_started_with_still_hold_when_it_resumes_after_a_wait() throws InterruptedException {
        String yaml = """
                id: t_wait_variables
                name: variables after a wait
                variables:
                  country: FR
                activities:
                  - id: start
                    type: build-audience
                    expression: profile.id == 1
                  - id: pause
                    type: wait
                    from: [start]
                    duration: 1s
                  - id: who
                    type: build-audience
                    from: [pause]
                    expression: profile.country == vars.country
                """;
        RunRecord run = retail.run(yaml, live(Duration.ZERO).withVariables(Map.of("country", "DE")));
        assertThat(run.status()).isEqualTo(RunStatus.WAITING);

        Thread.sleep(1_200);
        RunRecord resumed = retail.resume(yaml, run.id());

        assertThat(resumed.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.keys(resumed, "who.out")).isEqualTo(retail.keys("select id from profile where country = 'DE'"));
    }
}
