package dev.ferry.e2e.support;

import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.mirror.asset.SidecarFormat;
import dev.ferry.mirror.layout.KeyRules;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/** Builds a lock of assets served by a test {@link Upstream}, the way {@code ferry mirror plan} would write it. */
public final class TestLock {
    private final List<Asset> assets = new ArrayList<>();
    private final KeyRules keys = new KeyRules(List.of(new KeyRules.PrefixRule("http://legacy.invalid/", "legacy/")));

    /** An asset whose sha256 the lock knows. */
    public TestLock known(String url, byte[] bytes) {
        return known(url, sha256(bytes));
    }

    /** An asset with this expected sha256 hex (right or wrong). */
    public TestLock known(String url, String sha256Hex) {
        assets.add(new Asset(url, Optional.empty(), AssetKind.EXTRA, "", keys.keys(url),
                new ExpectedHash.Known(Hash.sha256(sha256Hex), Provenance.MANIFEST), List.of(url), OptionalLong.empty()));
        return this;
    }

    /** An asset whose sha256 is read at download time from {@code sidecarUrl} in {@code format}. */
    public TestLock fromSidecar(String url, String sidecarUrl, SidecarFormat format) {
        assets.add(new Asset(url, Optional.empty(), AssetKind.EXTRA, "", keys.keys(url),
                new ExpectedHash.FromSidecar(sidecarUrl, format, HashAlgorithm.SHA256), List.of(url), OptionalLong.empty()));
        return this;
    }

    /** The last asset added is fetched from {@code mirrors} first, then from its canonical URL. */
    public TestLock mirroredAt(String... mirrors) {
        Asset last = assets.remove(assets.size() - 1);
        List<String> sources = new ArrayList<>(List.of(mirrors));
        sources.add(last.url());
        assets.add(last.withSources(sources));
        return this;
    }

    public List<Asset> assets() {
        return List.copyOf(assets);
    }

    public Path write(Path file) {
        LockFile.write(new Lock("ferry test", Layout.KOPS, List.of(), assets), file);
        return file;
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(HashAlgorithm.SHA256.newDigest().digest(bytes));
    }

    public static String md5(byte[] bytes) {
        return HexFormat.of().formatHex(HashAlgorithm.MD5.newDigest().digest(bytes));
    }

    public static String sha1(byte[] bytes) {
        return HexFormat.of().formatHex(HashAlgorithm.SHA1.newDigest().digest(bytes));
    }

    /** Deterministic pseudo-random bytes (incompressible, so no layer can shortcut them). */
    public static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
