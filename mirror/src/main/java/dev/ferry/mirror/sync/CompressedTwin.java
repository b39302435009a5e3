package dev.ferry.mirror.sync;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tukaani.xz.XZInputStream;

/**
 * From kOps 1.37 nodes download {@code nodeup.xz}, decompress it, and check the sha256 of the
 * decompressed binary against nodeup's. An {@code .xz} whose own hash is right but that does not
 * decompress to that very nodeup would pass every sidecar check and still boot-loop every node, so
 * the mirror checks it before publishing.
 */
public final class CompressedTwin {
    private final Map<String, Asset> byUrl = new HashMap<>();

    public CompressedTwin(List<Asset> assets) {
        for (Asset a : assets) {
            byUrl.put(a.url(), a);
        }
    }

    /** The uncompressed asset an {@code .xz} asset must decompress to, when the lock has it. */
    public Optional<Asset> twinOf(Asset asset) {
        return asset.url().endsWith(".xz")
                ? Optional.ofNullable(byUrl.get(asset.url().substring(0, asset.url().length() - 3)))
                : Optional.empty();
    }

    /** Refuses {@code xz} unless it decompresses to bytes whose sha256 is {@code expected}'s. */
    public static void check(Asset asset, Path xz, Asset twin, Function<Asset, Hash> expectedHash) {
        Hash expected = expectedHash.apply(twin);
        if (expected.algorithm() != HashAlgorithm.SHA256) {
            return; // nodes compare sha256; a lock without one for the twin has nothing to compare
        }
        MessageDigest sha256 = HashAlgorithm.SHA256.newDigest();
        try (InputStream in = new XZInputStream(Files.newInputStream(xz))) {
            byte[] buf = new byte[256 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                sha256.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new FerryException(asset.url() + " does not decompress: " + e.getMessage(),
                    "the file upstream is damaged or not xz; nothing was published");
        }
        Hash actual = Hash.of(HashAlgorithm.SHA256, sha256.digest());
        if (!actual.equals(expected)) {
            throw new FerryException(asset.url() + " decompresses to sha256 " + actual.hex() + ", but " + twin.url()
                    + " is expected to be " + expected.hex() + "; nodes would refuse it, so it was not published",
                    "the .xz and the binary upstream are from different builds; check the kOps release and run again");
        }
    }
}
