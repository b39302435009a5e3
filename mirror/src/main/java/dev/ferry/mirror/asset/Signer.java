package dev.ferry.mirror.asset;

import java.nio.file.Path;
import java.util.Objects;

/** Whose signature an asset must carry: a keyring Ferry ships, a keyring file of the lock's, or a sigstore identity. */
public sealed interface Signer {

    /** A keyring shipped with Ferry, by name ({@code runc}); the lock writes it {@code builtin:runc}. */
    record BuiltInKeyring(String name) implements Signer {
        public BuiltInKeyring {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A keyring file: absolute here, relative to the lock (or to ferry.yaml) in the files people write. */
    record KeyringFile(Path path) implements Signer {
        public KeyringFile {
            path = path.toAbsolutePath().normalize();
        }
    }

    /** A sigstore identity Ferry knows by name ({@code kubernetes-release}). */
    record Sigstore(String identity) implements Signer {
        public Sigstore {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /** OpenPGP keys sign (the others being sigstore). */
    default boolean isKeyring() {
        return !(this instanceof Sigstore);
    }

    /** "keyring runc (shipped with Ferry)", "keyring /srv/site/keys/vendor.asc", "sigstore signer kubernetes-release". */
    default String describe() {
        if (this instanceof BuiltInKeyring b) {
            return "keyring " + b.name() + " (shipped with Ferry)";
        }
        return this instanceof KeyringFile f ? "keyring " + f.path() : "sigstore signer " + ((Sigstore) this).identity();
    }
}
