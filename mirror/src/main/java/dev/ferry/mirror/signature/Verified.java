package dev.ferry.mirror.signature;

/**
 * What a signature check proved about a file: who signed it, and how far that can be trusted. A failed check
 * is never a {@code Verified}: it throws {@link dev.ferry.error.SignatureRefused}.
 */
public sealed interface Verified permits OpenPgpVerified, SigstoreVerified {

    /** One line for the run's report and logs, saying what was and was not proven. */
    String summary();

    /** The lock's and {@code --output json}'s value: "verified (key …)", "verified (sigstore …)". */
    String lockValue();
}
