package dev.herald.channel;

/** A channel's provider cannot be reached now; the messages of the batch stay pending. */
public class ChannelUnavailableException extends Exception {
    public ChannelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
