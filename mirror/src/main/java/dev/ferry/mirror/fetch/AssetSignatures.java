package dev.ferry.mirror.fetch;

import dev.ferry.error.FerryException;
import dev.ferry.error.SignatureRefused;
import dev.ferry.error.SignatureRefused.Reason;
import dev.ferry.error.Unreachable;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.SidecarFormat;
import dev.ferry.mirror.asset.SignatureStatus;
import dev.ferry.mirror.asset.SignedBy;
import dev.ferry.mirror.asset.Signer;
import dev.ferry.mirror.signature.ClearSignedFile;
import dev.ferry.mirror.signature.ClearSignedText;
import dev.ferry.mirror.signature.OpenPgpDetachedCheck;
import dev.ferry.mirror.signature.OpenPgpKeyring;
import dev.ferry.mirror.signature.SignaturePolicy;
import dev.ferry.mirror.signature.SigstoreBlobCheck;
import dev.ferry.mirror.signature.TrustedSigners;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An asset's upstream signatures ({@code signedBy}) checked under the run's {@code --verify-signatures}. Signature
 * files are read as checksum files are (once per run, source mirrors first). What each kind is checked over:
 * <ul>
 *   <li>a detached OpenPGP signature: the verified cache file's bytes, once; the outcome is recorded beside the
 *       file ({@link SignatureRecords}) so a later run does not read it again;</li>
 *   <li>a sigstore signature: the file's sha256 (ECDSA signs the SHA-256 of the bytes), so it costs no read;</li>
 *   <li>a signed checksum list: its signature over the list, then the hash the signed text gives the file.</li>
 * </ul>
 * Nothing here publishes; a refusal is a {@link SignatureRefused} the caller fails the asset with.
 */
final class AssetSignatures {
    private final SignaturePolicy policy;
    private final Supplier<TrustedSigners> trust;
    private final UpstreamFiles files;
    private final SignatureRecords records = new SignatureRecords();
    private final Map<Path, OpenPgpKeyring> keyringFiles = new ConcurrentHashMap<>();
    /** What this run's checks over the bytes said, by asset URL: pack reports it after writing the bundle. */
    private final Map<String, SignatureStatus> checked = new ConcurrentHashMap<>();
    private final Map<String, SignedList> signedLists = new ConcurrentHashMap<>();

    /** A checksum list's signed text and who signed it. */
    private record SignedList(String text, String lockValue) {}

    AssetSignatures(SignaturePolicy policy, Supplier<TrustedSigners> trust, UpstreamFiles files) {
        this.policy = policy;
        this.trust = trust;
        this.files = files;
    }

    SignaturePolicy policy() {
        return policy;
    }

    /** The text of checksum list {@code url} to read the asset's hash from: only its signed text when the asset's signer signs it. */
    String checksumText(Asset asset, String url, byte[] file) {
        Optional<SignedBy> by = asset.signedBy().filter(s -> policy.checks() && s.checksums().equals(Optional.of(url)));
        return by.isPresent() ? signedList(asset, by.get(), file).text() : new String(file, StandardCharsets.UTF_8);
    }

    /**
     * Without the asset's bytes (a dry run, an asset already published): unsigned or not checked; under
     * {@code required} an unsigned asset is refused.
     */
    SignatureStatus unchecked(Asset asset) {
        if (!policy.checks()) {
            return SignatureStatus.NOT_CHECKED;
        }
        if (asset.signedBy().isEmpty()) {
            if (policy.unsignedFails()) {
                throw new SignatureRefused(asset.url(), Reason.NOT_SIGNED, "Ferry knows of no signature upstream publishes for it",
                        "a signature, as --verify-signatures required asks");
            }
            return SignatureStatus.UNSIGNED;
        }
        return SignatureStatus.NOT_CHECKED;
    }

    /**
     * What the asset's pinned hash alone lets be verified ({@code plan --resolve}): a signed checksum list must give
     * that hash; a sigstore signature must be over it. A detached OpenPGP signature needs the bytes: here only its
     * signer is judged (trusted, valid when it signed), so a wrong keyring fails the plan, not the sync.
     */
    SignatureStatus ofHash(Asset asset) {
        if (!policy.checks() || asset.signedBy().isEmpty()) {
            return unchecked(asset);
        }
        SignedBy s = asset.signedBy().orElseThrow();
        Optional<Hash> pinned = asset.hash() instanceof ExpectedHash.Known k && k.hash().algorithm() == HashAlgorithm.SHA256
                ? Optional.of(k.hash()) : Optional.empty();
        List<String> verified = new ArrayList<>();
        if (s.checksums().isPresent() && pinned.isPresent()) {
            verified.add(listedHashIs(asset, s, pinned.get()));
        }
        if (s.detached().isPresent() && s.signer() instanceof Signer.Sigstore && pinned.isPresent()) {
            verified.add(sigstore(asset, s).finishWithSha256(HexFormat.of().parseHex(pinned.get().hex())).lockValue());
        } else if (s.detached().isPresent() && s.signer().isKeyring()) {
            OpenPgpDetachedCheck.start(keyring(s.signer()), read(asset, s.detached().get()), asset.url());
        }
        return SignatureStatus.verified(verified);
    }

    /** Every signature of the asset, over the verified cache file ({@code sync}, {@code pack}), before anything is published. */
    SignatureStatus ofFile(Asset asset, CachedFile file) {
        SignatureStatus status = overFile(asset, file);
        checked.put(asset.url(), status);
        return status;
    }

    /** What {@link #ofFile} said of the asset in this run. */
    Optional<SignatureStatus> checked(Asset asset) {
        return Optional.ofNullable(checked.get(asset.url()));
    }

