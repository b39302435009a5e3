package dev.ferry.mirror.asset;

import dev.ferry.error.FerryException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where upstream signs an asset and whose signature it must carry: the lock's {@code signedBy}, from the catalog
 * (runc, Kubernetes) or from {@code ferry.yaml}. Signature files are found beside the asset the way its checksum
 * file is: a source mirror that moves the asset's URL moves theirs too.
 *
 * @param signer             whose signature counts
 * @param detached           a detached signature of the asset's own bytes: OpenPGP {@code .asc}, {@code .sig},
 *                           {@code .gpg}, or sigstore's {@code .sig}
 * @param certificate        sigstore only: the Fulcio certificate beside the signature ({@code .cert})
 * @param checksums          a sha256 checksum list ({@code hash  filename} lines) the signer signs, listing the asset
 * @param checksumsSignature a detached signature of that list; empty when the list is clear-signed
 */
public record SignedBy(Signer signer, Optional<String> detached, Optional<String> certificate, Optional<String> checksums,
                       Optional<String> checksumsSignature) {

    public SignedBy {
        Objects.requireNonNull(signer, "signer");
        detached.ifPresent(u -> SourceUrl.check(u, "a signature URL"));
        certificate.ifPresent(u -> SourceUrl.check(u, "a certificate URL"));
        checksums.ifPresent(u -> SourceUrl.check(u, "a signed checksum list's URL"));
        checksumsSignature.ifPresent(u -> SourceUrl.check(u, "a checksum list's signature URL"));
        if (signer instanceof Signer.Sigstore && (detached.isEmpty() || certificate.isEmpty() || checksums.isPresent())) {
            throw FerryException.badInput("a sigstore signer needs the signature and its certificate, and signs no checksum list",
                    "give detached: URL.sig and certificate: URL.cert");
        }
        if (signer.isKeyring() && (certificate.isPresent() || (detached.isEmpty() && checksums.isEmpty()))) {
            throw FerryException.badInput("a keyring needs a detached signature of the file or a signed checksum list (and takes no certificate)",
                    "give the signature URL, or the checksum list the keyring signs");
        }
        if (checksumsSignature.isPresent() && checksums.isEmpty()) {
            throw FerryException.badInput("a checksum list's signature needs the checksum list", "give checksums: URL beside it");
        }
    }

    /** An OpenPGP detached signature of the file. */
    public static SignedBy detached(Signer signer, String signatureUrl) {
        return new SignedBy(signer, Optional.of(signatureUrl), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Every URL this needs, for checks of where an asset may be fetched from. */
    public java.util.List<String> urls() {
        return java.util.stream.Stream.of(detached, certificate, checksums, checksumsSignature).flatMap(Optional::stream).toList();
    }
}
