package dev.herald.campaign;

import dev.herald.campaign.plan.CampaignCheck;
import dev.herald.campaign.plan.Plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.run.ActivityStatus;
import dev.herald.campaign.run.Orchestrator;
import dev.herald.campaign.run.RunState;
import dev.herald.campaign.run.RunStatus;
import dev.herald.campaign.run.Step;
import dev.herald.expr.ExpressionChecker;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What runs next is a pure function of the plan and the run's state: each decision, with no store. */
class OrchestratorTest {

    static final Instant NOW = Instant.parse("2026-11-02T08:00:00Z");
    static final ExpressionChecker CHECKER = new ExpressionChecker(CampaignFixturesTest.SCHEMA);

    private final Map<String, RunState.Activity> activities = new HashMap<>();
    private final Map<String, RunState.Transition> transitions = new HashMap<>();

    static Plan plan(String yaml) {
        return new CampaignCheck(CampaignFixturesTest.SCHEMA, CHECKER, null).check(yaml, "test.yaml");
    }

    private List<Step> next(Plan plan, boolean test, Set<String> breakpoints, Map<String, Object> vars) {
        return new Orchestrator(plan).next(new RunState(RunStatus.RUNNING, activities, transitions, breakpoints, test, vars, NOW));
    }

    private List<Step> next(Plan plan) {
        return next(plan, false, Set.of(), plan.campaign().variables());
    }

