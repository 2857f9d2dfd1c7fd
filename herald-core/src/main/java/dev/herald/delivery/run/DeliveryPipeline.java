package dev.herald.delivery.run;

import dev.herald.channel.Channel;
import dev.herald.channel.ChannelUnavailableException;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Sends a delivery: reads its pending messages a batch at a time, and in up to {@code concurrency}
 * parts at once renders each (a {@link MessageRenderer}, or a fixed text for an alert) and sends it
 * through the channel, then records every message's status with one write per batch; keeps to the
 * delivery's rate. The parts run on virtual threads (DESIGN.md), so rendering uses every core and
 * overlaps the other parts' waits on the provider. A crash loses at
 * most the batch under way, which stays pending and is sent when the activity resumes (channels
 * take a message they had already without sending it again). A message whose template fails is
 * failed alone; a channel that cannot be reached stops the delivery with its batch still pending.
 * Messages a channel defers ({@link SendResult.Deferred}: greylisting, a full mailbox) stay pending
 * while the later batches go on; the delivery then ends with a {@link ChannelUnavailableException}
 * that counts them — at once when a whole batch was deferred (the provider itself asks to wait).
 */
public final class DeliveryPipeline {

    /** Where the statuses of a batch go, in one unit of work; {@code excluded} are the messages not sent for good, with the reason. */
    @FunctionalInterface
    public interface StatusWriter {
        void record(List<Long> sent, Map<Long, String> providerIds, Map<Long, SendResult.Failed> failed, List<Long> deferred,
                    Map<Long, String> excluded);
    }

    public static final int BATCH = 500;
    /** The most parts of a batch sent at once, whatever a channel takes. */
    public static final int MAX_CONCURRENCY = 64;

    private final int batch;
    private final int concurrency;

    public DeliveryPipeline(int batch, int concurrency) {
        if (batch < 1 || concurrency < 1) {
            throw new IllegalArgumentException("a batch and a concurrency of at least 1");
        }
        this.batch = batch;
        this.concurrency = concurrency;
    }

    /**
     * Sends every pending message at most {@code rate} per second (0: no limit); false when
     * {@code stop} asked to stop first (what is left stays pending).
     */
    public boolean send(PendingMessages pending, Function<PendingMessage, OutboundMessage> render, Channel channel,
                        StatusWriter statuses, long rate, BooleanSupplier stop) throws ChannelUnavailableException {
        try {
            return send(pending, render, m -> SendTime.NOW, channel, statuses, rate, stop);
        } catch (HeldUntil never) {
            throw new IllegalStateException("no message is held without a hold", never);
        }
    }

