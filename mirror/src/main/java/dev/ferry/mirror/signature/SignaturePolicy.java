package dev.ferry.mirror.signature;

import dev.ferry.error.BadInput;
import dev.ferry.format.Word;

/**
 * {@code --verify-signatures}: what to do where upstream signs a file, and where it does not. A signature that
 * is present and checked but refused always fails the file, whatever the policy other than {@link #OFF}.
 */
public enum SignaturePolicy implements Word {
    /** Every file must carry a signature Ferry verifies; an unsigned file fails. */
    REQUIRED,
    /** The default: verify every signature upstream publishes (or the manifest names); note unsigned files. */
    AVAILABLE,
    /** Check no signature (hashes are still checked); the lock says {@code not-checked}. */
    OFF;

    /** The flag's value: {@code required}, {@code available} or {@code off}. */
    public static SignaturePolicy parse(String flag) {
        return Word.find(values(), flag).orElseThrow(() -> new BadInput("--verify-signatures must be required, available or off, not '"
                + flag + "'", "use --verify-signatures available (the default) to verify what upstream signs"));
    }

    /** Whether signatures are checked at all. */
    public boolean checks() {
        return this != OFF;
    }

    /** Whether a file without a signature fails. */
    public boolean unsignedFails() {
        return this == REQUIRED;
    }
}
