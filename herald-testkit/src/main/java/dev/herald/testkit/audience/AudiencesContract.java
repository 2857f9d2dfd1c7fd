package dev.herald.testkit.audience;

import static org.assertj.core.api.Assertions.assertThat;
import dev.herald.store.schema.SchemaApplier;
import dev.herald.store.load.Importer;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.error.UserError;
import dev.herald.audience.Audience;
import dev.herald.expr.ExpressionChecker;
import dev.herald.store.audience.Audiences;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaParser;
import dev.herald.testkit.Backend;
import dev.herald.store.Store;
import dev.herald.testkit.PostgresServer;
import dev.herald.workspace.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counting, previewing, explaining and saving audiences, on each store. */
abstract class AudiencesContract {

    @TempDir
    Path dir;
    Store store;
    Schema schema;
    ExpressionChecker checker;
    Audiences audiences;

    @BeforeEach
    void open() throws IOException {
        Backend backend = getClass().getAnnotation(Backend.class);
        store = Store.open(backend.value() == Backend.Kind.DUCKDB ? StoreLocation.duckdb(dir.resolve("a.duckdb"))
                : new StoreLocation(PostgresServer.shared().newDatabase()));
        schema = SchemaParser.parse(Path.of("../examples/retail/schema.yaml"));
        new SchemaApplier(store).apply(schema, false);
        Path profiles = dir.resolve("profile.csv");
        Files.writeString(profiles, """
                id,email,first_name,country,lifetime_value,signup_at
                1,a@x.fr,Ann,FR,120.00,2026-10-01T00:00:00Z
                2,b@x.de,Bob,DE,80.00,2026-01-01T00:00:00Z
                3,c@x.fr,Cyd,FR,300.00,2025-01-01T00:00:00Z
                4,d@x.fr,Dee,FR,,2026-10-30T00:00:00Z
                """);
        new Importer(store, schema).run(ImportRequest.of("profile", profiles, ImportMode.INSERT));
        checker = new ExpressionChecker(schema);
        audiences = new Audiences(store, schema, Map.of("min", 100.0), Instant.parse("2026-11-01T00:00:00Z"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void count_and_preview_follow_the_expression_and_its_variables() {
        var french = checker.check("profile.country == \"FR\" && profile.lifetime_value > vars.min");
        assertThat(audiences.count(french)).isEqualTo(2);
        var preview = audiences.preview(french, List.of("id", "first_name"), 10);
        assertThat(preview.rows()).extracting(r -> ((Number) r.get(0)).longValue()).containsExactly(1L, 3L);
        assertThat(preview.columns()).containsExactly("id", "first_name");
        assertThat(audiences.count(checker.check("profile.signup_at > daysAgo(7)"))).isEqualTo(1);
    }

    @Test
    void preview_names_an_unknown_field_with_a_hint() {
        assertThatThrownBy(() -> audiences.preview(checker.check("profile.id > 0"), List.of("frist_name"), 5))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("fields");
                    assertThat(p.message()).startsWith("unknown field 'frist_name' on 'profile' — did you mean 'first_name'?");
                }));
    }

    @Test
    void hostile_text_reaches_the_store_only_as_a_bound_value() {
        String hostile = "FR'); DROP TABLE profile; -- \" /* 😀 */ ; \\ " + "x".repeat(10_000);
        var e = checker.check("profile.country == \"" + hostile.replace("\\", "\\\\").replace("\"", "\\\"") + "\" || profile.id == 1");
        String explained = audiences.explain(e);
        String sql = explained.substring(0, explained.indexOf("\n-- parameters"));
        assertThat(sql).doesNotContain("DROP").doesNotContain("😀").doesNotContain("xxxx").contains("?");
        assertThat(audiences.count(e)).isEqualTo(1);
        assertThat(store.count("profile")).isEqualTo(4);
    }

    @Test
    void saving_again_makes_a_new_version_and_list_shows_the_latest() {
        audiences.save("french", checker.check("profile.country == \"FR\""));
        Audience second = audiences.save("french", checker.check("profile.country == \"FR\" && has(profile.lifetime_value)"));
        audiences.save("germans", checker.check("profile.country == \"DE\""));
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.size()).isEqualTo(2);
        assertThat(audiences.list()).extracting(Audience::name, Audience::version, Audience::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("french", 2, 2L), org.assertj.core.groups.Tuple.tuple("germans", 1, 1L));
    }

    @Test
    void a_static_audience_keeps_its_population_and_is_replaced_as_a_whole() {
        Audience first = audiences.saveStatic("vip", checker.check("profile.lifetime_value > 100.0"));
        assertThat(ids(first.populationTable())).containsExactly(1L, 3L);
        store.dsl().execute("update profile set lifetime_value = 0 where id = 1");
        assertThat(ids(first.populationTable())).as("a static audience does not follow the data").containsExactly(1L, 3L);
        Audience second = audiences.saveStatic("vip", checker.check("profile.lifetime_value > 100.0"));
        assertThat(second.version()).isEqualTo(2);
        assertThat(ids(second.populationTable())).containsExactly(3L);
    }

    @Test
    void a_bad_audience_name_is_refused() {
        assertThatThrownBy(() -> audiences.save("Bad Name", checker.check("profile.id > 0")))
                .hasMessageContaining("not a valid audience name");
    }

    private List<Long> ids(String table) {
        return store.dsl().select(DSL.field(DSL.name("id"), Long.class)).from(DSL.table(DSL.name(table))).orderBy(1).fetch(0, Long.class);
    }
}
