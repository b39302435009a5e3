package dev.ferry.mirror.asset;

import dev.ferry.mirror.layout.Layout;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One file a cluster downloads: where it canonically lives, what it is, where it goes in the mirror
 * under each layout, what it must hash to, and where to fetch it from, in order.
 *
 * @param url     the canonical upstream URL; kOps's fileRepository key is derived from it
 * @param arch    the architecture, empty for arch-independent files
 * @param kind    what it is, in the user's words (kubelet, nodeup, …)
 * @param version the version of the thing itself (Kubernetes, containerd, kOps, …), or "" when unknown
 * @param keys    the object key in the mirror, per layout
 * @param hash    the expected hash
 * @param sources URLs to try in order; always includes {@code url} (source mirrors before it, kOps's fallbacks after)
 * @param size    the size in bytes, when known
 * @param signedBy where upstream signs it and who must have signed it; empty when Ferry knows of no signature
 * @param signature what was verified of that signature when the lock was written ({@code plan --resolve})
 */
public record Asset(
        String url,
        Optional<Arch> arch,
        AssetKind kind,
        String version,
        Map<Layout, String> keys,
        ExpectedHash hash,
        List<String> sources,
        OptionalLong size,
        Optional<SignedBy> signedBy,
        SignatureStatus signature) {

    /** An asset Ferry knows no signature of. */
    public Asset(String url, Optional<Arch> arch, AssetKind kind, String version, Map<Layout, String> keys, ExpectedHash hash,
                 List<String> sources, OptionalLong size) {
        this(url, arch, kind, version, keys, hash, sources, size, Optional.empty(), SignatureStatus.UNSIGNED);
    }

    public Asset {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(signedBy, "signedBy");
        Objects.requireNonNull(signature, "signature");
        if (signedBy.isEmpty() && !signature.equals(SignatureStatus.UNSIGNED) && !signature.equals(SignatureStatus.NOT_CHECKED)) {
            throw new IllegalArgumentException("the signature of " + url + " is said to be " + signature + ", but nothing signs it (no signedBy)");
        }
        keys = Map.copyOf(keys);
        sources = List.copyOf(sources);
        if (!sources.contains(url)) {
            throw new IllegalArgumentException("sources of " + url + " must include the canonical URL");
        }
        for (String source : sources) {
            SourceUrl.check(source, source.equals(url) ? "the asset's URL" : "a source of " + url);
        }
    }

    /** The object key in the mirror under {@code layout}. */
    public String key(Layout layout) {
        String key = keys.get(layout);
        if (key == null) {
            throw new IllegalStateException(url + " has no key in the " + layout + " layout");
        }
        return key;
    }

    /** The last path segment of the canonical URL: what upstream checksum lists call the file. */
    public String fileName() {
        String path = url.replaceFirst("[?#].*$", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public Asset withHash(ExpectedHash newHash) {
        return new Asset(url, arch, kind, version, keys, newHash, sources, size, signedBy, signature);
    }

    public Asset withSources(List<String> newSources) {
        return new Asset(url, arch, kind, version, keys, hash, newSources, size, signedBy, signature);
    }

    public Asset withKeys(Map<Layout, String> newKeys) {
        return new Asset(url, arch, kind, version, newKeys, hash, sources, size, signedBy, signature);
    }

    /** Signed by {@code by}, nothing verified yet. */
    public Asset withSignedBy(Optional<SignedBy> by) {
        return new Asset(url, arch, kind, version, keys, hash, sources, size, by, SignatureStatus.before(by));
    }

    /** With what a check of its signature proved. */
    public Asset withSignature(SignatureStatus status) {
        return new Asset(url, arch, kind, version, keys, hash, sources, size, signedBy, status);
    }

    /** "amd64", "arm64", or "-" for arch-independent files. */
    public String archLabel() {
        return arch.map(Arch::id).orElse("-");
    }
}
