package dev.herald.load;

/** A value that does not fit its field's type; cheap to throw (no stack trace). */
public final class BadValueException extends Exception {
    public BadValueException(String reason) {
        super(reason, null, false, false);
    }
}
