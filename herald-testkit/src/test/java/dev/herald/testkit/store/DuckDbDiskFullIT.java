package dev.herald.testkit.store;

import dev.herald.store.DiskFullException;
import dev.herald.store.Store;
import dev.herald.testkit.Backend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.campaign.run.ActivityStatus;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaParser;
import dev.herald.store.load.Importer;
import dev.herald.store.schema.SchemaApplier;
import dev.herald.testkit.campaign.RetailStore;
import dev.herald.workspace.StoreLocation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store on a disk that fills up: a small tmpfs, mounted for the test (it needs root, as the
 * build machines run; elsewhere it is skipped and says why). The failure says the disk is full,
 * never DuckDB's "cannot commit - no transaction is active", and nothing is changed.
 */
class DuckDbDiskFullIT {

    @TempDir
    Path dir;
    private Path disk;
    private boolean mounted;

    private void mount(int megabytes) throws IOException, InterruptedException {
        disk = Files.createDirectories(dir.resolve("disk"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        mounted = p.waitFor() == 0;
        assumeTrue(mounted, "a full disk is simulated on a small tmpfs, which needs root to mount (mount said: " + out.strip() + ")");
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        if (mounted) {
            new ProcessBuilder("umount", "-l", disk.toString()).redirectErrorStream(true).start().waitFor();
        }
    }

    /** Leaves about {@code kilobytes} free on the disk. */
    private void fillLeaving(int kilobytes) throws IOException {
        long free = Files.getFileStore(disk).getUsableSpace() - kilobytes * 1024L;
        try (OutputStream out = Files.newOutputStream(disk.resolve("filler"))) {
            byte[] block = new byte[64 * 1024];
            for (long written = 0; written + block.length <= free; written += block.length) {
                out.write(block);
            }
        }
    }

    @Test
    void an_import_that_fills_the_disk_says_so_and_changes_nothing() throws Exception {
        mount(4);
        Schema schema = SchemaParser.parse(StoreContract.resource("schema.yaml"), "schema.yaml");
        Path csv = dir.resolve("customers.csv");
        StringBuilder b = new StringBuilder("id,email,age\n");
        for (int i = 1; i <= 100_000; i++) {
            b.append(i).append(",customer").append(i).append("@example.com,").append(i % 90).append('\n');
        }
        Files.writeString(csv, b);
        Path file = disk.resolve("herald.duckdb");
        try (Store store = Store.open(StoreLocation.duckdb(file))) {
            new SchemaApplier(store).apply(schema, false);

            assertThatThrownBy(() -> new Importer(store, schema).run(ImportRequest.of("customer", csv, ImportMode.INSERT)
                    .withRejectsFile(dir.resolve("rejects.csv"))))
                    .isInstanceOf(DiskFullException.class)
                    .hasMessage("the disk holding " + file + " is full: free space and run the import again; nothing was changed");
            assertThat(store.count("customer")).isZero();
        }
    }

    @Test
    void a_live_run_whose_email_step_fills_the_disk_says_so() throws Exception {
        mount(96);
        RetailStore retail = RetailStore.open(Backend.Kind.DUCKDB, disk, 300);
        try {
            fillLeaving(48);
            assertThatThrownBy(() -> retail.run("""
                        id: t_disk_full
                        name: disk full
                        on_error: { policy: abort }
                        activities:
                          - id: everyone
                            type: build-audience
                            expression: profile.id > 0
                          - id: mail
                            type: email
                            from: [everyone]
                            subject: "Hello"
                            body: "Hello {{ profile.first_name }}, %s"
                        """.formatted("x".repeat(2000))))
                    .isInstanceOf(DiskFullException.class)
                    .hasMessageStartingWith("the disk holding " + disk.resolve("retail.duckdb") + " is full: free space and resume the run: "
                            + "herald run resume ");
            Files.delete(disk.resolve("filler"));
            long run = retail.count("select max(id) from herald_run");
            assertThat(retail.runStore().activities(run).get("everyone").status()).isEqualTo(ActivityStatus.DONE);
            assertThat(retail.runStore().activities(run).get("mail").status()).isEqualTo(ActivityStatus.RUNNING);
        } finally {
            Files.deleteIfExists(disk.resolve("filler"));
            retail.close();
        }
    }
}
