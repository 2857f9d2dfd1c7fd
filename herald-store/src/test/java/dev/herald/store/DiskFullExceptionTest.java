package dev.herald.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.workspace.StoreLocation;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A full disk is recognised in the engines' own words, wherever it hides in a failure. */
class DiskFullExceptionTest {

    @Test
    void duckdbs_io_error_on_a_full_disk_is_a_full_disk() {
        assertThat(DiskFullException.isDiskFull(new SQLException(
                "IO Error: Could not write file \"/data/herald.duckdb\": No space left on device"))).isTrue();
        assertThat(DiskFullException.isDiskFull(new StoreException("x", new SQLException(
                "TransactionContext Error: Failed to commit: Could not write file \"/data/herald.duckdb.wal\": No space left on device"))))
                .isTrue();
    }

    @Test
    void a_full_disk_is_found_behind_the_error_that_followed_it() {
        SQLException commit = new SQLException("TransactionContext Error: cannot commit - no transaction is active");
        commit.addSuppressed(new SQLException("IO Error: Could not write file \"/data/herald.duckdb\": No space left on device"));
        assertThat(DiskFullException.isDiskFull(commit)).isTrue();
    }

    @Test
    void postgresqls_disk_full_state_is_a_full_disk() {
        assertThat(DiskFullException.isDiskFull(new SQLException(
                "ERROR: could not extend file \"base/16384/16397\": No space left on device", "53100"))).isTrue();
        assertThat(DiskFullException.isDiskFull(new SQLException("ERROR: could not write to file", "53100"))).isTrue();
    }

    @Test
    void other_io_errors_are_not_a_full_disk() {
        assertThat(DiskFullException.isDiskFull(new SQLException("IO Error: Could not write file \"/data/x\": Permission denied")))
                .isFalse();
        assertThat(DiskFullException.isDiskFull(new SQLException("TransactionContext Error: cannot commit - no transaction is active")))
                .isFalse();
    }

    @Test
    void the_message_says_which_disk_and_what_to_do() {
        DiskFullException e = new DiskFullException(StoreLocation.duckdb(Path.of("/data/herald.duckdb")), "run the import again",
                new SQLException("IO Error: Could not write file \"/data/herald.duckdb\": No space left on device"));
        assertThat(e.getMessage()).isEqualTo("the disk holding /data/herald.duckdb is full: free space and run the import again; "
                + "nothing was changed");
    }
}
