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
 * Sends a delivery: reads its pending messages a batch at a time, renders each (a
 * {@link MessageRenderer}, or a fixed text for an alert), sends the batch
 * through the channel in up to {@code concurrency} parts at once (on virtual threads), and records
 * every message's status with one write per batch; keeps to the delivery's rate. A crash loses at
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
                List<OutboundMessage> rendered = new ArrayList<>();
                Map<Long, SendResult.Failed> failed = new LinkedHashMap<>();
                List<Long> held = new ArrayList<>();
                Map<Long, String> excluded = new LinkedHashMap<>();
                for (PendingMessage m : messages) {
                    SendTime time = when.apply(m);
                    if (time instanceof SendTime.Later(Instant release)) {
                        held.add(m.id());
                        firstRelease = firstRelease == null || release.isBefore(firstRelease) ? release : firstRelease;
                        continue;
                    }
                    if (time instanceof SendTime.Never(String reason)) {
                        excluded.put(m.id(), reason);
                        continue;
                    }
                    try {
                        rendered.add(render.apply(m));
                    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) { // one message's template, not the delivery
                        failed.put(m.id(), new SendResult.Failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                    }
                }
                List<Long> sent = new ArrayList<>();
                Map<Long, String> providerIds = new LinkedHashMap<>();
                List<SendResult> results = send(senders, channel, rendered);
                List<Long> deferred = new ArrayList<>();
                String deferredBecause = null;
                for (int i = 0; i < rendered.size(); i++) {
                    switch (results.get(i)) {
                        case SendResult.Sent s -> {
                            sent.add(rendered.get(i).id());
                            if (channel.keepsProviderIds() && s.providerId() != null) {
                                providerIds.put(rendered.get(i).id(), s.providerId());
                            }
                        }
                        case SendResult.Failed f -> failed.put(rendered.get(i).id(), f);
                        case SendResult.Deferred d -> {
                            deferred.add(rendered.get(i).id());
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
                done += messages.size();
                throttle(started, done, rate);
            }
        }
    }

    private static ChannelUnavailableException deferred(Channel channel, long count, String reason) {
        return new ChannelUnavailableException(String.format("%s deferred %,d message%s (%s); they stay pending and are sent again",
                channel.id(), count, count == 1 ? "" : "s", reason), null);
    }

    /**
     * The batch in as many parts as the channel takes at once (at most {@code concurrency}), sent at
     * once; the results in the batch's order.
     */
    private List<SendResult> send(ExecutorService senders, Channel channel, List<OutboundMessage> batch)
            throws ChannelUnavailableException {
        if (batch.isEmpty()) {
            return List.of();
        }
        int parts = Math.min(Math.min(concurrency, channel.concurrency()), batch.size());
        if (parts == 1) {
            return checked(channel, batch);
        }
        int each = (batch.size() + parts - 1) / parts;
        List<Future<List<SendResult>>> sending = new ArrayList<>();
        for (int from = 0; from < batch.size(); from += each) {
            List<OutboundMessage> part = batch.subList(from, Math.min(batch.size(), from + each));
            sending.add(senders.submit(() -> checked(channel, part)));
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
