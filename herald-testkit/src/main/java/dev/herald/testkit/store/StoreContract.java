package dev.herald.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import dev.herald.store.load.Exporter;
import dev.herald.store.schema.SchemaApplier;
import dev.herald.store.load.Importer;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.error.Action;
import dev.herald.error.UserError;
import dev.herald.load.CsvOptions;
import dev.herald.store.Migrations;
import dev.herald.store.Store;
import dev.herald.store.StoreException;
import dev.herald.store.ValueCases;
import dev.herald.store.schema.Orphans;
import dev.herald.testkit.Backend;
import dev.herald.load.ImportException;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.load.ImportSummary;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaParser;
import dev.herald.schema.DestructiveChangeException;
import dev.herald.schema.SchemaChange;
import dev.herald.testkit.PostgresServer;
import dev.herald.workspace.StoreLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every store must do, run on each backend by an empty subclass: apply a schema, import in
 * every mode with the same rejects, roll back past the error limit, export and read back.
 */
abstract class StoreContract {

    @TempDir
    Path dir;
    Store store;
    Schema schema;

    @BeforeEach
    void openStore() throws IOException {
        Backend backend = getClass().getAnnotation(Backend.class);
        StoreLocation location = backend.value() == Backend.Kind.DUCKDB
                ? StoreLocation.duckdb(dir.resolve("herald.duckdb"))
                : new StoreLocation(PostgresServer.shared().newDatabase());
        store = Store.open(location, java.time.Clock.systemUTC(), dir.resolve("scratch"));
        schema = SchemaParser.parse(resource("schema.yaml"), "schema.yaml");
        new SchemaApplier(store).apply(schema, false);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ---- system tables ----

    @Test
    void a_store_whose_system_tables_another_herald_made_is_refused_with_a_clear_message_when_they_are_checked() {
        store.dsl().execute("UPDATE herald_schema_history SET checksum = checksum + 1 WHERE version = '3'");
        StoreLocation location = store.location();
        store.close();
        store = Store.open(location); // its history ends at the latest version: opened without Flyway

        assertThatThrownBy(() -> store.checkSystemTables())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("were made by another version of Herald (Migration checksum mismatch for migration version 3)")
                .hasMessageContaining("open it with that version, or start from a new store");
    }

    @Test
    void a_store_is_current_only_when_its_history_holds_every_migration_and_no_failure() {
        assertThat(store.withConnection(Migrations::isCurrent)).isTrue();
        store.dsl().execute("UPDATE herald_schema_history SET success = false WHERE version = '2'");
        assertThat(store.withConnection(Migrations::isCurrent)).isFalse();
        store.dsl().execute("UPDATE herald_schema_history SET success = true WHERE version = '2'");
        store.dsl().execute("DELETE FROM herald_schema_history WHERE version = '" + Migrations.LATEST + "'");
        assertThat(store.withConnection(Migrations::isCurrent)).isFalse();
    }

    // ---- schema ----

    @Test
    void applying_the_same_schema_twice_changes_nothing() {
        assertThat(new SchemaApplier(store).plan(schema).isEmpty()).isTrue();
        assertThat(new SchemaApplier(store).apply(schema, false).changes()).isEmpty();
    }

    @Test
    void a_new_field_and_a_new_entity_are_added_and_existing_rows_stay() throws IOException {
        importCustomers(ImportMode.INSERT);
        Schema bigger = SchemaParser.parse(resource("schema.yaml")
                .replace("      prefs: json\n", "      prefs: json\n      nickname: string\n")
                + "  coupon:\n    key: code\n    fields:\n      code: string\n      value: int\n", "schema.yaml");
        var plan = new SchemaApplier(store).apply(bigger, false);
        assertThat(plan.changes()).extracting(SchemaChange::describe)
                .contains("add field 'customer.nickname' string", "create entity 'coupon' (2 fields)");
        assertThat(store.count("customer")).isEqualTo(4);
        assertThat(store.count("coupon")).isZero();
    }

    @Test
    void dropping_a_field_is_refused_with_what_would_be_lost_until_allowed() throws IOException {
        importCustomers(ImportMode.INSERT);
        Schema smaller = SchemaParser.parse(resource("schema.yaml").replace("      age: int\n", ""), "schema.yaml");
        assertThatThrownBy(() -> new SchemaApplier(store).apply(smaller, false))
                .isInstanceOfSatisfying(DestructiveChangeException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.hint()).isEqualTo(new Action.ApplySchema(true))))
                .hasMessageContaining("drop field 'customer.age' and its 4 non-null values");
        assertThat(columns("customer")).contains("age");
        new SchemaApplier(store).apply(smaller, true);
        assertThat(columns("customer")).doesNotContain("age");
    }

    @Test
    void changing_a_type_is_refused_until_allowed() {
        Schema changed = SchemaParser.parse(resource("schema.yaml").replace("      age: int\n", "      age: long\n"), "schema.yaml");
        assertThatThrownBy(() -> new SchemaApplier(store).apply(changed, false))
                .hasMessageContaining("change 'customer.age' from int to long");
        new SchemaApplier(store).apply(changed, true);
        assertThat(new SchemaApplier(store).plan(changed).isEmpty()).isTrue();
    }

    @Test
    void dropping_an_entity_says_how_many_rows_would_be_lost() throws IOException {
        importCustomers(ImportMode.INSERT);
        String text = resource("schema.yaml");
        Schema without = SchemaParser.parse(text.substring(0, text.indexOf("  order_line:"))
                .replace("    links:\n      orders: { to: order_line, inverse: customer }\n", ""), "schema.yaml");
        assertThatThrownBy(() -> new SchemaApplier(store).apply(without, false)).hasMessageContaining("drop entity 'order_line' and its 0 rows");
    }

    // ---- import ----

    @Test
    void insert_loads_the_good_rows_and_rejects_each_bad_one_with_its_line_column_and_reason() throws IOException {
        ImportSummary s = importCustomers(ImportMode.INSERT);
        assertThat(s.read()).isEqualTo(12);
        assertThat(s.inserted()).isEqualTo(4);
        assertThat(s.rejected()).isEqualTo(8);
        assertThat(s.rolledBack()).isFalse();
        assertThat(Files.readString(s.rejectsFile())).isEqualTo(resource("customers.rejects.expected.csv"));
        assertThat(ids("customer")).containsExactly(1L, 2L, 7L, 8L);
    }

    @Test
    void values_keep_their_types_exactly() throws IOException {
        importCustomers(ImportMode.INSERT);
        Record r = store.dsl().fetchOne("select email, age, score, balance, vip, birth_date, seen_at, prefs from customer where id = 2");
        assertThat(r.get(0, String.class)).isEqualTo("bob, jr@example.com");
        assertThat(r.get(1, Integer.class)).isEqualTo(41);
        assertThat(r.get(2, Double.class)).isEqualTo(1.25);
        assertThat(r.get(3, java.math.BigDecimal.class)).isEqualByComparingTo("-3.00");
        assertThat(r.get(4, Boolean.class)).isFalse();
        assertThat(r.get(5, java.time.LocalDate.class)).isEqualTo(java.time.LocalDate.of(1985, 12, 1));
        assertThat(r.get(6, java.time.OffsetDateTime.class).toInstant()).isEqualTo(java.time.Instant.parse("2026-01-02T06:30:00Z"));
        assertThat(value("select email from customer where id = 7", String.class)).isEqualTo("hal\nmulti@example.com");
        assertThat(value("select prefs from customer where id = 1", String.class).replace(" ", ""))
                .isEqualTo("{\"lang\":\"fr\"}");
    }

    @Test
    void insert_rejects_keys_that_already_exist_and_upsert_updates_them() throws IOException {
        importCustomers(ImportMode.INSERT);
        Path again = write("again.csv", "id,email,age\n1,ann@new.example,35\n11,new@example.com,20\n");
        ImportSummary insert = new Importer(store, schema).run(request(again, ImportMode.INSERT));
        assertThat(insert.inserted()).isEqualTo(1);
        assertThat(insert.firstRejects()).extracting(Object::toString)
                .containsExactly("line 2, column id: key already exists in 'customer' (import with --mode upsert to update it)");
        ImportSummary upsert = new Importer(store, schema).run(request(again, ImportMode.UPSERT));
        assertThat(upsert.updated()).isEqualTo(2);
        assertThat(upsert.inserted()).isZero();
        assertThat(value("select email from customer where id = 1", String.class)).isEqualTo("ann@new.example");
        assertThat(value("select score from customer where id = 1", Double.class))
                .as("columns absent from the file are left alone").isEqualTo(0.5);
    }

    @Test
    void upsert_keeps_the_last_row_of_a_key_within_a_file() throws IOException {
        Path file = write("dups.csv", "id,email\n1,first@x\n2,b@x\n1,second@x\n1,third@x\n");
        ImportSummary s = new Importer(store, schema).run(request(file, ImportMode.UPSERT));
        assertThat(s.inserted()).isEqualTo(2);
        assertThat(s.rejected()).isZero();
        assertThat(value("select email from customer where id = 1", String.class)).isEqualTo("third@x");
    }

    @Test
    void delete_removes_the_listed_keys_only() throws IOException {
        importCustomers(ImportMode.INSERT);
        Path file = write("gone.csv", "id\n1\n8\n999\n");
        ImportSummary s = new Importer(store, schema).run(request(file, ImportMode.DELETE));
        assertThat(s.deleted()).isEqualTo(2);
        assertThat(ids("customer")).containsExactly(2L, 7L);
    }

    @Test
    void a_change_column_upserts_and_deletes_row_by_row() throws IOException {
        importCustomers(ImportMode.INSERT);
        Path file = write("changes.csv", "id,email,_change\n1,,d\n2,bob@new,u\n12,new@x,\n7,,D\n13,z@x,x\n");
        ImportSummary s = new Importer(store, schema).run(request(file, ImportMode.UPSERT));
        assertThat(s.deleted()).isEqualTo(2);
        assertThat(s.updated()).isEqualTo(1);
        assertThat(s.inserted()).isEqualTo(1);
        assertThat(s.firstRejects()).extracting(Object::toString)
                .containsExactly("line 6, column _change: _change must be 'u' (upsert) or 'd' (delete)");
        assertThat(ids("customer")).containsExactly(2L, 8L, 12L);
    }

    @Test
    void composite_keys_are_loaded_and_upserted() throws IOException {
        Path file = write("lines.csv", "order_id,line_no,customer_id,amount\n1,1,1,10.00\n1,2,1,5.50\n2,1,2,1.00\n1,2,1,6.50\n");
        ImportSummary insert = new Importer(store, schema).run(request(file, ImportMode.INSERT).withRejectsFile(dir.resolve("r.csv")));
        assertThat(insert.inserted()).isEqualTo(3);
        assertThat(insert.rejected()).isEqualTo(1);
        assertThat(Files.readAllLines(dir.resolve("r.csv"))).containsExactly("line,column,reason,key",
                "5,order_id,duplicate key: an earlier line of the file has the same key,\"order_id=1, line_no=2\"");
        ImportSummary upsert = new Importer(store, schema).run(request(file, ImportMode.UPSERT));
        assertThat(upsert.updated()).isEqualTo(3);
        assertThat(value("select amount from order_line where order_id = 1 and line_no = 2", java.math.BigDecimal.class)).isEqualByComparingTo("6.50");
    }

    @Test
    void past_the_error_limit_the_import_is_rolled_back_and_nothing_changes() throws IOException {
        Path file = resourceFile("customers.csv");
        ImportSummary s = new Importer(store, schema).run(request(file, ImportMode.INSERT).withMaxErrors(7));
        assertThat(s.rolledBack()).isTrue();
        assertThat(s.rejected()).isEqualTo(8);
        assertThat(Files.readString(s.rejectsFile())).isEqualTo(resource("customers.rejects.expected.csv"));
        assertThat(store.count("customer")).isZero();
    }

    @Test
    void an_import_rolled_back_past_the_error_limit_is_logged_too() throws IOException {
        Path file = resourceFile("customers.csv");
        new Importer(store, schema).run(request(file, ImportMode.INSERT).withMaxErrors(7));

        Record log = store.dsl().fetchOne("select entity, mode, rows_read, inserted, rejected, rolled_back from herald_import");
        assertThat(log.intoList()).extracting(Object::toString).containsExactly("customer", "insert", "12", "0", "8", "true");
    }

    @Test
    void a_gzip_file_with_a_byte_order_mark_and_european_formats_loads() throws IOException {
        Path file = dir.resolve("eu.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            out.write("id;balance;birth_date\n1;12,50;31/01/1990\n2;abc;01/02/2000\n".getBytes(StandardCharsets.UTF_8));
        }
        CsvOptions eu = new CsvOptions(';', '"', '"', "%d/%m/%Y", null, ',');
        ImportSummary s = new Importer(store, schema).run(request(file, ImportMode.INSERT).withCsv(eu));
        assertThat(s.inserted()).isEqualTo(1);
        assertThat(s.firstRejects()).extracting(Object::toString).containsExactly("line 3, column balance: not a valid decimal(10,2): \"abc\"");
        assertThat(value("select balance from customer where id = 1", java.math.BigDecimal.class))
                .isEqualByComparingTo("12.50");
        assertThat(value("select birth_date from customer where id = 1", java.time.LocalDate.class))
                .isEqualTo(java.time.LocalDate.of(1990, 1, 31));
    }

    @Test
    void with_a_decimal_comma_a_decimal_point_is_rejected_not_read() throws IOException {
        // every value of each column looks like a plain number with a point: none may be read as one
        Path file = write("comma.csv", "id;balance;score\n1;12.50;2.5\n2;3;1\n");
        CsvOptions eu = new CsvOptions(';', '"', '"', null, null, ',');

        ImportSummary s = new Importer(store, schema).run(request(file, ImportMode.INSERT).withCsv(eu));

        assertThat(s.firstRejects()).extracting(Object::toString).containsExactly(
                "line 2, column balance: not a valid decimal(10,2): \"12.50\"");
        assertThat(ids("customer")).containsExactly(2L);
    }

    @Test
    void ndjson_loads_and_a_line_that_is_not_json_is_rejected_with_its_number() throws IOException {
        Path file = write("c.ndjson", "{\"id\": 1, \"email\": \"a@x\", \"prefs\": {\"a\": [1, 2]}, \"vip\": true}\n"
                + "not json\n{\"id\": 2, \"age\": \"old\"}\n{\"id\": 3, \"balance\": 2.5}\n"
                + "{\"id\": 4, \"email\": 1.10, \"balance\": 12345678.90, \"score\": 0.1}\n{\"id\": 5, \"email\": 123456789012345678901.5}\n");
        ImportSummary s = new Importer(store, schema).run(request(file, ImportMode.INSERT));
        assertThat(s.inserted()).isEqualTo(4);
        assertThat(s.firstRejects()).extracting(Object::toString).containsExactly(
                "line 2: not a JSON object", "line 3, column age: not a valid int: \"old\"");
        assertThat(ids("customer")).containsExactly(1L, 3L, 4L, 5L);
        // numbers as written: a text field keeps 1.10 and all 22 digits; a decimal keeps its cents
        assertThat(value("select email from customer where id = 4", String.class)).isEqualTo("1.10");
        assertThat(value("select email from customer where id = 5", String.class)).isEqualTo("123456789012345678901.5");
        assertThat(value("select balance from customer where id = 4", java.math.BigDecimal.class)).isEqualByComparingTo("12345678.90");
        assertThat(value("select score from customer where id = 4", Double.class)).isEqualTo(0.1);

        // an upsert sets every field the file names: a record that leaves one out is rejected, not emptied
        Path upsert = write("u.ndjson", "{\"id\": 4, \"email\": \"new@x\", \"score\": 2.5}\n{\"id\": 1, \"score\": 9}\n"
                + "{\"id\": 5, \"email\": null, \"score\": 1}\n");
        ImportSummary u = new Importer(store, schema).run(request(upsert, ImportMode.UPSERT));
        assertThat(u.updated()).isEqualTo(2);
        assertThat(u.firstRejects()).extracting(Object::toString).containsExactly("line 2: it does not name email, which other records "
                + "name: an upsert sets every field of the file, so it would empty them; give them (null empties one on purpose)");
        assertThat(value("select email from customer where id = 1", String.class)).isEqualTo("a@x");
        assertThat(value("select email from customer where id = 5", String.class)).as("null on purpose").isNull();
        assertScratchUsedAndEmpty();
    }

    /** The temporary CSV of a conversion was made in the store's scratch folder (not the system's), and deleted after. */
    private void assertScratchUsedAndEmpty() throws IOException {
        assertThat(dir.resolve("scratch")).isDirectory();
        try (var left = Files.list(dir.resolve("scratch"))) {
            assertThat(left.toList()).as("temporary files left").isEmpty();
        }
    }

    @Test
    void export_to_csv_and_parquet_reads_back_identically() throws IOException {
        importCustomers(ImportMode.INSERT);
        for (String name : List.of("out.csv", "out.csv.gz", "out.parquet")) {
            Path out = dir.resolve(name);
            assertThat(new Exporter(store).export(schema.entity("customer").orElseThrow(), out)).isEqualTo(4);
            Result<Record> before = store.dsl().fetch("select * from customer order by id");
            new Importer(store, schema).run(request(dir.resolve("gone-" + name + ".csv"), ImportMode.DELETE, "id\n1\n2\n7\n8\n"));
            ImportSummary back = new Importer(store, schema).run(request(out, ImportMode.INSERT));
            assertThat(back.inserted()).as(name).isEqualTo(4);
            assertThat(back.rejected()).as(name).isZero();
            assertThat(store.dsl().fetch("select * from customer order by id")).as(name).isEqualTo(before);
        }
        assertScratchUsedAndEmpty(); // Parquet in: its CSV form; on PostgreSQL, Parquet out: the COPY's CSV
    }

    @Test
    void a_mirror_keeps_an_email_body_exactly_and_the_first_one_kept_stays() {
        String body = "<html><body><p>Hé ☃ 😀 \"quoted\" &amp;</p>" + "<a href=\"https://shop.example/x\">x</a>".repeat(5_000) + "</body></html>";
        dev.herald.store.delivery.Mirrors.keep(store.dsl(), java.util.Map.of(7L, body, 8L, ""));
        dev.herald.store.delivery.Mirrors.keep(store.dsl(), java.util.Map.of(7L, "another"));
        assertThat(dev.herald.store.delivery.Mirrors.read(store.dsl(), 7)).hasValue(body);
        assertThat(dev.herald.store.delivery.Mirrors.read(store.dsl(), 8)).hasValue("");
        assertThat(dev.herald.store.delivery.Mirrors.read(store.dsl(), 9)).isEmpty();
        assertThat(value("select octet_length(body) from herald_mirror where message_id = 7", Long.class)).as("compressed")
                .isLessThan(body.length() / 10L);
    }

    @Test
    void an_unknown_entity_is_a_one_line_error_with_a_hint() {
        assertThatThrownBy(() -> new Importer(store, schema).run(ImportRequest.of("custmer", resourceFile("customers.csv"), ImportMode.INSERT)))
                .isInstanceOf(ImportException.class)
                .hasMessage("unknown entity 'custmer' — did you mean 'customer'? (entities: customer, order_line)");
    }

    @Test
    void a_missing_file_is_a_one_line_error() {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> new Importer(store, schema).run(ImportRequest.of("customer", missing, ImportMode.INSERT)))
                .isInstanceOf(ImportException.class)
                .hasMessage("file not found: " + missing + " — check the path (relative paths start in the current directory)");
    }

    @Test
    void a_header_column_that_is_not_a_field_changes_nothing() throws IOException {
        Path file = write("bad-header.csv", "id,emial\n1,a@x\n");
        assertThatThrownBy(() -> new Importer(store, schema).run(request(file, ImportMode.INSERT)))
                .isInstanceOf(ImportException.class)
                .hasMessage(file + ": column 'emial' is not a field of 'customer' — did you mean 'email'? "
                        + "(fields: id, email, age, score, balance, vip, birth_date, seen_at, prefs, visits); map it to a field "
                        + "(--map emial=FIELD) or skip the columns that are no field (--ignore-extra-columns)");
        assertThat(store.count("customer")).isZero();
    }

    @Test
    void a_file_without_the_key_column_changes_nothing() throws IOException {
        Path file = write("no-key.csv", "email,age\na@x,3\n");
        assertThatThrownBy(() -> new Importer(store, schema).run(request(file, ImportMode.INSERT)))
                .hasMessage(file + ": the header has no column 'id', the key of 'customer'; the first line must name the columns (found: email, age)");
    }

    @Test
    void every_import_is_logged() throws IOException {
        importCustomers(ImportMode.INSERT);
        Record log = store.dsl().fetchOne("select entity, mode, rows_read, inserted, rejected, rolled_back from herald_import");
        assertThat(log.intoList()).extracting(Object::toString).containsExactly("customer", "insert", "12", "4", "8", "false");
    }

    @Test
    void rejects_give_the_physical_line_and_the_key_even_after_a_value_on_several_lines() throws IOException {
        Path file = write("multi.csv", "id,email,age\n1,\"a\nb\nc@x\",3\n2,b@x,x\n1,d@x,5\n");

        new Importer(store, schema).run(request(file, ImportMode.INSERT));

        assertThat(Files.readAllLines(dir.resolve("multi.csv.rejects.csv"))).containsExactly("line,column,reason,key",
                "5,age,\"not a valid int: \"\"x\"\"\",2",
                "6,id,duplicate key: an earlier line of the file has the same key,1");
    }

    // ---- files that are not plain CSV ----

    @Test
    void a_quote_never_closed_rejects_its_line_and_the_lines_after_it_load() throws IOException {
        Path file = write("unclosed.csv", "id,email\n1,a@x\n2,b@x\n3,\"c@x\n4,d@x\n5,e@x\n6,f@x\n");

        ImportSummary s = new Importer(store, schema).run(request(file, ImportMode.INSERT));

        assertThat(s.read()).isEqualTo(6);
        assertThat(s.inserted()).isEqualTo(5);
        assertThat(s.firstRejects()).extracting(Object::toString)
                .containsExactly("line 4, column email: " + dev.herald.load.CsvRecordReader.UNCLOSED_QUOTE);
        assertThat(ids("customer")).containsExactly(1L, 2L, 4L, 5L, 6L);
    }

    @Test
    void a_value_that_is_not_utf8_rejects_its_row_and_the_rest_loads() throws IOException {
        Path file = dir.resolve("latin1.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("id,email,age\n1,a@x,3\n2,".getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {'b', (byte) 0xE9, '@', 'x'});
            out.write(",4\n3,c\u00e9@x,5\n".getBytes(StandardCharsets.UTF_8));
        }

        ImportSummary s = new Importer(store, schema).run(request(file, ImportMode.INSERT));

        assertThat(s.inserted()).isEqualTo(2);
        assertThat(s.firstRejects()).extracting(Object::toString).containsExactly("line 3, column email: not valid UTF-8");
        assertThat(value("select email from customer where id = 3", String.class)).isEqualTo("c\u00e9@x");
    }

    @Test
    void mixed_line_endings_are_read_like_any_csv_reader_reads_them() throws IOException {
        Path file = write("mixed.csv", "id,email\r\n1,a@x\r\n2,b@x\n3,c@x\r\n4,,x\n5,e@x");

        ImportSummary s = new Importer(store, schema).run(request(file, ImportMode.INSERT));

        assertThat(s.inserted()).isEqualTo(4);
        assertThat(s.firstRejects()).extracting(Object::toString).containsExactly("line 5: expected 2 columns, found 3");
        assertThat(ids("customer")).containsExactly(1L, 2L, 3L, 5L);
    }

    @Test
    void blank_lines_are_skipped_and_do_not_shift_the_line_numbers() throws IOException {
        Path file = write("blank.csv", "id,age\n1,3\n\n2,x\n\n3,4\n");

        ImportSummary s = new Importer(store, schema).run(request(file, ImportMode.INSERT));

        assertThat(s.firstRejects()).extracting(Object::toString).containsExactly("line 4, column age: not a valid int: \"x\"");
        assertThat(ids("customer")).containsExactly(1L, 3L);
    }

    // ---- columns named otherwise than fields ----

    @Test
    void a_header_that_differs_from_the_field_names_is_mapped_and_rejects_name_the_files_columns() throws IOException {
        Path file = write("mapped.csv", "customer_id,e_mail,age\n1,a@x,3\n2,b@x,4\nx,c@x,5\n1,d@x,6\n");

        ImportSummary s = new Importer(store, schema).run(request(file, ImportMode.INSERT)
                .withColumns(java.util.Map.of("customer_id", "id", "e_mail", "email"), false));

        assertThat(s.inserted()).isEqualTo(2);
        assertThat(s.firstRejects()).extracting(Object::toString).containsExactly(
                "line 4, column customer_id: not a valid long: \"x\"",
                "line 5, column customer_id: duplicate key: an earlier line of the file has the same key");
        assertThat(value("select email from customer where id = 2", String.class)).isEqualTo("b@x");
    }

    @Test
    void extra_columns_are_skipped_when_asked_and_refuse_the_file_otherwise() throws IOException {
        Path file = write("extra.csv", "id,email,shoe_size,age\n1,a@x,42,3\n2,b@x,,x\n");

        assertThatThrownBy(() -> new Importer(store, schema).run(request(file, ImportMode.INSERT)))
                .isInstanceOf(ImportException.class).hasMessageContaining("column 'shoe_size' is not a field of 'customer'");
        ImportSummary s = new Importer(store, schema).run(request(file, ImportMode.INSERT).withColumns(java.util.Map.of(), true));

        assertThat(s.inserted()).isEqualTo(1);
        assertThat(s.firstRejects()).extracting(Object::toString).containsExactly("line 3, column age: not a valid int: \"x\"");
        assertThat(value("select age from customer where id = 1", Integer.class)).isEqualTo(3);
    }

    @Test
    void a_map_to_no_field_from_no_column_or_twice_to_one_field_changes_nothing() throws IOException {
        Path file = write("badmap.csv", "cid,mail\n1,a@x\n");

        assertThatThrownBy(() -> new Importer(store, schema).run(request(file, ImportMode.INSERT).withColumns(java.util.Map.of("cid", "idd"), false)))
                .hasMessage(file + ": --map cid=idd: 'idd' is not a field of 'customer' — did you mean 'id'? "
                        + "(fields: id, email, age, score, balance, vip, birth_date, seen_at, prefs, visits)");
        assertThatThrownBy(() -> new Importer(store, schema).run(request(file, ImportMode.INSERT).withColumns(java.util.Map.of("c_id", "id"), false)))
                .hasMessage(file + ": --map c_id=id: the file has no column 'c_id' — did you mean 'cid'? (its columns: cid, mail)");
        assertThatThrownBy(() -> new Importer(store, schema).run(request(file, ImportMode.INSERT)
                .withColumns(java.util.Map.of("cid", "id", "mail", "id"), false)))
                .hasMessage(file + ": columns 'cid' and 'mail' both load the field 'id'");
        assertThat(store.count("customer")).isZero();
    }

    // ---- time zones ----

    @Test
    void a_file_in_a_time_zone_is_read_in_it_and_a_time_its_clocks_skip_or_repeat_is_rejected() throws IOException {
        Path file = write("sao-paulo.csv", "id,seen_at\n1,2018-03-01 10:00\n2,2018-11-04 00:30\n3,2019-02-16 23:30\n"
                + "4,2018-03-01T10:00:00Z\n5,2018-03-01\n6,2018-12-01T10:00:00-02:00\n");
        CsvOptions saoPaulo = CsvOptions.DEFAULT.withZone(java.time.ZoneId.of("America/Sao_Paulo"));

        ImportSummary s = new Importer(store, schema).run(request(file, ImportMode.INSERT).withCsv(saoPaulo));

        assertThat(s.firstRejects()).extracting(Object::toString).containsExactly(
                "line 3, column seen_at: 2018-11-04 00:30 does not exist in America/Sao_Paulo: the clocks went forward at that time",
                "line 4, column seen_at: 2019-02-16 23:30 happens twice in America/Sao_Paulo (the clocks went back): "
                        + "write it with its offset, -02:00 or -03:00");
        assertThat(store.dsl().fetch("select id, seen_at from customer order by id").map(r -> r.get(0) + " "
                + r.get(1, java.time.OffsetDateTime.class).toInstant())).containsExactly(
                "1 2018-03-01T13:00:00Z", "4 2018-03-01T10:00:00Z", "5 2018-03-01T03:00:00Z", "6 2018-12-01T12:00:00Z");
    }

    // ---- every value stored exactly, or its row rejected ----

    private static final java.util.Map<String, String> FIELD_OF_TYPE = java.util.Map.of("int", "age", "long", "visits",
            "decimal(10,2)", "balance", "double", "score", "boolean", "vip", "date", "birth_date", "timestamp", "seen_at",
            "string", "email");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"int", "long", "decimal(10,2)", "double", "boolean", "date", "timestamp", "string"})
    void every_value_is_stored_exactly_or_its_row_is_rejected_with_line_column_and_reason(String type) throws IOException {
        assertStoredExactlyOrRejected(ValueCases.of(ValueCases.ISO, type), CsvOptions.DEFAULT, "iso");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"date", "timestamp"})
    void with_a_date_and_a_timestamp_format_every_value_is_stored_exactly_or_rejected(String type) throws IOException {
        CsvOptions dayFirst = new CsvOptions(',', '"', '"', "%d/%m/%Y", "%d/%m/%Y %H:%M", '.');
        assertStoredExactlyOrRejected(ValueCases.of(ValueCases.DAY_FIRST, type), dayFirst, "dayfirst");
    }

    private void assertStoredExactlyOrRejected(List<ValueCases.Case> cases, CsvOptions options, String name) throws IOException {
        String type = cases.get(0).type();
        String field = FIELD_OF_TYPE.get(type);
        StringBuilder csv = new StringBuilder("id," + field + "\n");
        for (int i = 0; i < cases.size(); i++) {
            csv.append(i + 1).append(',').append(cases.get(i).cell()).append('\n');
        }
        Path file = write(name + "-" + field + ".csv", csv.toString());

        ImportSummary s = new Importer(store, schema).run(request(file, ImportMode.INSERT).withCsv(options));

        java.util.Map<Long, List<String>> rejects = ValueCases.rejectsByLine(dir.resolve(file.getFileName() + ".rejects.csv"));
        for (int i = 0; i < cases.size(); i++) {
            ValueCases.Case c = cases.get(i);
            long line = i + 2;
            var row = store.dsl().fetchOptional("select " + field + " from customer where id = ?", i + 1L);
            if (c.loads()) {
                assertThat(rejects.get(line)).as("%s \"%s\" is not rejected", type, c.raw()).isNull();
                assertThat(row).as("%s \"%s\" is stored", type, c.raw()).isPresent();
                assertThat(ValueCases.canonical(type, row.get().get(0))).as("%s \"%s\" is stored exactly", type, c.raw())
                        .isEqualTo(c.stored());
            } else {
                assertThat(rejects.get(line)).as("%s \"%s\" rejects line %d", type, c.raw(), line)
                        .containsExactly(field, c.reason());
                assertThat(row).as("%s \"%s\" is not stored", type, c.raw()).isEmpty();
            }
        }
        assertThat(s.inserted() + s.rejected()).isEqualTo(cases.size());
    }

    // ---- secrets ----

    @Test
    void a_secret_is_made_once_per_store_and_kept() {
        byte[] links = store.secret("links");
        assertThat(links).hasSize(32);
        assertThat(store.secret("links")).isEqualTo(links);
        assertThat(store.secret("other")).hasSize(32).isNotEqualTo(links);
    }

    @Test
    void a_rotated_secret_signs_with_its_new_key_and_keeps_the_old_ones() {
        byte[] first = store.secret("links");
        assertThat(store.secrets("links")).containsOnlyKeys(1);
        assertThat(store.rotateSecret("links")).isEqualTo(2);
        assertThat(store.rotateSecret("links")).isEqualTo(3);
        var keys = store.secrets("links");
        assertThat(keys).containsOnlyKeys(1, 2, 3);
        assertThat(keys.get(1)).isEqualTo(first);
        assertThat(keys.get(3)).hasSize(32).isNotEqualTo(keys.get(2)).isNotEqualTo(first);
        assertThat(store.secrets("other")).as("another secret's keys are its own").containsOnlyKeys(1);
    }

    // ---- orphans ----

    @Test
    void rows_that_point_to_no_record_are_counted_per_link_with_examples() throws IOException {
        importCustomers(ImportMode.INSERT);
        Path lines = write("lines-orphans.csv", "order_id,line_no,customer_id,amount\n1,1,1,1.00\n1,2,99,1.00\n2,1,98,1.00\n"
                + "3,1,,1.00\n4,1,99,1.00\n");
        new Importer(store, schema).run(request(lines, ImportMode.INSERT));

        var reports = new Orphans(store.dsl(), schema).of(schema.entity("order_line").orElseThrow(), 2);

        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).rows()).isEqualTo(3);
        assertThat(reports.get(0).describe(true)).isEqualTo("order_line.customer → customer: 3 rows point to no customer "
                + "(customer_id set to a key customer does not have), e.g. order_id 1, line_no 2 (customer_id 99); "
                + "order_id 2, line_no 1 (customer_id 98)");
        assertThat(new Orphans(store.dsl(), schema).of(schema.entity("customer").orElseThrow(), 2)).isEmpty();
    }

    // ---- helpers ----

    private ImportSummary importCustomers(ImportMode mode) throws IOException {
        return new Importer(store, schema).run(request(resourceFile("customers.csv"), mode));
    }

    private ImportRequest request(Path file, ImportMode mode) {
        return new ImportRequest(file.getFileName().toString().startsWith("lines") ? "order_line" : "customer", file,
                dev.herald.load.FileFormat.of(file), mode, CsvOptions.DEFAULT, 100, dir.resolve(file.getFileName() + ".rejects.csv"));
    }

    private ImportRequest request(Path file, ImportMode mode, String content) throws IOException {
        Files.writeString(file, content);
        return request(file, mode);
    }

    private <T> T value(String sql, Class<T> type) {
        return store.dsl().fetchOne(sql).get(0, type);
    }

    private List<Long> ids(String entity) {
        return store.dsl().fetch("select id from " + entity + " order by id").getValues(0, Long.class);
    }

    private List<String> columns(String entity) {
        return store.dsl().fetch("select column_name from information_schema.columns where table_name = ? and table_schema = current_schema()",
                entity).getValues(0, String.class);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private Path resourceFile(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            Files.writeString(file, resource(name));
        }
        return file;
    }

    static String resource(String name) {
        try (InputStream in = StoreContract.class.getResourceAsStream("/contract/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing test resource /contract/" + name, e);
        }
    }
}
