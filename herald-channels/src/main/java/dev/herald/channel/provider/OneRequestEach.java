package dev.herald.channel.provider;

import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.channel.Throttle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * How a channel that makes one HTTP request per message sends a batch: each message waits for the
 * provider's throttle, and a request answered "later" is tried again with a growing pause
 * ({@code firstPause}, twice that, four times…) up to its attempts, then the message is deferred.
 * Once the provider refuses Herald's credentials, the message and the rest of the batch are
 * deferred without a request: nothing can leave until they are fixed.
 */
public final class OneRequestEach {

    /** One request for a message. */
    @FunctionalInterface
    public interface Request {
        Attempt attempt(OutboundMessage m) throws InterruptedException;
    }

    private final Throttle throttle;
    private final Duration firstPause;

    public OneRequestEach(Throttle throttle, Duration firstPause) {
        this.throttle = throttle;
        this.firstPause = firstPause;
    }

    /** One result per message of {@code batch}, in its order. */
    public List<SendResult> send(List<OutboundMessage> batch, ToIntFunction<OutboundMessage> attempts, Request request) {
        List<SendResult> results = new ArrayList<>(batch.size());
        String stopped = null;
        for (OutboundMessage m : batch) {
            if (stopped != null) {
                results.add(new SendResult.Deferred(stopped));
                continue;
            }
            try {
                throttle.acquire();
                switch (tries(m, attempts.applyAsInt(m), request)) {
                    case Attempt.Done done -> results.add(done.result());
                    case Attempt.Later later -> results.add(new SendResult.Deferred(later.reason()));
                    case Attempt.Refused refused -> {
                        stopped = refused.reason();
                        results.add(new SendResult.Deferred(stopped));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = "interrupted";
                results.add(new SendResult.Deferred(stopped));
            }
        }
        return results;
    }

    private Attempt tries(OutboundMessage m, int attempts, Request request) throws InterruptedException {
        Attempt attempt = null;
        for (int n = 1; n <= attempts; n++) {
            if (n > 1) {
                Thread.sleep(firstPause.multipliedBy(1L << (n - 2)));
            }
            attempt = request.attempt(m);
            if (!(attempt instanceof Attempt.Later)) {
                return attempt;
            }
        }
        return new Attempt.Later(((Attempt.Later) attempt).reason() + " (after " + attempts + " attempts)");
    }
}
