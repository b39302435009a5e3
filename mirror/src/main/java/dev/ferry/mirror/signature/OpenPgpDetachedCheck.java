package dev.ferry.mirror.signature;

/**
 * A detached OpenPGP signature ({@code .asc} armoured, {@code .sig} or {@code .gpg} binary) checked over a file's
 * bytes against a keyring. Which key signed, and whether it could sign then, is judged by {@link #start}; the
 * bytes are judged by {@link #finish}.
 */
public final class OpenPgpDetachedCheck implements SignatureCheck<OpenPgpVerified> {
    private final DocumentSignatures signatures;
    private boolean finished;

    private OpenPgpDetachedCheck(DocumentSignatures signatures) {
        this.signatures = signatures;
    }

    /**
     * @param keyring       the keys trusted to sign this file
     * @param signatureFile the bytes of the signature file
     * @param subject       what is being checked (the file's URL), for messages
     * @throws dev.ferry.error.SignatureRefused when the signature cannot be read, or no trusted key valid at the
     *         signature's time made it
     */
    public static OpenPgpDetachedCheck start(OpenPgpKeyring keyring, byte[] signatureFile, String subject) {
        return new OpenPgpDetachedCheck(DocumentSignatures.start(DocumentSignatures.read(signatureFile, subject, keyring), keyring, subject));
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("signature check already finished");
        }
        signatures.update(bytes, offset, length);
    }

    @Override
    public OpenPgpVerified finish() {
        if (finished) {
            throw new IllegalStateException("signature check already finished");
        }
        finished = true;
        return signatures.finish();
    }
}
