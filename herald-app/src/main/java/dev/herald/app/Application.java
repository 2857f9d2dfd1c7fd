package dev.herald.app;

import dev.herald.app.audience.AudienceService;
import dev.herald.app.campaign.CampaignService;
import dev.herald.app.compliance.ComplianceService;
import dev.herald.app.delivery.DeliveryService;
import dev.herald.app.security.AccessService;
import dev.herald.app.engine.Engine;
import dev.herald.app.load.ImportService;
import dev.herald.app.message.MessagePreviews;
import dev.herald.app.message.Proofs;
import dev.herald.app.message.TransactionalMessages;
import dev.herald.app.records.RecordsService;
import dev.herald.app.run.RunService;
import dev.herald.app.run.ScheduledCampaigns;
import dev.herald.app.schema.SchemaService;
import dev.herald.app.tracking.TrackingService;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.time.Clock;

/**
 * Herald on one workspace: the use cases the CLI and the server call, on one {@link Engine} (the
 * schema, the store, the registry) per process. Nothing above this layer composes store classes.
 */
public final class Application implements AutoCloseable {

    private final Engine engine;
    private final RunService runs;
    private final ScheduledCampaigns schedules;
    private TrackingService tracking;

    private Application(Engine engine) {
        this.engine = engine;
        this.runs = new RunService(engine, new CampaignService(engine));
        this.schedules = new ScheduledCampaigns(engine, new CampaignService(engine), runs);
    }

    public static Application open(Workspace workspace) {
        return open(workspace, Clock.systemUTC());
    }

    /** Herald on {@code workspace}, reading time from {@code clock}. */
    public static Application open(Workspace workspace, Clock clock) {
        return new Application(new Engine(workspace, workspace.store(), clock));
    }

    /** Herald on {@code workspace} with its store at {@code location} (whatever the workspace's setting says). */
    public static Application open(Workspace workspace, StoreLocation location, Clock clock) {
        return new Application(new Engine(workspace, location, clock));
    }

    public Workspace workspace() {
        return engine.workspace();
    }

    /** The workspace's schema, read once. */
    public Schema schema() {
        return engine.schema();
    }

    /** Where the store is; a password is never shown. */
    public StoreLocation storeLocation() {
        return engine.storeLocation();
    }

    /** Whether the store exists already. */
    public boolean storeExists() {
        return engine.storeExists();
    }

    /** Whether the store answers a query now (a server's readiness). */
    public boolean ready() {
        try {
            return engine.store().ping();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The store, opened on first use (for tests and benchmarks that compare Herald with hand-written SQL). */
    public Store store() {
        return engine.store();
    }

    public SchemaService schemas() {
        return new SchemaService(engine);
    }

    public ImportService imports() {
        return new ImportService(engine);
    }

    /** Records written, read and deleted one or a batch at a time, imports of whole files sent over the API, and exports. */
    public RecordsService records() {
        return new RecordsService(engine);
    }

    public AudienceService audiences() {
        return new AudienceService(engine);
    }

    public CampaignService campaigns() {
        return new CampaignService(engine);
    }

    /** One recipient's message, every part rendered as a run would. */
    public MessagePreviews messages() {
        return new MessagePreviews(engine);
    }

    /** One message to one recipient now, through a published campaign's delivery (POST /api/v1/messages). */
    public TransactionalMessages transactional() {
        return new TransactionalMessages(engine);
    }

    /** A delivery's message, as one recipient would get it, sent to seed addresses before the delivery. */
    public Proofs proofs() {
        return new Proofs(engine);
    }

    /** The suppression list, subscriptions, and whether one customer would get a message now. */
    public ComplianceService compliance() {
        return new ComplianceService(engine);
    }

    /** The API's keys and audit log. */
    public AccessService access() {
        return new AccessService(engine);
    }

    public DeliveryService deliveries() {
        return new DeliveryService(engine, new CampaignService(engine));
    }

    /** What the links of messages do when followed: opens, clicks, unsubscribes (one per process: it writes events in batches). */
    public synchronized TrackingService tracking() {
        if (tracking == null) {
            tracking = new TrackingService(engine);
        }
        return tracking;
    }

    /** The runs of this workspace; one driver per process, so that an interrupt pauses every run it drives. */
    public RunService runs() {
        return runs;
    }

    /** The campaigns whose schedule starts their runs, and the moments due. */
    public ScheduledCampaigns schedules() {
        return schedules;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (tracking != null) {
                tracking.close();
            }
        }
        engine.close();
    }
}