    private SignatureStatus overFile(Asset asset, CachedFile file) {
        if (!policy.checks() || asset.signedBy().isEmpty()) {
            return unchecked(asset);
        }
        SignedBy s = asset.signedBy().orElseThrow();
        List<String> verified = new ArrayList<>();
        if (s.checksums().isPresent()) {
            verified.add(listedHashIs(asset, s, file.digests().sha256()));
        }
        if (s.detached().isPresent() && s.signer() instanceof Signer.Sigstore) {
            verified.add(sigstore(asset, s).finishWithSha256(HexFormat.of().parseHex(file.digests().sha256().hex())).lockValue());
        } else if (s.detached().isPresent()) {
            verified.add(detachedOverFile(asset, s, file));
        }
        return SignatureStatus.verified(verified);
    }

    /** A detached OpenPGP signature over the cached file: recorded beside it, so the same check is not made twice. */
    private String detachedOverFile(Asset asset, SignedBy s, CachedFile file) {
        String url = s.detached().orElseThrow();
        byte[] signature = read(asset, url);
        OpenPgpKeyring keys = keyring(s.signer());
        String checkId = sha256Hex(("openpgp-detached\n" + sha256Hex(signature) + "\n" + keys.digest()).getBytes(StandardCharsets.US_ASCII));
        Optional<String> recorded = records.find(file.path(), checkId);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        String value = OpenPgpDetachedCheck.start(keys, signature, asset.url()).overFile(file.path()).lockValue();
        records.add(file.path(), checkId, value);
        return value;
    }

    private SigstoreBlobCheck sigstore(Asset asset, SignedBy s) {
        String identity = ((Signer.Sigstore) s.signer()).identity();
        byte[] signature = read(asset, s.detached().orElseThrow());
        byte[] certificate = read(asset, s.certificate().orElseThrow());
        return SigstoreBlobCheck.start(trust.get().fulcio(), trust.get().identity(identity), signature, certificate, asset.url());
    }

    /** The signed checksum list's hash for the asset must be {@code want}; the list's signer, in lock form. */
    private String listedHashIs(Asset asset, SignedBy s, Hash want) {
        String url = s.checksums().orElseThrow();
        SignedList list = signedList(asset, s, read(asset, url));
        Hash listed;
        try {
            listed = ChecksumFile.parse(list.text(), SidecarFormat.SUMS, HashAlgorithm.SHA256, asset.url(), url);
        } catch (FerryException e) {
            throw new SignatureRefused(url, Reason.SIGNED_HASH_DIFFERS, e.getMessage(), "a signed line for " + asset.fileName());
        }
        if (!listed.equals(want)) {
            throw new SignatureRefused(url, Reason.SIGNED_HASH_DIFFERS, "its signed text gives " + asset.fileName() + " sha256 " + listed.hex()
                    + ", but the file has " + want.hex(), "sha256 " + want.hex() + " for " + asset.fileName());
        }
        return list.lockValue();
    }

    /**
     * The checksum list checked against its detached signature, or as a clear-signed file: only the signed text is
     * kept. Checked once per run for each list, signer and content, however many assets (and arches) it lists.
     */
    private SignedList signedList(Asset asset, SignedBy s, byte[] list) {
        String key = s.checksums().orElseThrow() + " " + s.checksumsSignature().orElse("") + " " + s.signer().describe() + " "
                + Hash.of(HashAlgorithm.SHA256, HashAlgorithm.SHA256.newDigest().digest(list)).hex();
        SignedList known = signedLists.get(key);
        if (known != null) {
            return known;
        }
        SignedList checked = verifiedList(asset, s, list);
        signedLists.put(key, checked);
        return checked;
    }

    private SignedList verifiedList(Asset asset, SignedBy s, byte[] list) {
        String url = s.checksums().orElseThrow();
        OpenPgpKeyring keys = keyring(s.signer());
        if (s.checksumsSignature().isPresent()) {
            OpenPgpDetachedCheck check = OpenPgpDetachedCheck.start(keys, read(asset, s.checksumsSignature().get()), url);
            check.update(list, 0, list.length);
            return new SignedList(new String(list, StandardCharsets.UTF_8), check.finish().lockValue());
        }
        ClearSignedText text = ClearSignedFile.verify(keys, list, url);
        return new SignedList(text.text(), text.verified().lockValue());
    }

    private OpenPgpKeyring keyring(Signer signer) {
        if (signer instanceof Signer.BuiltInKeyring b) {
            return trust.get().keyring(b.name());
        }
        return keyringFiles.computeIfAbsent(((Signer.KeyringFile) signer).path(), OpenPgpKeyring::read);
    }

    /**
     * A signature file, certificate or signed list: refused as missing when upstream answers it has none (a mirror
     * that drops signature files must not turn a signed file into an unsigned one); unreachable otherwise.
     */
    private byte[] read(Asset asset, String url) {
        UpstreamFiles.Read r = files.read(asset, url);
        if (r.bytes().isPresent()) {
            return r.bytes().get();
        }
        String tried = String.join("; ", r.failures());
        if (r.missing() || r.last().isEmpty()) {
            throw new SignatureRefused(url, Reason.MISSING, "it could not be read (" + tried + ")",
                    "the signature of " + asset.fileName() + " by " + asset.signedBy().map(b -> b.signer().describe()).orElse("its signer"));
        }
        throw new Unreachable("cannot read the signature file " + url + " (" + tried + ")", url, r.last().get(),
                "check the network path (proxy settings) and the URL; nothing was published for " + asset.fileName());
    }

    private static String sha256Hex(byte[] bytes) {
        return Hash.of(HashAlgorithm.SHA256, HashAlgorithm.SHA256.newDigest().digest(bytes)).hex();
    }
}