    /**
     * Sends every pending message that {@code when} lets leave now: the ones it holds for later stay
     * pending, and once the others are sent a {@link HeldUntil} says how many wait and until when the
     * first may leave; the ones it says never leave are excluded with its reason.
     */
    public boolean send(PendingMessages pending, Function<PendingMessage, OutboundMessage> render, Function<PendingMessage, SendTime> when,
                        Channel channel, StatusWriter statuses, long rate, BooleanSupplier stop)
            throws ChannelUnavailableException, HeldUntil {
        int size = (int) Math.min(Math.min(batch, channel.batch()), rate > 0 ? rate : Long.MAX_VALUE);
        long started = System.nanoTime();
        long done = 0;
        long deferredInAll = 0;
        String firstDeferral = null;
        long heldInAll = 0;
        Instant firstRelease = null;
        try (pending; ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            while (true) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                List<PendingMessage> messages = pending.next(size);
                if (messages.isEmpty()) {
                    if (deferredInAll > 0) {
                        throw deferred(channel, deferredInAll, firstDeferral);
                    }
                    if (heldInAll > 0) {
                        throw new HeldUntil(heldInAll, firstRelease);
                    }
                    return true;
                }
                List<PendingMessage> due = new ArrayList<>();
                List<Long> held = new ArrayList<>();
                Map<Long, String> excluded = new LinkedHashMap<>();
                for (PendingMessage m : messages) {
                    SendTime time = when.apply(m);
                    if (time instanceof SendTime.Later(Instant release)) {
                        held.add(m.id());
                        firstRelease = firstRelease == null || release.isBefore(firstRelease) ? release : firstRelease;
                    } else if (time instanceof SendTime.Never(String reason)) {
                        excluded.put(m.id(), reason);
                    } else {
                        due.add(m);
                    }
                }
                List<SendResult> results = send(senders, channel, render, due);
                List<Long> sent = new ArrayList<>();
                Map<Long, String> providerIds = new LinkedHashMap<>();
                Map<Long, SendResult.Failed> failed = new LinkedHashMap<>();
                List<Long> deferred = new ArrayList<>();
                String deferredBecause = null;
                for (int i = 0; i < due.size(); i++) {
                    long id = due.get(i).id();
                    switch (results.get(i)) {
                        case SendResult.Sent s -> {
                            sent.add(id);
                            if (channel.keepsProviderIds() && s.providerId() != null) {
                                providerIds.put(id, s.providerId());
                            }
                        }
                        case SendResult.Failed f -> failed.put(id, f);
                        case SendResult.Deferred d -> {
                            deferred.add(id);
                            deferredBecause = deferredBecause == null ? d.reason() : deferredBecause;
                        }
                    }
                }
                heldInAll += held.size();
                List<Long> left = new ArrayList<>(deferred);
                left.addAll(held);
                statuses.record(sent, providerIds, failed, left, excluded);
                deferredInAll += deferred.size();
                firstDeferral = firstDeferral == null ? deferredBecause : firstDeferral;
                if (!deferred.isEmpty() && sent.isEmpty()) {
                    throw deferred(channel, deferredInAll, firstDeferral); // the whole batch: the provider's doing, not a few recipients'
                }
                done += due.size(); // held and excluded messages take no slot of the rate
                throttle(started, done, rate);
            }
        }
    }

    private static ChannelUnavailableException deferred(Channel channel, long count, String reason) {
        return new ChannelUnavailableException(String.format("%s deferred %,d message%s (%s); they stay pending and are sent again",
                channel.id(), count, count == 1 ? "" : "s", reason), null);
    }

    /**
     * The batch in as many parts as the channel takes at once (at most {@code concurrency}), each
     * rendered and sent on a thread of its own, so that rendering uses every core and overlaps the
     * other parts' waits on the provider; the results in the batch's order. A message whose
     * template fails is failed alone.
     */
    private List<SendResult> send(ExecutorService senders, Channel channel, Function<PendingMessage, OutboundMessage> render,
                                  List<PendingMessage> batch) throws ChannelUnavailableException {
        if (batch.isEmpty()) {
            return List.of();
        }
        int parts = Math.min(Math.min(concurrency, channel.concurrency()), batch.size());
        if (parts == 1) {
            return renderAndSend(channel, render, batch);
        }
        int each = (batch.size() + parts - 1) / parts;
        List<Future<List<SendResult>>> sending = new ArrayList<>();
        for (int from = 0; from < batch.size(); from += each) {
            List<PendingMessage> part = batch.subList(from, Math.min(batch.size(), from + each));
            sending.add(senders.submit(() -> renderAndSend(channel, render, part)));
        }
        List<SendResult> results = new ArrayList<>(batch.size());
        for (Future<List<SendResult>> f : sending) {
            try {
                results.addAll(f.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ChannelUnavailableException down) {
                    throw down;
                }
                throw new IllegalStateException("channel " + channel.id() + " failed: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChannelUnavailableException("interrupted while sending through " + channel.id(), e);
            }
        }
        return results;
    }

    /** Renders a part's messages and sends those that rendered; the results in the part's order. */
    private static List<SendResult> renderAndSend(Channel channel, Function<PendingMessage, OutboundMessage> render,
                                                  List<PendingMessage> part) throws ChannelUnavailableException {
        SendResult[] results = new SendResult[part.size()];
        List<OutboundMessage> rendered = new ArrayList<>(part.size());
        int[] at = new int[part.size()];
        for (int i = 0; i < part.size(); i++) {
            try {
                at[rendered.size()] = i;
                rendered.add(render.apply(part.get(i)));
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) { // one message's template, not the delivery
                results[i] = new SendResult.Failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        if (!rendered.isEmpty()) {
            List<SendResult> sent = checked(channel, rendered);
            for (int k = 0; k < rendered.size(); k++) {
                results[at[k]] = sent.get(k);
            }
        }
        return java.util.Arrays.asList(results);
    }

    private static List<SendResult> checked(Channel channel, List<OutboundMessage> part) throws ChannelUnavailableException {
        List<SendResult> results = channel.send(part);
        if (results.size() != part.size()) {
            throw new IllegalStateException("channel " + channel.id() + " answered " + results.size() + " results for "
                    + part.size() + " messages");
        }
        return results;
    }

    /** Keeps to {@code rate} messages per second. */
    private static void throttle(long started, long sent, long rate) {
        if (rate <= 0) {
            return;
        }
        long due = started + (long) (sent * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
