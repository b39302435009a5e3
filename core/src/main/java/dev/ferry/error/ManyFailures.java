package dev.ferry.error;

import java.util.List;

/**
 * Several things failed in one run (the assets of a pack that could not be fetched): the message says how many
 * and what it means for the run; {@link #failures()} holds each, to be reported by cause ({@link FailureGroups}).
 */
public final class ManyFailures extends FerryException {
    private static final long serialVersionUID = 1L;

    private final transient List<FailureGroups.Failure> failures;

    public ManyFailures(String message, String hint, List<FailureGroups.Failure> failures) {
        super(message, hint, FAILED, null);
        this.failures = List.copyOf(failures);
    }

    public List<FailureGroups.Failure> failures() {
        return failures;
    }
}
