package dev.herald.app.message;

import dev.herald.app.engine.Engine;
import dev.herald.campaign.activity.Delivery;
import dev.herald.campaign.run.CampaignVersion;
import dev.herald.error.Problem;
import dev.herald.error.UserError;
import dev.herald.store.delivery.TransactionalTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Proofs: a delivery's message, as one recipient would get it, sent to seed addresses — the team's
 * own inboxes and phones — before the delivery goes to anyone, its subject or title marked
 * {@value #MARK}. A proof goes through the delivery's channel and provider like the real message
 * (so it shows what mailbox providers and phones make of it), with no consent or cap to check: the
 * seeds asked for it. Proofs are logged as messages of a delivery of their own whose mode is
 * {@code proof}, so that no report of the campaign or its runs counts them.
 */
public final class Proofs {

    /** What a proof's subject or title starts with. */
    public static final String MARK = "[Proof] ";

    /** How many seed addresses one proof goes to, at most. */
    public static final int MOST_SEEDS = 50;

    private final Engine app;
    private final TransactionalMessages messages;

    public Proofs(Engine app) {
        this.app = app;
        this.messages = new TransactionalMessages(app);
    }

    /**
     * Sends the message of {@code activity} of the published campaign, rendered for the record
     * {@code recipient} with {@code variables}, to each of {@code seeds}; one outcome per seed.
     */
    public List<TransactionalMessages.Outcome> send(String campaign, String activity, String recipient, List<String> seeds,
                                                    Map<String, Object> variables) {
        TransactionalMessages.Target t = messages.target(campaign, activity, recipient, variables);
        CampaignVersion version = t.version();
        Delivery delivery = t.delivery();
        checkSeeds(delivery, seeds);
        TransactionalTables tables = new TransactionalTables(app.store());
        TransactionalTables.Holder holder = messages.holder(version, activity, delivery, TransactionalTables.Kind.PROOF);
        List<TransactionalMessages.Outcome> outcomes = new ArrayList<>();
        for (String seed : seeds) {
            String address = seed.strip();
            long id = tables.addSeed(version.campaign(), activity, holder.runId(), holder.deliveryId(), delivery.channel(), address);
            messages.deliver(id, version, activity, delivery, t.variables(), t.row(), t.key(), address, holder, MARK);
            outcomes.add(messages.outcome(tables, id, version, activity, delivery, holder, false));
        }
        return outcomes;
    }

    /** Every seed an address of the delivery's channel: each one that is not is a problem with its path. */
    private static void checkSeeds(Delivery delivery, List<String> seeds) {
        if (seeds == null || seeds.isEmpty()) {
            throw UserError.invalid("to", "name the seed addresses the proof goes to");
        }
        if (seeds.size() > MOST_SEEDS) {
            throw UserError.invalid("to", "a proof goes to at most " + MOST_SEEDS + " seed addresses");
        }
        if (!delivery.type().needsAddress()) {
            throw UserError.invalid("activity", "a " + delivery.channel() + " delivery has no addresses to send a proof to");
        }
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            String seed = seeds.get(i) == null ? "" : seeds.get(i).strip();
            if (!delivery.type().address().accepts(seed)) {
                problems.add(new Problem("to[" + i + "]", dev.herald.text.Echo.quoted(seed) + " is not an address for " + delivery.channel()));
            }
        }
        if (!problems.isEmpty()) {
            throw new UserError(UserError.Kind.INVALID, problems.size() + " seed address" + (problems.size() == 1 ? " is" : "es are")
                    + " wrong", problems);
        }
    }
}
