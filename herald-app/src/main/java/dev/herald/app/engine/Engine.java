package dev.herald.app.engine;

import dev.herald.campaign.plan.Plan;
import dev.herald.delivery.SignedLinks;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import dev.herald.store.delivery.MessageViews;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Herald's engine on one workspace, shared by every use case and thread of a process: the schema,
 * read once; the store, opened (and migrated) on first use; the registry of what runs what; and the
 * plans of published versions, checked once.
 */
public final class Engine implements AutoCloseable {

    private final Workspace workspace;
    private final StoreLocation location;
    private final Clock clock;
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();
    private Schema schema;
    private Store store;
    private Registry registry;
    private SignedLinks links;
    private boolean messageViews;

    public Engine(Workspace workspace, StoreLocation location, Clock clock) {
        this.workspace = workspace;
        this.location = location;
        this.clock = clock;
    }

    public Workspace workspace() {
        return workspace;
    }

    public Clock clock() {
        return clock;
    }

    /** The workspace's schema, read once (and again by {@link #reloadSchema}). */
    public synchronized Schema schema() {
        if (schema == null) {
            schema = workspace.schema();
        }
        return schema;
    }

    /**
     * Reads {@code schema.yaml} again — a long-lived server's schema calls see the file as it is now —
     * and, when it checks, uses it from now on: audiences and plans are checked against it, and the
     * message views are made again before the next run. A schema with errors throws them, and the
     * one read before stays in use.
     */
    public synchronized Schema reloadSchema() {
        Schema read = workspace.schema();
        if (!read.equals(schema)) {
            schema = read;
            plans.clear();
            messageViews = false;
        }
        return schema;
    }

    /** Where the store is; a password is never shown. */
    public StoreLocation storeLocation() {
        return location;
    }

    /** Whether the store exists already (a PostgreSQL database always does; a DuckDB file once something made it). */
    public boolean storeExists() {
        return !location.isDuckDb() || Files.exists(location.duckDbFile());
    }

    /** The store, opened (and migrated) on first use. */
    public synchronized Store store() {
        if (store == null) {
            store = Store.open(location, clock, workspace.scratchDir());
        }
        return store;
    }

    /** What runs each activity type and where each kind of message goes. */
    public synchronized Registry registry() {
        if (registry == null) {
            registry = Registry.standard(store(), workspace.config().compliance(), links()).providers(workspace, store(), this::schema, links());
        }
        return registry;
    }

    /**
     * The links messages carry back to Herald (unsubscribe, opens, clicks), under the workspace's
     * {@code tracking.base_url}, signed with the newest of the store's link keys: one object for the
     * process, whose keys {@link #refreshLinks} reads again after a rotation.
     */
    public synchronized SignedLinks links() {
        if (links == null) {
            links = new SignedLinks(workspace.config().tracking().baseUrl(), store().secrets(LINK_KEYS));
        }
        return links;
    }

    /**
     * Reads the store's link keys again: a key another process rotated signs here from now on, and
     * its tokens verify. Keys are only ever added, so a read that raced a rotation here and saw
     * fewer keys than are in use is not installed.
     */
    public synchronized void refreshLinks() {
        java.util.SortedMap<Integer, byte[]> keys = store().secrets(LINK_KEYS);
        if (keys.lastKey() >= links().signingKey()) {
            links().useKeys(keys);
        }
    }

    /**
     * A new link key, which signs every link made from now on (here at once; in other servers at
     * their next look at the store); links signed with the older keys still verify. Returns its id.
     */
    public int rotateLinkKey() {
        int id = store().rotateSecret(LINK_KEYS);
        refreshLinks();
        return id;
    }

    /** The name of the store's secret that signs links. */
    public static final String LINK_KEYS = "links";

    /**
     * Makes the views through which expressions read the message log ({@code profile.messages}),
     * once per process: before the first run, not before each, so that runs started at once from
     * several threads do not replace them under each other.
     */
    public synchronized void ensureMessageViews() {
        if (!messageViews) {
            MessageViews.ensure(store(), schema());
            messageViews = true;
        }
    }

    /** The plans of published versions this process checked, by campaign, version and digest (a version never changes). */
    public Map<String, Plan> plans() {
        return plans;
    }

    @Override
    public synchronized void close() {
        if (registry != null) {
            registry.close();
        }
        if (store != null) {
            store.close();
            store = null;
            registry = null;
        }
    }
}