    /** Outputs to the transitions they carry, null for a dead one. */
    private static Map<String, String> outputs(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private void done(String activity, Map<String, Long> outputs) {
        activities.put(activity, new RunState.Activity(ActivityStatus.DONE, null));
        outputs.forEach((t, rows) -> transitions.put(t, new RunState.Transition(rows >= 0, Math.max(0, rows))));
    }

    static final String TWO_PATHS = """
            id: two
            name: Two paths
            variables: { send: true }
            activities:
              - { id: a, type: build-audience, expression: has(profile.email) }
              - { id: b, type: build-audience, expression: has(profile.phone) }
              - { id: both, type: combine, operation: union, from: [a, b] }
              - { id: gate, type: test, from: [both], conditions: [{ name: big, when: input.count > 100 && vars.send }], default: small }
              - { id: big_mail, type: email, from: [gate.big], subject: s, body: b }
              - { id: pause, type: wait, from: [gate.small], duration: 2h }
              - { id: end, type: end, from: [big_mail, pause] }
            """;

    @Test
    void activities_that_start_paths_run_first_and_one_waits_for_all_its_inbound_transitions() {
        Plan plan = plan(TWO_PATHS);
        assertThat(next(plan)).containsExactly(new Step.Execute("a"), new Step.Execute("b"));
        done("a", Map.of("a.out", 10L));
        assertThat(next(plan)).containsExactly(new Step.Execute("b"));
        done("b", Map.of("b.out", 0L));
        assertThat(next(plan)).containsExactly(new Step.Execute("both"));
    }

    @Test
    void a_test_takes_the_first_true_condition_on_the_inbound_count_and_the_variables() {
        Plan plan = plan(TWO_PATHS);
        done("a", Map.of("a.out", 10L));
        done("b", Map.of("b.out", 0L));
        done("both", Map.of("both.out", 150L));
        assertThat(next(plan)).containsExactly(new Step.Pass("gate", outputs("big", "both.out", "small", null), "input.count = 150 → big"));
        assertThat(next(plan, false, Set.of(), Map.of("send", false))).singleElement()
                .satisfies(s -> assertThat(((Step.Pass) s).outputs()).containsEntry("small", "both.out").containsEntry("big", null));
    }

    @Test
    void a_path_whose_inbound_transitions_all_stopped_is_skipped_and_an_end_after_two_waits_for_both() {
        Plan plan = plan(TWO_PATHS);
        done("a", Map.of("a.out", 10L));
        done("b", Map.of("b.out", 0L));
        done("both", Map.of("both.out", 150L));
        done("gate", Map.of("gate.big", 150L, "gate.small", -1L));
        assertThat(next(plan)).containsExactly(new Step.Execute("big_mail"), new Step.Skip("pause", "no population arrives: every inbound path stopped", false));
        done("big_mail", Map.of("big_mail.out", 120L));
        assertThat(next(plan)).containsExactly(new Step.Skip("pause", "no population arrives: every inbound path stopped", false));
        activities.put("pause", new RunState.Activity(ActivityStatus.SKIPPED, null));
        transitions.put("pause.out", new RunState.Transition(false, 0));
        assertThat(next(plan)).singleElement().isInstanceOf(Step.Pass.class);
        done("end", Map.of());
        assertThat(next(plan)).containsExactly(new Step.Finish());
    }

    @Test
    void a_live_wait_holds_until_its_time_and_a_test_run_does_not_wait() {
        Plan plan = plan(TWO_PATHS);
        done("a", Map.of("a.out", 1L));
        done("b", Map.of("b.out", 1L));
        done("both", Map.of("both.out", 2L));
        done("gate", Map.of("gate.big", -1L, "gate.small", 2L));
        done("big_mail", Map.of("big_mail.out", -1L));
        assertThat(next(plan)).containsExactly(new Step.Hold("pause", NOW.plus(Duration.ofHours(2)), "for 2h"));
        assertThat(next(plan, true, Set.of(), Map.of("send", true))).containsExactly(
                new Step.Pass("pause", Map.of("out", "gate.small"), "a test run does not wait"));
        activities.put("pause", new RunState.Activity(ActivityStatus.WAITING, NOW.plus(Duration.ofHours(2))));
        assertThat(next(plan)).containsExactly(new Step.Sleep(NOW.plus(Duration.ofHours(2))));
        activities.put("pause", new RunState.Activity(ActivityStatus.WAITING, NOW.minusSeconds(1)));
        assertThat(next(plan)).containsExactly(new Step.Pass("pause", Map.of("out", "gate.small"), "timer due"));
    }

    @Test
    void a_breakpoint_pauses_before_its_activity_and_a_disabled_activity_ends_its_path() {
        Plan plan = plan("""
                id: bp
                name: Breakpoint
                activities:
                  - { id: a, type: build-audience, expression: has(profile.email) }
                  - { id: d, type: dedup, from: [a], fields: [profile.email], breakpoint: true }
                  - { id: muted, type: email, from: [a], subject: s, body: b, disabled: true }
                """);
        done("a", Map.of("a.out", 5L));
        assertThat(next(plan, false, Set.of("d"), Map.of())).containsExactly(new Step.Pause("d"));
        assertThat(next(plan, false, Set.of(), Map.of())).containsExactly(new Step.Execute("d"),
                new Step.Skip("muted", "disabled: its path ends here", true));
    }

    @Test
    void an_and_join_passes_its_primary_population_and_stops_when_the_primary_path_stopped() {
        Plan plan = plan("""
                id: join
                name: Join
                activities:
                  - { id: a, type: build-audience, expression: has(profile.email) }
                  - { id: b, type: build-audience, expression: has(profile.phone) }
                  - { id: j, type: and-join, from: [a, b], primary: b }
                """);
        done("a", Map.of("a.out", 5L));
        done("b", Map.of("b.out", 7L));
        assertThat(next(plan)).containsExactly(new Step.Pass("j", Map.of("out", "b.out"), null));
        transitions.put("b.out", new RunState.Transition(false, 0));
        assertThat(next(plan)).singleElement().satisfies(s -> assertThat(((Step.Pass) s).outputs()).containsEntry("out", null));
    }

    @Test
    void a_scheduler_holds_until_its_next_moment_and_stops_its_path_when_none_is_left() {
        Plan plan = plan("""
                id: sched
                name: Scheduled
                activities:
                  - { id: nine, type: scheduler, cron: "0 9 * * *", zone: Europe/Paris }
                  - { id: past, type: scheduler, once: "2026-01-01T09:00", zone: Europe/Paris }
                """);
        assertThat(next(plan)).containsExactly(
                new Step.Hold("nine", Instant.parse("2026-11-02T08:00:00Z"), "until 2026-11-02T08:00:00Z (cron \"0 9 * * *\" (Europe/Paris))"),
                new Step.Pass("past", outputs("out", null),
                        "no moment of once at 2026-01-01T09:00 (Europe/Paris) is left: the path stops"));
    }
}
