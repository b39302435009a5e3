package dev.ferry.mirror.lock;

import dev.ferry.concurrent.ParallelMap;
import dev.ferry.error.FailureGroups;
import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.catalog.Catalog;
import dev.ferry.mirror.catalog.CatalogRequest;
import dev.ferry.mirror.catalog.Selection;
import dev.ferry.mirror.catalog.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks the hashes a lock pins ({@code ferry mirror lock verify}): against Ferry's catalog (kOps's tables, and
 * the catalog's own pins for the clusters the lock was planned for), and, online, against the upstream checksum
 * file each pinned asset names. A lock edited by hand, or an upstream that changed a file after the lock was
 * reviewed, shows up here, before any sync.
 */
public final class LockCheck {

    /** A pinned hash that another source contradicts. */
    public record Disagreement(String key, Asset asset, Hash pinned, Hash other, String otherSource) {
        public String describe() {
            String from = ((ExpectedHash.Known) asset.hash()).provenance().id();
            return key + ": the lock pins " + pinned + " (" + from + "), but " + otherSource + " says " + other.hex();
        }
    }

    /**
     * @param againstCatalog pinned hashes the catalog also knows, compared
     * @param online         pinned hashes compared with their upstream checksum file
     * @param unpinned       assets the lock leaves to their upstream sidecar (nothing to compare)
     * @param unreadable     checksum files that could not be read online, by asset key
     */
    public record Result(List<Disagreement> disagreements, int againstCatalog, int online, int unpinned,
                         List<FailureGroups.Failure> unreadable) {
        public Result {
            disagreements = List.copyOf(disagreements);
            unreadable = List.copyOf(unreadable);
        }

        public boolean ok() {
            return disagreements.isEmpty() && unreadable.isEmpty();
        }
    }

    private record Known(Hash hash, String source) {}

    private LockCheck() {}

    /**
     * @param upstream when present, reads an asset's upstream checksum file (online)
     */
    public static Result check(Lock lock, Catalog catalog, Optional<Function<Asset, Hash>> upstream, int jobs) {
        Map<String, Known> fromCatalog = catalogHashes(lock, catalog);
        List<Disagreement> disagreements = new ArrayList<>();
        int againstCatalog = 0;
        int unpinned = 0;
        for (Asset a : lock.assets()) {
            if (!(a.hash() instanceof ExpectedHash.Known k)) {
                unpinned++;
                continue;
            }
            Known c = fromCatalog.get(a.url());
            if (c != null && c.hash().algorithm() == k.hash().algorithm()) {
                againstCatalog++;
                if (!c.hash().equals(k.hash())) {
                    disagreements.add(new Disagreement(a.key(lock.layout()), a, k.hash(), c.hash(), c.source()));
                }
            }
        }
        List<FailureGroups.Failure> unreadable = new ArrayList<>();
        int online = upstream.map(u -> online(lock, u, jobs, disagreements, unreadable)).orElse(0);
        return new Result(disagreements, againstCatalog, online, unpinned, unreadable);
    }

    /** Each pinned asset that names its upstream checksum file, compared with what that file says now. */
    private static int online(Lock lock, Function<Asset, Hash> upstream, int jobs, List<Disagreement> out,
                              List<FailureGroups.Failure> unreadable) {
        List<Asset> named = lock.assets().stream().filter(a -> a.hash() instanceof ExpectedHash.Known k && k.sidecar().isPresent()).toList();
        List<Object> reads = new ParallelMap(Math.max(1, jobs), "ferry-lock-check").map(named, a -> {
            try {
                return upstream.apply(a);
            } catch (FerryException e) {
                return e;
            }
        });
        for (int i = 0; i < named.size(); i++) {
            Asset a = named.get(i);
            ExpectedHash.Known k = (ExpectedHash.Known) a.hash();
            String key = a.key(lock.layout());
            if (reads.get(i) instanceof FerryException e) {
                unreadable.add(new FailureGroups.Failure(key, e));
            } else if (!reads.get(i).equals(k.hash())) {
                out.add(new Disagreement(key, a, k.hash(), (Hash) reads.get(i), "its upstream checksum file " + k.sidecar().get().url()));
            }
        }
        return named.size();
    }

    /** What the catalog pins, by URL: kOps's tables, and the rules' own pins for the clusters the lock was planned for. */
    private static Map<String, Known> catalogHashes(Lock lock, Catalog catalog) {
        Map<String, Known> out = new HashMap<>();
        for (Selection s : lock.selections()) {
            try {
                CatalogRequest request = new CatalogRequest(Version.parse(s.kops(), "kOps version"),
                        Optional.of(Version.parse(s.kubernetes(), "Kubernetes version")), s.arches(), s.networking(), s.options());
                for (Asset a : catalog.resolve(request).assets()) {
                    if (a.hash() instanceof ExpectedHash.Known k) {
                        out.put(a.url(), new Known(k.hash(), "Ferry's catalog (kOps " + s.kops() + ")"));
                    }
                }
            } catch (FerryException e) {
                // a selection this Ferry cannot plan (a newer catalog wrote it): its files are still looked up in the tables
            }
        }
        for (Asset a : lock.assets()) {
            catalog.tableHash(a.url()).ifPresent(e -> out.put(a.url(), new Known(e.hash(), "kOps's table " + e.describe())));
        }
        return out;
    }
}
