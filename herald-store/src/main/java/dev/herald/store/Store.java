package dev.herald.store;

import dev.herald.load.ImportRequest;
import dev.herald.load.ImportSummary;
import dev.herald.schema.Entity;
import dev.herald.schema.Schema;
import dev.herald.store.load.Exporter;
import dev.herald.store.load.Importer;
import dev.herald.store.schema.SchemaApplier;
import dev.herald.store.schema.SchemaPlan;
import dev.herald.workspace.StoreLocation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The marketing database: a DuckDB file or a PostgreSQL database, reached through one JDBC
 * connection and jOOQ. Herald's system tables are migrated when it opens.
 */
public final class Store implements AutoCloseable {

    /** Held so that the setting stays: the PostgreSQL driver's own warnings may quote the URL, password included. */
    private static final java.util.logging.Logger DRIVER_LOG = java.util.logging.Logger.getLogger("org.postgresql");

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        DRIVER_LOG.setLevel(java.util.logging.Level.OFF);
    }

    private final StoreLocation location;
    private final Connection connection;
    private final SQLDialect dialect;
    private final DSLContext dsl;

    private Store(StoreLocation location, Connection connection, SQLDialect dialect) {
        this.location = location;
        this.connection = connection;
        this.dialect = dialect;
        this.dsl = DSL.using(connection, dialect, new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                // bind times as timestamptz values, not as text cast per row (PostgreSQL cannot
                // fold a text-to-timestamptz cast, and its estimates suffer)
                .withBindOffsetDateTimeType(true)
                .withExecuteLogging(false));
    }

    /** Opens (and for DuckDB creates) the store, then brings Herald's system tables up to date. */
    public static Store open(StoreLocation location) {
        try {
            Connection c;
            SQLDialect dialect;
            if (location.isDuckDb()) {
                Path file = location.duckDbFile();
                if (file.getParent() != null) {
                    java.nio.file.Files.createDirectories(file.getParent());
                }
                c = DriverManager.getConnection(location.url());
                try (Statement s = c.createStatement()) {
                    s.execute("SET TimeZone = 'UTC'");
                }
                dialect = SQLDialect.DUCKDB;
            } else if (location.isPostgres()) {
                c = DriverManager.getConnection(location.url());
                try (Statement s = c.createStatement()) {
                    s.execute("SET TIME ZONE 'UTC'");
                    // Herald's queries are set-based and bind every value; a plan made for the
                    // actual values (not a generic one after five runs) is worth its planning time.
                    s.execute("SET plan_cache_mode = force_custom_plan");
                }
                dialect = SQLDialect.POSTGRES;
            } else {
                throw new StoreException("unsupported store " + location
                        + ": use a DuckDB file path or a jdbc:postgresql:// URL");
            }
            Store store = new Store(location, c, dialect);
            try {
                Migrations.migrate(store);
            } catch (StoreException e) {
                store.close();
                throw e;
            } catch (RuntimeException e) {
                store.close();
                throw new StoreException("cannot bring the system tables of " + location + " up to date: "
                        + location.mask(e.getMessage()), e);
            }
            return store;
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + location + ": " + location.mask(e.getMessage()), e);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the folder of " + location + ": " + location.mask(e.getMessage()), e);
        }
    }

    public StoreLocation location() {
        return location;
    }

    /**
     * Checks Herald's system tables against this build's migrations, checksums included (opening
     * a store whose history is current skips that check): a store made by another build is refused.
     */
    public void checkSystemTables() {
        Migrations.validate(this);
    }

    public Connection connection() {
        return connection;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public boolean isDuckDb() {
        return dialect == SQLDialect.DUCKDB;
    }

    public DSLContext dsl() {
        return dsl;
    }

    /**
     * A second connection to the same store, for reading a long result while this one writes in
     * batches (a delivery's messages): a duplicate of DuckDB's connection, or a new PostgreSQL
     * connection in a transaction, so that the driver streams instead of reading every row first.
     * The caller closes it.
     */
    public Connection openReader() {
        try {
            if (isDuckDb()) {
                return connection.unwrap(org.duckdb.DuckDBConnection.class).duplicate();
            }
            Connection c = DriverManager.getConnection(location.url());
            try (Statement s = c.createStatement()) {
                s.execute("SET TIME ZONE 'UTC'");
            }
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            throw new StoreException("cannot open a second connection to " + location + ": " + location.mask(e.getMessage()), e);
        }
    }

    /** jOOQ on another connection to this store, with the same settings. */
    public DSLContext dsl(Connection other) {
        return DSL.using(other, dialect, dsl.settings());
    }

    /** What applying {@code schema} would change; nothing is changed. */
    public SchemaPlan plan(Schema schema) {
        return new SchemaApplier(this).plan(schema);
    }

    /**
     * Creates or alters the entity tables to match {@code schema}. Destructive changes are refused
     * with a {@link dev.herald.store.schema.DestructiveChangeException} unless allowed.
     */
    public SchemaPlan apply(Schema schema, boolean allowDestructive) {
        return new SchemaApplier(this).apply(schema, allowDestructive);
    }

    public ImportSummary importFile(Schema schema, ImportRequest request) {
        return new Importer(this, schema).run(request);
    }

    /**
     * For each many-to-one link of {@code entity}, how many of its rows point to no record, with up
     * to {@code examples} of them.
     */
    public java.util.List<dev.herald.store.schema.Orphans.Report> orphans(Schema schema, Entity entity, int examples) {
        return new dev.herald.store.schema.Orphans(dsl, schema).of(entity, examples);
    }

    /** Writes an entity's rows to a CSV or Parquet file; returns the number of rows written. */
    public long export(Entity entity, Path file) {
        return new Exporter(this).export(entity, file);
    }

    /** The next value of one of Herald's sequences (a constant name, never user input). */
    public long nextval(String sequence) {
        if (!sequence.matches("herald_[a-z_]+_seq")) {
            throw new IllegalArgumentException("not a Herald sequence: " + sequence);
        }
        return dsl.select(DSL.field("nextval('" + sequence + "')", Long.class)).fetchOne(0, Long.class);
    }

    /** Whether the store has a table of this name (an entity's, once the schema is applied). */
    public boolean hasTable(String name) {
        return dsl.fetchExists(dsl.selectOne().from(DSL.table(DSL.name("information_schema", "tables")))
                .where(DSL.field(DSL.name("table_name")).eq(name))
                .and(DSL.field(DSL.name("table_schema")).eq(DSL.field("current_schema()", String.class))));
    }

    public long count(String entity) {
        return dsl.fetchCount(DSL.table(DSL.name(entity)));
    }

    /**
     * Runs {@code work} in one transaction on this store's connection; a transaction already open
     * is joined (the outer one commits). Any exception rolls it back; checked ones come out as a
     * {@link StoreException}.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        try {
            boolean auto = connection.getAutoCommit();
            if (!auto) {
                return work.run();
            }
            connection.setAutoCommit(false);
            Exception failure = null;
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (Exception e) {
                failure = e;
                try {
                    connection.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r); // the first failure says why; DuckDB may have ended the transaction itself
                }
                throw e;
            } finally {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException s) {
                    if (failure == null) {
                        throw s;
                    }
                    failure.addSuppressed(s);
                }
            }
        } catch (Exception e) {
            if (!(e instanceof DiskFullException) && DiskFullException.isDiskFull(e)) {
                throw new DiskFullException(location, e);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreException(e.getMessage(), e);
        }
    }

    /** Work done inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run() throws Exception;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing " + location + ": " + location.mask(e.getMessage()), e);
        }
    }
}
