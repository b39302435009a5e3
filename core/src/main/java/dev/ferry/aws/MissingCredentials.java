package dev.ferry.aws;

import java.util.Locale;

/** Whether an AWS SDK call failed for want of credentials: the SDK says so only in the text of a client exception. */
public final class MissingCredentials {
    private MissingCredentials() {}

    /** Whether {@code e}, or anything that caused it, is the SDK finding no credentials to sign with. */
    public static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("unable to load credentials") || m.contains("unable to load aws credentials")) {
                return true;
            }
        }
        return false;
    }
}
