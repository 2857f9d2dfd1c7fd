package dev.herald.app;

import dev.herald.app.audience.AudienceService;
import dev.herald.app.campaign.CampaignService;
import dev.herald.app.load.ImportService;
import dev.herald.app.run.RunService;
import dev.herald.app.schema.SchemaService;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.nio.file.Files;
import java.time.Clock;

/**
 * Herald on one workspace: its schema, its store (opened on first use, once per process, shared by
 * every thread) and the use cases the CLI and the server call. Nothing above this layer composes
 * store classes.
 */
public final class Application implements AutoCloseable {

    private final Workspace workspace;
    private final StoreLocation location;
    private final Clock clock;
    private Schema schema;
    private Store store;
    private Registry registry;
    private RunService runs;
    /** The plans of published versions, checked once: campaign, version and digest → plan. */
    private final java.util.Map<String, dev.herald.campaign.Plan> plans = new java.util.concurrent.ConcurrentHashMap<>();

    private Application(Workspace workspace, StoreLocation location, Clock clock) {
        this.workspace = workspace;
        this.location = location;
        this.clock = clock;
    }

    public static Application open(Workspace workspace) {
        return open(workspace, Clock.systemUTC());
    }

    /** Herald on {@code workspace}, reading time from {@code clock}. */
    public static Application open(Workspace workspace, Clock clock) {
        return new Application(workspace, workspace.store(), clock);
    }

    /** Herald on {@code workspace} with its store at {@code location} (whatever the workspace's setting says). */
    public static Application open(Workspace workspace, StoreLocation location, Clock clock) {
        return new Application(workspace, location, clock);
    }

    public Workspace workspace() {
        return workspace;
    }

    /** The workspace's schema, read once. */
    public synchronized Schema schema() {
        if (schema == null) {
            schema = workspace.schema();
        }
        return schema;
    }

    /** Where the store is; a password is never shown. */
    public StoreLocation storeLocation() {
        return location;
    }

    /** Whether the store exists already (a PostgreSQL database always does; a DuckDB file once something made it). */
    public boolean storeExists() {
        StoreLocation l = storeLocation();
        return !l.isDuckDb() || Files.exists(l.duckDbFile());
    }

    /** The store, opened (and migrated) on first use. */
    public synchronized Store store() {
        if (store == null) {
            store = Store.open(storeLocation(), clock);
        }
        return store;
    }

    /** What runs each activity type and where each kind of message goes. */
    public synchronized Registry registry() {
        if (registry == null) {
            registry = Registry.standard(store());
        }
        return registry;
    }

    public SchemaService schemas() {
        return new SchemaService(this);
    }

    public ImportService imports() {
        return new ImportService(this);
    }

    public AudienceService audiences() {
        return new AudienceService(this);
    }

    public CampaignService campaigns() {
        return new CampaignService(this);
    }

    public dev.herald.app.delivery.DeliveryService deliveries() {
        return new dev.herald.app.delivery.DeliveryService(this);
    }

    /** The runs of this workspace; one driver per process, so that Ctrl-C pauses every run it drives. */
    public synchronized RunService runs() {
        if (runs == null) {
            runs = new RunService(this, clock);
        }
        return runs;
    }

    /** The plans of published versions this process checked (a version is immutable; the schema is read once). */
    public java.util.Map<String, dev.herald.campaign.Plan> plans() {
        return plans;
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
