package dev.herald.store;

import dev.herald.campaign.run.Transactions;
import dev.herald.workspace.StoreLocation;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * The marketing database: a DuckDB file or a PostgreSQL database, reached through jOOQ. Each call
 * runs in a unit of work of its own — a duplicate of the DuckDB connection, or a PostgreSQL
 * connection of a small pool — unless the calling thread is inside {@link #inTransaction}, whose
 * statements all run on the unit's one connection; so several threads can share one store. Time is
 * read from the store's {@link Clock}. Herald's system tables are migrated when it opens.
 */
public final class Store implements Transactions, AutoCloseable {

    /** Held so that the setting stays: the PostgreSQL driver's own warnings may quote the URL, password included. */
    private static final java.util.logging.Logger DRIVER_LOG = java.util.logging.Logger.getLogger("org.postgresql");

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        DRIVER_LOG.setLevel(java.util.logging.Level.OFF);
    }

    /** Idle connections kept for reuse; more are opened while more threads work at once. */
    private static final int MAX_IDLE = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StoreLocation location;
    private final Dialect dialect;
    private final Connections connections;
    private final Clock clock;
    /** The folder of the temporary files a bulk copy passes through (an import's canonical CSV, an export on its way to Parquet). */
    private final Path scratch;
    private final DSLContext dsl;
    /** DuckDB: the connection that holds the database instance open; its duplicates do the work. */
    private final Connection holder;

    private Store(StoreLocation location, Dialect dialect, Connections connections, Connection holder, Clock clock, Path scratch) {
        this.location = location;
        this.scratch = scratch;
        this.dialect = dialect;
        this.connections = connections;
        this.holder = holder;
        this.clock = clock;
        this.dsl = DSL.using(new DefaultConfiguration().set(connections).set(dialect.jooq()).set(new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                // bind times as timestamptz values, not as text cast per row (PostgreSQL cannot
                // fold a text-to-timestamptz cast, and its estimates suffer)
                .withBindOffsetDateTimeType(true)
                .withExecuteLogging(false))
                .set(ExecuteListener.onException(this::diskFull)));
    }

    /** A statement outside a unit of work (it commits by itself) that met a full disk says so. */
    private void diskFull(ExecuteContext ctx) {
        if (ctx.exception() != null && !(ctx.exception() instanceof DiskFullException) && DiskFullException.isDiskFull(ctx.exception())) {
            ctx.exception(new DiskFullException(location, ctx.exception()));
        }
    }

    /** Opens (and for DuckDB creates) the store on the system clock, then brings Herald's system tables up to date. */
    public static Store open(StoreLocation location) {
        return open(location, Clock.systemUTC());
    }

    /**
     * Opens the store reading time from {@code clock}; its temporary files go beside a DuckDB
     * file (in {@code tmp}), and for PostgreSQL into the system's temporary folder. A workspace
     * names its own folder with {@link #open(StoreLocation, Clock, Path)}.
     */
    public static Store open(StoreLocation location, Clock clock) {
        Path scratch = location.isDuckDb() && location.duckDbFile().toAbsolutePath().getParent() != null
                ? location.duckDbFile().toAbsolutePath().getParent().resolve("tmp")
                : Path.of(System.getProperty("java.io.tmpdir"));
        return open(location, clock, scratch);
    }

    /** Opens the store reading time from {@code clock}, with its temporary files in {@code scratch}. */
    public static Store open(StoreLocation location, Clock clock, Path scratch) {
        Dialect dialect = Dialect.of(location);
        Connection holder = null;
        try {
            Connections connections;
            if (location.isDuckDb()) {
                Path file = location.duckDbFile();
                if (file.getParent() != null) {
                    java.nio.file.Files.createDirectories(file.getParent());
                }
                Connection base = DriverManager.getConnection(location.url());
                holder = base;
                connections = new Connections(() -> dialect.setUp(base.unwrap(org.duckdb.DuckDBConnection.class).duplicate()), MAX_IDLE);
            } else {
                connections = new Connections(() -> dialect.setUp(DriverManager.getConnection(location.url())), MAX_IDLE);
            }
            Store store = new Store(location, dialect, connections, holder, clock, scratch);
            try {
                try (Connection c = connections.open()) {
                    Migrations.migrate(store, c);
                }
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
            closeQuietly(holder);
            throw new StoreException("cannot open the store " + location + ": " + location.mask(e.getMessage()), e);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the folder of " + location + ": " + location.mask(e.getMessage()), e);
        }
    }

    public StoreLocation location() {
        return location;
    }

    /**
     * A new empty temporary file in the store's scratch folder, for the caller to delete: customer
     * data on its way in or out stays in the workspace, never in the system's temporary folder.
     */
    public Path temporaryFile(String prefix, String suffix) throws java.io.IOException {
        java.nio.file.Files.createDirectories(scratch);
        return java.nio.file.Files.createTempFile(scratch, prefix, suffix);
    }

    /**
     * Checks Herald's system tables against this build's migrations, checksums included (opening
     * a store whose history is current skips that check): a store made by another build is refused.
     */
    public void checkSystemTables() {
        try (Connection c = connections.open()) {
            Migrations.validate(this, c);
        } catch (SQLException e) {
            throw new StoreException("cannot check the system tables of " + location + ": " + location.mask(e.getMessage()), e);
        }
    }

    /**
     * The connection of the calling thread's unit of work, for what jOOQ does not do (a bulk COPY,
     * an engine's own statement); only inside {@link #inTransaction}.
     */
    public Connection connection() {
        return connections.unitConnection();
    }

    /** What differs between the engines, in one place per engine. */
    public Dialect dialect() {
        return dialect;
    }

    public boolean isDuckDb() {
        return dialect.jooq() == SQLDialect.DUCKDB;
    }

    /** jOOQ on this store: each statement runs in the calling thread's unit of work, or in one of its own. */
    public DSLContext dsl() {
        return dsl;
    }

    /** The clock every time the store records is read from. */
    public Clock clock() {
        return clock;
    }

    /** The current time in UTC, as the store records times. */
    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /**
     * A connection outside every unit of work, for reading a long result while units write in
     * batches (a delivery's messages): a duplicate of DuckDB's connection, or a new PostgreSQL
     * connection in a transaction, so that the driver streams instead of reading every row first.
     * The caller closes it.
     */
    public Connection openReader() {
        try {
            return dialect.forLongReads(connections.open());
        } catch (SQLException e) {
            throw new StoreException("cannot open a second connection to " + location + ": " + location.mask(e.getMessage()), e);
        }
    }

    /** jOOQ on another connection to this store, with the same settings. */
    public DSLContext dsl(Connection other) {
        return DSL.using(other, dialect.jooq(), dsl.settings());
    }

    /**
     * One of Herald's own secrets ({@code links}): made once per store, 32 random bytes, the same
     * for every process that opens it afterwards.
     */
    public byte[] secret(String name) {
        Object kept = dsl.fetchValue("SELECT value FROM herald_secret WHERE name = ?", name);
        if (kept != null) { // made before: read, not written again (servers read the link keys every few seconds)
            return Base64.getDecoder().decode(kept.toString());
        }
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        return inTransaction(() -> {
            dsl.execute("INSERT INTO herald_secret (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING", name,
                    Base64.getEncoder().encodeToString(fresh));
            return Base64.getDecoder().decode(dsl.fetchValue("SELECT value FROM herald_secret WHERE name = ?", name).toString());
        });
    }

    /**
     * The keys of one of Herald's secrets by key id: {@code name} itself is key 1 (made on first
     * use), and each {@link #rotateSecret rotation} adds {@code name#2}, {@code name#3}…; the highest
     * id is the one to sign with, the others still verify what they signed.
     */
    public java.util.SortedMap<Integer, byte[]> secrets(String name) {
        byte[] first = secret(name);
        java.util.SortedMap<Integer, byte[]> keys = new java.util.TreeMap<>();
        keys.put(1, first);
        for (org.jooq.Record r : dsl.fetch("SELECT name, value FROM herald_secret WHERE name LIKE ?", name + "#%")) {
            String suffix = r.get(0, String.class).substring(name.length() + 1);
            if (suffix.matches("[0-9]{1,3}")) {
                keys.put(Integer.parseInt(suffix), Base64.getDecoder().decode(r.get(1, String.class)));
            }
        }
        return keys;
    }

    /**
     * A new key of one of Herald's secrets, which signs from now on; returns its id. Two rotations
     * at once (two servers) each make a key of their own: a key id taken meanwhile is passed over.
     */
    public int rotateSecret(String name) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        while (true) {
            int next = secrets(name).lastKey() + 1;
            if (next > 255) {
                throw dev.herald.error.UserError.conflict("the key of " + name + " was rotated 254 times, as many as a link can name; no more rotations", null);
            }
            int added = inTransaction(() -> dsl.execute("INSERT INTO herald_secret (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    name + "#" + next, Base64.getEncoder().encodeToString(fresh)));
            if (added == 1) {
                return next;
            }
        }
    }

    /** Whether the store answers a query. */
    public boolean ping() {
        return Integer.valueOf(1).equals(dsl.selectOne().fetchOne(0, Integer.class));
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
     * Runs {@code work} as one unit of work: one transaction on one connection, which every
     * statement of the calling thread uses until it ends. A unit already open on the thread is
     * joined (the outer one commits). Any exception rolls it back; checked ones come out as a
     * {@link StoreException}.
     */
    @Override
    public <T> T inTransaction(Callable<T> work) {
        if (connections.inUnit()) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new StoreException(e.getMessage(), e);
            }
        }
        try {
            Connection c = connections.begin();
            try {
                T result = work.call();
                c.commit();
                return result;
            } catch (Exception e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connections.end();
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

    /**
     * Runs {@code work} on the connection of a unit of work: the calling thread's, or a new one that
     * commits when the work is done.
     */
    public <T> T withConnection(ConnectionWork<T> work) {
        return inTransaction(() -> work.run(connection()));
    }

    /** Work on a JDBC connection. */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        T run(Connection connection) throws Exception;
    }


    @Override
    public void close() {
        connections.close();
        closeQuietly(holder);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a store that failed to open
            }
        }
    }
}
