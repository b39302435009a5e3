package dev.ferry.mirror.lock;

import dev.ferry.error.FerryException;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.SignatureStatus;
import dev.ferry.mirror.asset.SignedBy;
import dev.ferry.mirror.asset.Signer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An asset's {@code signature} and {@code signedBy} in the lock:
 * <pre>
 *   signature: "verified (key C9C370B246B09F6DBCFC744C34401015D1D2D386)"
 *   signedBy:
 *     keyring: builtin:runc              # or keys/vendor.asc, relative to the lock; or sigstore: kubernetes-release
 *     detached: https://…/runc.amd64.asc
 *     checksums: https://…/runc.sha256sum
 * </pre>
 */
final class LockSignatures {
    private static final String BUILT_IN = "builtin:";
    private static final Set<String> KEYS = Set.of("keyring", "sigstore", "detached", "certificate", "checksums", "checksumsSignature");

    private LockSignatures() {}

    static void write(StringBuilder sb, Asset a, Path folder) {
        sb.append("  signature: ").append(LockFile.scalar(a.signature().text())).append('\n');
        if (a.signedBy().isEmpty()) {
            return;
        }
        SignedBy s = a.signedBy().get();
        sb.append("  signedBy:\n");
        if (s.signer() instanceof Signer.Sigstore id) {
            line(sb, "sigstore", Optional.of(id.identity()));
        } else {
            line(sb, "keyring", Optional.of(keyring(s.signer(), folder)));
        }
        line(sb, "detached", s.detached());
        line(sb, "certificate", s.certificate());
        line(sb, "checksums", s.checksums());
        line(sb, "checksumsSignature", s.checksumsSignature());
    }

    private static void line(StringBuilder sb, String key, Optional<String> value) {
        value.ifPresent(v -> sb.append("    ").append(key).append(": ").append(LockFile.scalar(v)).append('\n'));
    }

    /** {@code builtin:runc}, or the keyring file's path relative to the lock's folder (forward slashes). */
    private static String keyring(Signer signer, Path folder) {
        if (signer instanceof Signer.BuiltInKeyring b) {
            return BUILT_IN + b.name();
        }
        Path file = ((Signer.KeyringFile) signer).path();
        Path shown = file.getRoot() != null && file.getRoot().equals(folder.getRoot()) ? folder.relativize(file) : file;
        return shown.toString().replace('\\', '/');
    }

    static SignedBy signedBy(YamlNode node, Path folder) {
        Map<String, YamlNode> m = node.mapWithKeys("signedBy", KEYS);
        Optional<String> keyring = YamlNode.optString(m, "keyring");
        Optional<String> sigstore = YamlNode.optString(m, "sigstore");
        if (keyring.isPresent() == sigstore.isPresent()) {
            throw node.error("signedBy names exactly one signer: keyring (builtin:NAME or a file) or sigstore", null);
        }
        Signer signer = sigstore.<Signer>map(Signer.Sigstore::new).orElseGet(() -> keyring.get().startsWith(BUILT_IN)
                ? new Signer.BuiltInKeyring(keyring.get().substring(BUILT_IN.length()))
                : new Signer.KeyringFile(folder.resolve(keyring.get())));
        try {
            return new SignedBy(signer, YamlNode.optString(m, "detached"), YamlNode.optString(m, "certificate"),
                    YamlNode.optString(m, "checksums"), YamlNode.optString(m, "checksumsSignature"));
        } catch (FerryException e) {
            throw node.error(e.getMessage(), e.hint().orElse(null));
        }
    }

    /** The lock's {@code signature}; a lock written before signatures were recorded says what it would have said then. */
    static SignatureStatus status(Map<String, YamlNode> asset, Optional<SignedBy> signedBy) {
        Optional<String> text = YamlNode.optString(asset, "signature");
        if (text.isEmpty()) {
            return SignatureStatus.before(signedBy);
        }
        try {
            return new SignatureStatus(text.get());
        } catch (FerryException e) {
            throw asset.get("signature").error(e.getMessage(), e.hint().orElse(null));
        }
    }
}
