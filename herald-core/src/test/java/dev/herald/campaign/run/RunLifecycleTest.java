package dev.herald.campaign.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.error.Action;
import dev.herald.error.UserError;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The run status table, walked whole: every allowed transition and every refused one. */
class RunLifecycleTest {

    private static final Set<RunStatus> OPEN = EnumSet.of(RunStatus.RUNNING, RunStatus.PAUSED, RunStatus.SUSPENDED, RunStatus.WAITING);

    /** The table as the docs say it, written out by hand: (from, event) → to, or null when refused. */
    private static RunStatus expected(RunStatus from, RunEvent event) {
        if (!OPEN.contains(from)) {
            return null; // an ended run takes no event
        }
        return switch (event) {
            case PAUSE -> RunStatus.PAUSED;
            case RESUME -> RunStatus.RUNNING;
            case STOP, RESTART -> RunStatus.STOPPED;
            case INTERRUPT, BREAKPOINT -> from == RunStatus.RUNNING ? RunStatus.PAUSED : null;
            case SUSPEND -> from == RunStatus.RUNNING ? RunStatus.SUSPENDED : null;
            case ABORT -> from == RunStatus.RUNNING ? RunStatus.FAILED : null;
            case WAIT -> from == RunStatus.RUNNING ? RunStatus.WAITING : null;
            case FINISH -> from == RunStatus.RUNNING ? RunStatus.FINISHED : null;
        };
    }

    @Test
    void every_status_and_event_goes_where_the_table_says_or_is_refused() {
        int allowed = 0;
        for (RunStatus from : RunStatus.values()) {
            for (RunEvent event : RunEvent.values()) {
                RunStatus to = expected(from, event);
                assertThat(RunLifecycle.next(from, event)).as(from + " + " + event).isEqualTo(Optional.ofNullable(to));
                if (to != null) {
                    allowed++;
                }
            }
        }
        assertThat(allowed).isEqualTo(4 * 4 + 6);
    }

    @Test
    void a_refused_event_is_a_conflict_that_says_what_the_run_is() {
        assertThatThrownBy(() -> RunLifecycle.stop(run(RunStatus.FINISHED)))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.CONFLICT))
                .hasMessage("run 7 is finished already");
        assertThatThrownBy(() -> RunLifecycle.pause(run(RunStatus.STOPPED))).hasMessage("run 7 is stopped");
        assertThatThrownBy(() -> RunLifecycle.interrupted(run(RunStatus.PAUSED))).hasMessage("run 7 is paused; it cannot interrupt");
    }

    @Test
    void restarting_an_ended_run_changes_nothing_of_it_and_stops_one_that_has_not_ended() {
        assertThat(RunLifecycle.restart(run(RunStatus.FAILED))).isEmpty();
        assertThat(RunLifecycle.restart(run(RunStatus.WAITING))).first().isEqualTo(new Effect.Status(RunStatus.STOPPED));
    }

    @Test
    void a_timer_within_the_longest_sleep_leaves_the_run_running_and_a_later_one_leaves_it_waiting() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(RunLifecycle.sleep(run(RunStatus.RUNNING), now, now.plusSeconds(30), Duration.ofSeconds(60))).isEmpty();
        List<Effect> waiting = RunLifecycle.sleep(run(RunStatus.RUNNING), now, now.plusSeconds(3600), Duration.ofSeconds(60));
        assertThat(waiting).first().isEqualTo(new Effect.Status(RunStatus.WAITING));
        assertThat(waiting.get(1)).isInstanceOfSatisfying(Effect.Log.class,
                l -> assertThat(l.hint()).isEqualTo(new Action.ResumeRun(7, false)));
    }

    @Test
    void another_live_process_driving_the_run_refuses_this_one_unless_forced() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        Optional<RunStore.Driver> other = Optional.of(new RunStore.Driver("host/1", now.minusSeconds(5)));
        assertThatThrownBy(() -> RunLifecycle.mayDrive(run(RunStatus.RUNNING), other, "host/2", now, Duration.ofSeconds(60), false))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.problems().get(0).hint())
                        .isEqualTo(new Action.ResumeRun(7, true)));
        RunLifecycle.mayDrive(run(RunStatus.RUNNING), other, "host/2", now, Duration.ofSeconds(60), true);
        RunLifecycle.mayDrive(run(RunStatus.RUNNING), other, "host/1", now, Duration.ofSeconds(60), false);
        RunLifecycle.mayDrive(run(RunStatus.RUNNING), Optional.of(new RunStore.Driver("host/1", now.minusSeconds(61))), "host/2", now,
                Duration.ofSeconds(60), false);
        assertThatThrownBy(() -> RunLifecycle.mayDrive(run(RunStatus.PAUSED), other, "host/2", now, Duration.ofSeconds(60), false))
                .as("paused meanwhile, but its driver is still finishing the activity under way").isInstanceOf(UserError.class);
    }

    @Test
    void a_delivery_that_cannot_send_waits_one_minute_then_twice_as_long_each_time_at_most_an_hour() {
        assertThat(List.of(1, 2, 3, 4, 6, 7, 8, 40, 0).stream().map(RunLifecycle::backoff).toList()).containsExactly(
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(32),
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), Duration.ofMinutes(1));
    }

    @Test
    void a_delivery_waiting_for_approval_suspends_the_run_and_says_how_to_approve_it() {
        List<Effect> effects = RunLifecycle.awaitingApproval(run(RunStatus.RUNNING), "mail", "delivery 3: … waiting for approval");
        assertThat(effects).containsExactly(new Effect.Status(RunStatus.SUSPENDED),
                new Effect.Log("action", "mail", "delivery 3: … waiting for approval", new Action.ApproveDelivery(7, "mail")));
        assertThat(Action.parse(Action.code(new Action.ApproveDelivery(7, "mail")))).isEqualTo(new Action.ApproveDelivery(7, "mail"));
        assertThatThrownBy(() -> RunLifecycle.awaitingApproval(run(RunStatus.PAUSED), "mail", "x")).isInstanceOf(UserError.class);
    }

    private static RunRecord run(RunStatus status) {
        Instant t = Instant.parse("2026-12-01T09:00:00Z");
        return new RunRecord(7, "c", 1, false, status, Map.of(), null, List.of(), 0, t, null, null, false);
    }
}
