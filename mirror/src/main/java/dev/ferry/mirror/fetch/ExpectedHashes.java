package dev.ferry.mirror.fetch;

import dev.ferry.error.NetworkFailure;
import dev.ferry.error.NoHashKnown;
import dev.ferry.http.HttpClient;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.retry.RetryPolicy;
import java.nio.charset.StandardCharsets;

/**
 * The hash an asset must have: the lock's, or the one its upstream checksum file gives, read once per run
 * (source mirrors first) however many jobs ask at once ({@link UpstreamFiles}). A checksum list the asset's signer
 * signs gives hashes only from its signed text ({@link ChecksumText}).
 */
final class ExpectedHashes {

    /** The text of a checksum file to read hashes from: the whole file, or only what its signature covers. */
    @FunctionalInterface
    interface ChecksumText {
        ChecksumText WHOLE_FILE = (asset, url, file) -> new String(file, StandardCharsets.UTF_8);

        String of(Asset asset, String url, byte[] file);
    }

    private final UpstreamFiles files;
    private final ChecksumText text;

    ExpectedHashes(HttpClient http, RetryPolicy retry, RetryPolicy.RetryListener onRetry) {
        this(new UpstreamFiles(http, retry, onRetry), ChecksumText.WHOLE_FILE);
    }

    ExpectedHashes(UpstreamFiles files, ChecksumText text) {
        this.files = files;
        this.text = text;
    }

    Hash of(Asset asset) {
        if (asset.hash() instanceof ExpectedHash.Known k) {
            return k.hash();
        }
        return read(asset, (ExpectedHash.FromSidecar) asset.hash());
    }

    /** What the upstream checksum file {@code s} says the asset's hash is, whatever the lock pins. */
    Hash read(Asset asset, ExpectedHash.FromSidecar s) {
        UpstreamFiles.Read r = files.read(asset, s.url());
        if (r.bytes().isEmpty()) {
            // The last source decides the cause (the canonical one comes last, after source mirrors), as for downloads.
            boolean network = r.last().isPresent() && r.last().get().kind() != NetworkFailure.Kind.OTHER;
            throw new NoHashKnown(asset.url(), "its checksum file could not be read (" + String.join("; ", r.failures()) + ")",
                    network ? "nothing was published for it; check the network path to " + r.last().get().host() + " and run again"
                            : "nothing was published for it; check the checksum file's URL, or pin its sha256 in the manifest or the lock",
                    network ? r.last() : java.util.Optional.empty());
        }
        return ChecksumFile.parse(text.of(asset, s.url(), r.bytes().get()), s.format(), s.algorithm(), asset.url(), s.url());
    }
}
