package dev.ferry.error;

import java.util.Optional;

/**
 * The one error family Ferry shows its users: what failed, what to do about it, and the exit code.
 * Checked exceptions from I/O, HTTP and the AWS SDK are turned into one of these at the boundary.
 *
 * <p>The library throws the subtypes ({@link BadInput}, {@link HashMismatch}, {@link NoHashKnown},
 * {@link Unreachable}, {@link TargetRefused}, {@link SignatureRefused}) where a caller may act on the kind of failure; their fields
 * say what failed without parsing the message. A hint says what to do in the library's terms; the CLI
 * adds the flags to use.
 */
public class FerryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit code for a failed run (a download, a hash, a store). */
    public static final int FAILED = 1;
    /** Exit code for bad usage or bad input (flags, manifests, lock files). */
    public static final int BAD_USAGE = 2;

    private final String hint;
    private final int exitCode;

    public FerryException(String message, String hint, int exitCode, Throwable cause) {
        super(message, cause);
        this.hint = hint;
        this.exitCode = exitCode;
    }

    public FerryException(String message, String hint) {
        this(message, hint, FAILED, null);
    }

    public FerryException(String message) {
        this(message, null, FAILED, null);
    }

    /** Bad usage or bad input: exit code 2. */
    public static BadInput badInput(String message, String hint) {
        return new BadInput(message, hint);
    }

    /** What the user can do about it, when Ferry knows. */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    public int exitCode() {
        return exitCode;
    }

    /** The same failure with another hint (a caller that knows better what to do). */
    public FerryException withHint(String newHint) {
        return new FerryException(getMessage(), newHint, exitCode, this);
    }
}
