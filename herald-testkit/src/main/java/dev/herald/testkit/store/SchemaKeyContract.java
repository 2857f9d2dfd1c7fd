package dev.herald.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import dev.herald.testkit.Backend;
import dev.herald.store.Store;
import dev.herald.store.schema.SchemaApplier;
import dev.herald.store.load.Importer;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.load.CsvOptions;
import dev.herald.load.FileFormat;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.load.ImportSummary;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaParser;
import dev.herald.schema.KeyChangeRefusedException;
import dev.herald.schema.SchemaChange;
import dev.herald.testkit.PostgresServer;
import dev.herald.workspace.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changing an entity's key in schema.yaml: applied when every record keeps a whole, unique key
 * (and the next upsert matches on the new key), refused with the count of records in the way
 * otherwise. Run on each backend by an empty subclass.
 */
abstract class SchemaKeyContract {

    private static final String SCHEMA = """
            dimension: customer
            entities:
              customer:
                key: id
                fields: { id: long, name: string }
              review:
                key: %s
                fields: { review_id: long, order_id: long, stars: int, comment: string%s }
            """;

    @TempDir
    Path dir;
    Store store;

    @BeforeEach
    void openStore() {
        Backend backend = getClass().getAnnotation(Backend.class);
        store = Store.open(backend.value() == Backend.Kind.DUCKDB ? StoreLocation.duckdb(dir.resolve("herald.duckdb"))
                : new StoreLocation(PostgresServer.shared().newDatabase()));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void a_new_key_is_applied_and_the_next_upsert_matches_on_it() throws IOException {
        Schema before = schema("review_id");
        new SchemaApplier(store).apply(before, false);
        load(before, ImportMode.INSERT, "review_id,order_id,stars\n1,10,5\n2,10,4\n");
        Schema after = schema("[review_id, order_id]");
        assertThat(new SchemaApplier(store).plan(after).changes()).extracting(SchemaChange::describe)
                .containsExactly("change the key of 'review' from (review_id) to (review_id, order_id)");

        new SchemaApplier(store).apply(after, false);

        assertThat(new SchemaApplier(store).plan(after).isEmpty()).as("up to date after the change").isTrue();
        ImportSummary upsert = load(after, ImportMode.UPSERT, "review_id,order_id,stars\n1,10,3\n1,11,2\n");
        assertThat(upsert.updated()).isEqualTo(1);
        assertThat(upsert.inserted()).isEqualTo(1);
        assertThat(rows()).containsExactly("1,10,3", "1,11,2", "2,10,4");
    }

    @Test
    void the_same_key_in_another_order_is_no_change() {
        new SchemaApplier(store).apply(schema("[review_id, order_id]"), false);
        assertThat(new SchemaApplier(store).plan(schema("[order_id, review_id]")).isEmpty()).isTrue();
    }

    @Test
    void a_key_that_records_share_is_refused_with_how_many_and_nothing_changes() throws IOException {
        Schema before = schema("[review_id, order_id]");
        new SchemaApplier(store).apply(before, false);
        load(before, ImportMode.INSERT, "review_id,order_id,stars\n1,10,5\n1,11,4\n1,12,1\n2,10,4\n3,10,2\n3,11,2\n");
        Schema after = schema("review_id");

        assertThatThrownBy(() -> new SchemaApplier(store).apply(after, true))
                .isInstanceOf(KeyChangeRefusedException.class)
                .hasMessage("""
                        refused: the key of 'review' cannot change from (review_id, order_id) to (review_id): \
                        2 keys are shared by 5 records.
                        Nothing was changed. Make each key whole and unique first (correct or delete those records), \
                        or keep the key as it is.""");

        assertThat(new SchemaApplier(store).plan(before).isEmpty()).as("the old key is still in place").isTrue();
        assertThat(load(before, ImportMode.UPSERT, "review_id,order_id,stars\n1,12,2\n").updated()).isEqualTo(1);
    }

    @Test
    void a_key_field_that_records_leave_empty_is_refused_with_how_many() throws IOException {
        Schema before = schema("review_id");
        new SchemaApplier(store).apply(before, false);
        load(before, ImportMode.INSERT, "review_id,order_id,stars\n1,10,5\n2,,4\n3,,1\n");

        assertThatThrownBy(() -> new SchemaApplier(store).apply(schema("[review_id, order_id]"), false))
                .isInstanceOf(KeyChangeRefusedException.class)
                .hasMessageContaining("the key of 'review' cannot change from (review_id) to (review_id, order_id): "
                        + "2 records have no order_id.");
        assertThatThrownBy(() -> new SchemaApplier(store).apply(schema("[review_id, shop_id]", ", shop_id: long"), false))
                .as("a new field is empty in every record")
                .hasMessageContaining("to (review_id, shop_id): 3 records have no shop_id.");
        assertThat(new SchemaApplier(store).plan(before).isEmpty()).isTrue();
    }

    @Test
    void a_field_that_leaves_the_key_may_then_be_empty() throws IOException {
        Schema before = schema("review_id");
        new SchemaApplier(store).apply(before, false);
        load(before, ImportMode.INSERT, "review_id,order_id,stars\n1,10,5\n");
        Schema after = schema("[order_id, stars]");
        new SchemaApplier(store).apply(after, false);

        ImportSummary s = load(after, ImportMode.INSERT, "review_id,order_id,stars\n,11,5\n");

        assertThat(s.inserted()).isEqualTo(1);
        assertThat(s.rejected()).isZero();
    }

    @Test
    void the_old_key_field_can_be_dropped_with_the_key_that_replaces_it() throws IOException {
        Schema before = schema("review_id");
        new SchemaApplier(store).apply(before, false);
        load(before, ImportMode.INSERT, "review_id,order_id,stars\n1,10,5\n2,11,4\n");
        Schema after = SchemaParser.parse(SCHEMA.formatted("[order_id, stars]", "").replace("review_id: long, ", ""), "schema.yaml");
        assertThat(new SchemaApplier(store).plan(after).changes()).extracting(SchemaChange::describe).containsExactly(
                "change the key of 'review' from (review_id) to (order_id, stars)", "drop field 'review.review_id' and its 2 non-null values");

        new SchemaApplier(store).apply(after, true);

        assertThat(new SchemaApplier(store).plan(after).isEmpty()).isTrue();
        assertThat(store.count("review")).isEqualTo(2);
    }

    @Test
    void an_empty_entity_takes_any_new_key() {
        new SchemaApplier(store).apply(schema("review_id"), false);
        new SchemaApplier(store).apply(schema("[review_id, shop_id]", ", shop_id: long"), false);
        assertThat(new SchemaApplier(store).plan(schema("[review_id, shop_id]", ", shop_id: long")).isEmpty()).isTrue();
    }

    private Schema schema(String key) {
        return schema(key, "");
    }

    private Schema schema(String key, String moreFields) {
        return SchemaParser.parse(SCHEMA.formatted(key, moreFields), "schema.yaml");
    }

    private ImportSummary load(Schema schema, ImportMode mode, String csv) throws IOException {
        Path file = Files.createTempFile(dir, "reviews-", ".csv");
        Files.writeString(file, csv);
        return new Importer(store, schema).run(new ImportRequest("review", file, FileFormat.of(file), mode, CsvOptions.DEFAULT, 100,
                dir.resolve(file.getFileName() + ".rejects.csv")));
    }

    private List<String> rows() {
        return store.dsl().fetch("select review_id, order_id, stars from review order by review_id, order_id")
                .map(r -> r.get(0) + "," + r.get(1) + "," + r.get(2));
    }
}
