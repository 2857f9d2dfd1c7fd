package dev.herald.load;

/** What an import does with each row of the file. */
public enum ImportMode {
    /** Adds new rows; a row whose key already exists (in the table or earlier in the file) is rejected. */
    INSERT,
    /** Inserts new keys and updates existing ones; within one file the last row of a key wins. */
    UPSERT,
    /** Deletes the rows whose keys are listed; only the key columns are read. */
    DELETE
}
