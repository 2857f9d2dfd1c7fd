package dev.herald.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.store.DiskFullException;
import dev.herald.workspace.StoreLocation;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What a failed activity tells the user. */
class FailureMessageTest {

    @Test
    void a_full_disk_is_told_as_such_not_as_the_engines_error() {
        DiskFullException e = new DiskFullException(StoreLocation.duckdb(Path.of("/data/herald.duckdb")), "try again",
                new SQLException("TransactionContext Error: Failed to commit: Could not write file \"/data/herald.duckdb.wal\": "
                        + "No space left on device"));
        assertThat(RunDriver.message(e)).isEqualTo("the disk holding /data/herald.duckdb is full: free space and try again; nothing was changed");
    }

    @Test
    void an_sql_error_is_told_by_its_own_message() {
        assertThat(RunDriver.message(new RuntimeException("wrapped", new SQLException("Binder Error: no such column"))))
                .isEqualTo("Binder Error: no such column");
    }
}
