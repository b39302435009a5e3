package dev.ferry.mirror.asset;

import dev.ferry.error.FerryException;
import java.util.List;
import java.util.Objects;

/**
 * What was verified of an asset's signature, as the lock and {@code --output json} say it:
 * {@code verified (key …)}, {@code verified (sigstore …; signing time not proven)}, {@code unsigned} (Ferry knows of
 * no signature upstream) or {@code not-checked}.
 */
public record SignatureStatus(String text) {
    public static final SignatureStatus UNSIGNED = new SignatureStatus("unsigned");
    public static final SignatureStatus NOT_CHECKED = new SignatureStatus("not-checked");
    private static final String VERIFIED = "verified (";

    public SignatureStatus {
        Objects.requireNonNull(text, "text");
        if (!text.equals("unsigned") && !text.equals("not-checked") && !(text.startsWith(VERIFIED) && text.endsWith(")"))) {
            throw FerryException.badInput("signature '" + text + "' is not one of verified (…), unsigned, not-checked",
                    "a lock says what was verified; plan again rather than editing it");
        }
    }

    /** What the checks of one asset proved, each in its lock form ("verified (key …)"): said once each, in order. */
    public static SignatureStatus verified(List<String> lockValues) {
        if (lockValues.isEmpty()) {
            return NOT_CHECKED;
        }
        return new SignatureStatus(String.join("; ", lockValues.stream().distinct().toList()));
    }

    public boolean isVerified() {
        return text.startsWith(VERIFIED);
    }

    /** Unsigned when nothing signs the asset, else not checked yet: what a lock says before anything was verified. */
    public static SignatureStatus before(java.util.Optional<SignedBy> signedBy) {
        return signedBy.isPresent() ? NOT_CHECKED : UNSIGNED;
    }

    @Override
    public String toString() {
        return text;
    }
}
