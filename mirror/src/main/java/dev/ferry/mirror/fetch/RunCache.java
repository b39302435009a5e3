package dev.ferry.mirror.fetch;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.progress.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The verified cache as one run sees it: a file an earlier run cached is read once more before this run trusts
 * it (disks and people change files), then not again; a damaged entry is dropped so it is downloaded afresh.
 */
final class RunCache {
    private final ContentCache cache;
    private final Progress progress;
    /** Files this run downloaded or re-read itself: no need to read them again. */
    private final Set<Path> verified = ConcurrentHashMap.newKeySet();

    RunCache(ContentCache cache, Progress progress) {
        this.cache = cache;
        this.progress = progress;
    }

    ContentCache cache() {
        return cache;
    }

    /** The cached file holding {@code want} with every digest in {@code wanted}, or empty when absent or damaged. */
    Optional<CachedFile> find(Hash want, Set<HashAlgorithm> wanted) {
        Optional<CachedFile> hit = cache.find(want);
        boolean missing = hit.isPresent() && !hit.get().digests().covers(wanted);
        if (hit.isEmpty() || (!verified.add(hit.get().path()) && !missing)) {
            return hit;
        }
        CachedFile file = hit.get();
        Set<HashAlgorithm> all = EnumSet.noneOf(HashAlgorithm.class);
        all.addAll(wanted);
        file.digests().md5().ifPresent(h -> all.add(HashAlgorithm.MD5));
        file.digests().sha1().ifPresent(h -> all.add(HashAlgorithm.SHA1));
        Digests now = rehash(file.path(), all);
        if (!now.sha256().equals(file.digests().sha256()) || now.size() != file.digests().size()) {
            progress.info("cache entry " + file.path() + " is damaged (" + now.sha256() + "); downloading again");
            RangedDownload.deleteQuietly(file.path());
            verified.remove(file.path());
            return Optional.empty();
        }
        return file.digests().covers(all) ? hit : Optional.of(cache.update(file, now));
    }

    /** Records a file this run has just verified and committed. */
    CachedFile committed(Path part, Digests digests) {
        CachedFile done = cache.commit(part, digests);
        verified.add(done.path());
        return done;
    }

    private static Digests rehash(Path file, Set<HashAlgorithm> also) {
        try {
            return RunningDigests.of(file, also);
        } catch (IOException e) {
            throw new FerryException("cannot read the cached file " + file + ": " + e.getMessage(), "delete it and run again");
        }
    }
}
