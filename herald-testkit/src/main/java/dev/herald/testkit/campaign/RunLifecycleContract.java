package dev.herald.testkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.error.UserError;
import dev.herald.campaign.run.ActivityStatus;
import dev.herald.campaign.run.RunStatus;
import dev.herald.campaign.plan.Plan;
import dev.herald.campaign.run.ActivityRecord;
import dev.herald.campaign.run.LogLine;
import dev.herald.campaign.run.RunOptions;
import dev.herald.app.run.RunListener;
import dev.herald.error.Action;
import dev.herald.campaign.run.RunRecord;
import dev.herald.store.run.Worktables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The life of a run: error policies, pause, stop, resume, purging worktables, and variables. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunLifecycleContract {

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

    private ActivityRecord activity(RunRecord run, String id) {
        return retail.runStore().activities(run.id()).get(id);
    }

    private ActivityStatus status(RunRecord run, String id) {
        ActivityRecord a = activity(run, id);
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

    /** A campaign whose activities are {@code activities}, after the header and the error policy. */
    private static String campaign(String id, String onError, String activities) {
        return """
                id: %s
                name: lifecycle
                %s
                activities:
                %s
                """.formatted(id, onError, activities.indent(2).stripTrailing());
    }

    private static String missingFile(String id, String file) {
        return """
                - id: %s
                  type: load-file
                  file: %s
                  columns: { email: { type: string } }
                """.formatted(id, file);
    }

    private static final String FRENCH = """
            - id: fr
              type: build-audience
              expression: profile.country == "FR"
            """;

    @Test
    void suspend_a_missing_file_suspends_the_run_and_resume_after_the_fix_finishes_it() throws IOException {
        String yaml = campaign("t_suspend", "on_error: { policy: suspend }", missingFile("file", "late/contacts.csv") + """
                - id: known
                  type: reconcile
                  from: [file]
                  match: { email: target.email }
                """);
        RunRecord run = retail.run(yaml);

        assertThat(run.status()).isEqualTo(RunStatus.SUSPENDED);
        assertThat(activity(run, "file").status()).isEqualTo(ActivityStatus.FAILED);
        assertThat(activity(run, "file").error()).contains("file not found").contains("contacts.csv");
        assertThat(status(run, "known")).isNull();
        assertThat(log(run)).anyMatch(l -> l.contains("run suspended (on_error: suspend)"));

        List<?> emails = retail.store().dsl().fetch("select email from profile where id in (7, 8) order by id").getValues(0);
        Path file = retail.workspace().resolve("late/contacts.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "email\n" + emails.get(0) + "\n" + emails.get(1) + "\n", StandardCharsets.UTF_8);
        RunRecord resumed = retail.resume(yaml, run.id());

        assertThat(resumed.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(activity(run, "file").status()).isEqualTo(ActivityStatus.DONE);
        assertThat(activity(run, "file").attempts()).isEqualTo(2);
        assertThat(retail.keys(resumed, "known.out")).containsExactly(7L, 8L);
    }

    @Test
    void ignore_ends_the_failed_path_and_the_run_finishes_the_others() {
        RunRecord run = retail.run(campaign("t_ignore", "on_error: { policy: ignore }", missingFile("file", "nowhere.csv") + """
                - id: known
                  type: reconcile
                  from: [file]
                  match: { email: target.email }
                """ + FRENCH));

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(status(run, "file")).isEqualTo(ActivityStatus.FAILED);
        assertThat(retail.transition(run, "file.out").active()).isFalse();
        assertThat(status(run, "known")).isEqualTo(ActivityStatus.SKIPPED);
        assertThat(retail.keys(run, "fr.out")).isEqualTo(french);
        assertThat(log(run)).anyMatch(l -> l.contains("its path ends here (on_error: ignore)"));
    }

    @Test
    void ignore_suspends_the_run_after_max_consecutive_failures_in_a_row() {
        RunRecord run = retail.run(campaign("t_ignore_in_a_row", "on_error: { policy: ignore, max_consecutive: 2 }",
                missingFile("first", "nowhere_1.csv") + missingFile("second", "nowhere_2.csv") + FRENCH));

        assertThat(run.status()).isEqualTo(RunStatus.SUSPENDED);
        assertThat(status(run, "first")).isEqualTo(ActivityStatus.FAILED);
        assertThat(status(run, "second")).isEqualTo(ActivityStatus.FAILED);
        assertThat(status(run, "fr")).isNull();
        assertThat(log(run)).anyMatch(l -> l.startsWith("2 failures in a row (on_error: ignore, max_consecutive: 2): run suspended"));
    }

    @Test
    void ignore_counts_failures_separated_by_a_success_as_not_in_a_row() {
        RunRecord run = retail.run(campaign("t_ignore_apart", "on_error: { policy: ignore, max_consecutive: 2 }",
                missingFile("first", "nowhere_1.csv") + FRENCH + missingFile("second", "nowhere_2.csv")));

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(status(run, "first")).isEqualTo(ActivityStatus.FAILED);
        assertThat(status(run, "second")).isEqualTo(ActivityStatus.FAILED);
        assertThat(retail.keys(run, "fr.out")).isEqualTo(french);
    }

    @Test
    void abort_fails_the_run_at_the_first_error_and_it_cannot_be_resumed() {
        String yaml = campaign("t_abort", "on_error: { policy: abort }", missingFile("file", "nowhere.csv") + FRENCH);
        RunRecord run = retail.run(yaml);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.endedAt()).isNotNull();
        assertThat(status(run, "file")).isEqualTo(ActivityStatus.FAILED);
        assertThat(status(run, "fr")).isNull();
        assertThatThrownBy(() -> retail.resume(yaml, run.id()))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.CONFLICT))
                .hasMessageContaining("is failed; start a new run instead");
    }

    private static final String WAITING = """
            - id: fr
              type: build-audience
              expression: profile.country == "FR"
            - id: pause
              type: wait
              from: [fr]
              duration: 1s
            - id: next
              type: split
              from: [pause]
              subsets: [{ name: all, filter: "true" }]
            """;

    @Test
    void a_waiting_run_is_resumed_by_the_due_timers_once_its_timer_is_due_and_not_before() throws InterruptedException {
        String yaml = campaign("t_due", "", WAITING);
        RunRecord run = retail.run(yaml, live(Duration.ZERO));
        assertThat(run.status()).isEqualTo(RunStatus.WAITING);

        assertThat(retail.runs().resumeDue(Duration.ZERO, RunListener.QUIET)).extracting(RunRecord::id).doesNotContain(run.id());
        assertThat(current(run).status()).isEqualTo(RunStatus.WAITING);

        Thread.sleep(1_200);
        List<RunRecord> resumed = retail.runs().resumeDue(Duration.ZERO, RunListener.QUIET);

        assertThat(resumed).extracting(RunRecord::id).contains(run.id());
        assertThat(current(run).status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.keys(current(run), "next.all")).isEqualTo(retail.keys("select id from profile where country = 'FR'"));
    }

    @Test
    void stop_ends_a_waiting_run_for_good() {
        String yaml = campaign("t_stop", "", WAITING);
        RunRecord run = retail.run(yaml, live(Duration.ZERO));
        assertThat(run.status()).isEqualTo(RunStatus.WAITING);

        retail.runs().stop(run.id());

        assertThat(current(run).status()).isEqualTo(RunStatus.STOPPED);
        assertThat(current(run).endedAt()).isNotNull();
        assertThat(log(run)).contains("stopped by a user");
        assertThatThrownBy(() -> retail.resume(yaml, run.id()))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.CONFLICT))
                .hasMessageContaining("is stopped; start a new run instead");
        assertThatThrownBy(() -> retail.runs().stop(run.id())).hasMessageContaining("already");
        assertThat(status(run, "next")).isNull();
    }

    @Test
    void restart_stops_a_run_not_yet_ended_and_starts_a_new_one_of_the_same_version_mode_and_variables() {
        String yaml = campaign("t_restart", "", WAITING);
        RunRecord first = retail.run(yaml, live(Duration.ZERO).asTest().withBreakpoints(List.of("next")));
        assertThat(first.status()).isEqualTo(RunStatus.PAUSED);

        RunRecord second = retail.runs().restart(first.id(), Duration.ofSeconds(5), dev.herald.app.run.RunListener.QUIET);

        assertThat(current(first).status()).isEqualTo(RunStatus.STOPPED);
        assertThat(log(first)).contains("stopped by a restart");
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(second.test()).isTrue();
        assertThat(second.version()).isEqualTo(first.version());
        assertThat(second.fixedNow()).isEqualTo(first.fixedNow());
        assertThat(log(second).get(0)).contains("(restart of run " + first.id() + ")");
        assertThat(retail.keys(second, "next.all")).isEqualTo(french);
    }

    @Test
    void a_paused_run_starts_nothing_until_resumed() throws InterruptedException {
        String yaml = campaign("t_pause", "", WAITING);
        RunRecord run = retail.run(yaml, live(Duration.ZERO));

        retail.runs().pause(run.id());
        assertThat(current(run).status()).isEqualTo(RunStatus.PAUSED);
        Thread.sleep(1_200);
        assertThat(status(run, "next")).isNull();

        RunRecord resumed = retail.resume(yaml, run.id());

        assertThat(resumed.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.keys(resumed, "next.all")).isEqualTo(french);
    }

    private Worktables worktables() {
        return new Worktables(retail.store(), retail.runStore());
    }

    @Test
    void a_run_sleeping_on_its_timer_pauses_as_soon_as_it_is_asked_to() {
        String yaml = campaign("t_pause_sleeping", "", WAITING.replace("duration: 1s", "duration: 5m"));
        RunListener listener = new RunListener() {
            @Override
            public void logged(long runId, String level, String activity, String message, Action hint) {
                if ("pause".equals(activity) && message.startsWith("waits")) {
                    Thread.ofVirtual().start(() -> { // as Ctrl-C does, once the run sleeps
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        retail.runs().requestPause();
                    });
                }
            }
        };
        long started = System.nanoTime();

        RunRecord run = retail.runs().start(yaml, "pause.yaml", live(Duration.ofMinutes(10)), listener);

        assertThat(run.status()).isEqualTo(RunStatus.PAUSED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
        assertThat(status(run, "pause")).isEqualTo(ActivityStatus.WAITING);
        assertThat(log(run)).contains("paused (interrupted by the user)");
    }

    @Test
    void a_run_paused_in_the_middle_of_a_delivery_sends_each_message_once_when_resumed() {
        String yaml = campaign("t_pause_sending", "", """
                - id: some
                  type: build-audience
                  expression: profile.email_consent && profile.id >= 1100 && profile.id < 1160
                - id: mail
                  type: email
                  from: [some]
                  subject: "Hello"
                  body: "Hello {{ profile.first_name }}"
                  rate: 20
                """);
        // the pause it asks for reaches the runs driven at that moment: this one alone
        java.util.concurrent.atomic.AtomicBoolean asked = new java.util.concurrent.atomic.AtomicBoolean();
        RunListener listener = new RunListener() {
            @Override
            public void logged(long runId, String level, String activity, String message, Action hint) {
                if ("mail".equals(activity) && message.startsWith("started") && !asked.getAndSet(true)) {
                    Thread.ofVirtual().start(() -> {
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        retail.runs().requestPause();
                    });
                }
            }
        };
        RunRecord run = retail.runs().start(yaml, "pause.yaml", live(Duration.ZERO), listener);

        assertThat(run.status()).isEqualTo(RunStatus.PAUSED);
        long delivery = retail.deliveries().find(run.id(), "mail").orElseThrow();
        Map<String, Long> midway = retail.deliveries().summary(delivery).messages();
        assertThat(midway.get("sent")).isPositive();
        assertThat(midway.get("pending")).isPositive();

        RunRecord resumed = retail.runs().resume(run.id(), Duration.ZERO, false, RunListener.QUIET);

        assertThat(resumed.status()).isEqualTo(RunStatus.FINISHED);
        Map<String, Long> end = retail.deliveries().summary(delivery).messages();
        assertThat(end).doesNotContainKey("pending");
        assertThat(end.get("sent")).isEqualTo(midway.get("sent") + midway.get("pending"));
        assertThat(retail.count("select count(*) from herald_outbox where delivery_id = ?", delivery)).isEqualTo(end.get("sent"));
        assertThat(retail.count("select count(distinct message_id) from herald_outbox where delivery_id = ?", delivery))
                .isEqualTo(end.get("sent"));
        assertThat(retail.keys(resumed, "mail.out")).isEqualTo(retail.keys(
                "select recipient_id from herald_message where delivery_id = ? and status = 'sent'", delivery));
    }

    @Test
    void purge_drops_the_worktables_of_runs_that_ended_before_the_given_moment_only() {
        RunRecord finished = retail.test(campaign("t_purge", "", FRENCH + """
                - id: mail
                  type: email
                  from: [fr]
                  subject: Bonjour
                  body: Bonjour {{ profile.first_name }}
                """));
        RunRecord waiting = retail.run(campaign("t_purge_waiting", "", WAITING), live(Duration.ZERO));
        assertThat(worktables().tablesOf(finished.id())).isNotEmpty();
        assertThat(worktables().viewsOf(finished.id())).as("the email's recipients").hasSize(1);
        assertThat(worktables().tablesOf(waiting.id())).isNotEmpty();

        worktables().purge(finished.endedAt());
        assertThat(worktables().tablesOf(finished.id())).isNotEmpty();
        assertThat(current(finished).purgedAt()).isNull();

        int purged = worktables().purge(finished.endedAt().plusMillis(1));

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(worktables().tablesOf(finished.id())).isEmpty();
        assertThat(worktables().viewsOf(finished.id())).isEmpty();
        assertThat(retail.count("select count(*) from information_schema.tables where table_name = ?",
                retail.transition(finished, "fr.out").worktable())).isZero();
        assertThat(current(finished).purgedAt()).isNotNull();
        assertThat(log(finished)).contains("worktables purged");
        assertThat(worktables().tablesOf(waiting.id())).isNotEmpty();
        assertThat(current(waiting).purgedAt()).isNull();
    }

    private static final String BY_COUNTRY = """
            id: t_variables
            name: variables
            variables:
              country: FR
              min_value: 0
            activities:
              - id: who
                type: build-audience
                expression: profile.country == vars.country && profile.lifetime_value >= double(vars.min_value)
            """;

    @Test
    void variables_take_their_defaults_unless_the_run_sets_them() {
        RunRecord defaults = retail.test(BY_COUNTRY);
        RunRecord german = retail.run(BY_COUNTRY, live(Duration.ZERO).asTest().withVariables(Map.of("country", "DE", "min_value", 500)));

        assertThat(defaults.variables()).containsEntry("country", "FR");
        assertThat(retail.keys(defaults, "who.out")).isEqualTo(retail.keys(
                "select id from profile where country = 'FR' and lifetime_value >= 0"));
        assertThat(german.variables()).containsEntry("country", "DE").containsEntry("min_value", 500);
        assertThat(retail.keys(german, "who.out")).isNotEmpty().isEqualTo(retail.keys(
                "select id from profile where country = 'DE' and lifetime_value >= 500"));
    }

    @Test
    void an_unknown_variable_is_refused_with_the_names_it_could_mean_and_no_run_starts() {
        int runs = retail.runStore().list(1_000).size();

        assertThatThrownBy(() -> retail.run(BY_COUNTRY, live(Duration.ZERO).asTest().withVariables(Map.of("contry", "DE"))))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("variables.contry");
                    assertThat(p.message()).startsWith("the campaign has no variable 'contry'").contains("did you mean 'country'")
                            .contains("variables: country, min_value");
                }));
        assertThat(retail.runStore().list(1_000)).hasSize(runs);
    }

    @Test
    void a_variable_given_text_where_its_default_is_a_number_is_refused_and_no_run_starts() {
        int runs = retail.runStore().list(1_000).size();

        assertThatThrownBy(() -> retail.run(BY_COUNTRY, live(Duration.ZERO).asTest().withVariables(Map.of("min_value", "lots"))))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("variables.min_value");
                    assertThat(p.message()).isEqualTo("lots: the variable holds a number (its default is 0)");
                }));
        assertThat(retail.runStore().list(1_000)).hasSize(runs);
    }

    @Test
    void a_number_given_where_the_default_is_text_becomes_text() {
        RunRecord numbered = retail.run(BY_COUNTRY, live(Duration.ZERO).asTest().withVariables(Map.of("country", 44)));

        assertThat(numbered.variables()).containsEntry("country", "44");
        assertThat(numbered.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(retail.keys(numbered, "who.out")).isEmpty();
    }
}
