package dev.ferry.error;

/**
 * An upstream signature did not prove what it should: the file it covers is not trusted and nothing of it may
 * be published. {@link #reason()} says which check failed, {@link #expected()} what would have passed (the keys
 * of the keyring, the certificate identity), so a caller can report it without parsing the message.
 */
public final class SignatureRefused extends FerryException {
    private static final long serialVersionUID = 1L;

    /** Which check refused the signature. */
    public enum Reason {
        /** The signature file (or certificate) cannot be read as one. */
        MALFORMED("the signature cannot be read"),
        /** Signed by a key that is not in the keyring. */
        UNKNOWN_KEY("signed by a key that is not trusted"),
        /** The signature does not match the bytes: the file (or the signature) was changed. */
        BAD_SIGNATURE("the signature does not match the file"),
        /** The key was not valid when the signature was made: expired, created later, or withdrawn by its publisher. */
        KEY_EXPIRED("the key was not valid when it signed"),
        /** The key (or its signing subkey) is revoked. */
        KEY_REVOKED("the key is revoked"),
        /** The key that signed may not sign files (its key flags say so, or its binding is incomplete). */
        KEY_NOT_FOR_SIGNING("the key may not sign files"),
        /** A digest or key size that no longer protects a signature (MD5, SHA-1, RSA under 2048 bits). */
        WEAK_ALGORITHM("the signature uses a weak algorithm"),
        /** The signature carries an expiry time that has passed. */
        SIGNATURE_EXPIRED("the signature has expired"),
        /** A sigstore certificate does not chain to the trusted Fulcio roots, or is not for code signing. */
        UNTRUSTED_CERTIFICATE("the certificate is not issued by a trusted authority"),
        /** A sigstore certificate names another signer. */
        WRONG_IDENTITY("the certificate names another signer"),
        /** A sigstore certificate names another OIDC issuer. */
        WRONG_ISSUER("the certificate names another identity issuer"),
        /** The signature (or certificate) upstream is said to publish beside the file is not there. */
        MISSING("the signature file is missing upstream"),
        /** A signed checksum list gives another hash for the file than its bytes have, or none. */
        SIGNED_HASH_DIFFERS("the signed checksum list gives another hash"),
        /** {@code --verify-signatures required}, and nothing signs the file. */
        NOT_SIGNED("the file is not signed");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        /** The reason in words for people. */
        public String words() {
            return words;
        }
    }

    private final String subject;
    private final Reason reason;
    private final String expected;

    /**
     * @param subject  what was checked (a URL or a file), as the user knows it
     * @param reason   which check failed
     * @param detail   what was found, in words ("signed by key 1234… on 2026-01-02")
     * @param expected what would have passed ("a signature by one of: C9C3… Aleksa Sarai <…>")
     */
    public SignatureRefused(String subject, Reason reason, String detail, String expected) {
        super("signature of " + subject + " refused: " + reason.words() + ": " + detail + "; expected " + expected,
                hint(reason), FAILED, null);
        this.subject = subject;
        this.reason = reason;
        this.expected = expected;
    }

    public String subject() {
        return subject;
    }

    public Reason reason() {
        return reason;
    }

    public String expected() {
        return expected;
    }

    private static String hint(Reason reason) {
        return switch (reason) {
            case MALFORMED -> "check that the signature URL points at the signature file (.asc, .sig, .gpg, .cert) and not at an HTML page";
            case UNKNOWN_KEY -> "if the vendor signs with a new key, check it through a channel you trust and add it to the keyring; nothing was published";
            case BAD_SIGNATURE -> "the file is not the one its publisher signed: do not use it; download it again from the source and report it if it persists";
            case KEY_EXPIRED, KEY_REVOKED, KEY_NOT_FOR_SIGNING, SIGNATURE_EXPIRED ->
                    "ask the publisher which key signs this release now, or refresh the keyring from the publisher; nothing was published";
            case WEAK_ALGORITHM -> "the publisher should sign with SHA-256 or better and a 2048-bit or larger key; nothing was published";
            case UNTRUSTED_CERTIFICATE, WRONG_IDENTITY, WRONG_ISSUER ->
                    "the file was not signed by its publisher's release identity: do not use it; nothing was published";
            case MISSING -> "check that the signature URL is right and that a source mirror carries the signature files too; nothing was published";
            case SIGNED_HASH_DIFFERS -> "the file is not the one its publisher signed for: do not use it; check the lock's hash and the checksum list's URL";
            case NOT_SIGNED -> "use --verify-signatures available to mirror unsigned files on their hash, or name a signature and keyring in ferry.yaml";
        };
    }
}
