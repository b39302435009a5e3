package dev.ferry.mirror.plan;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.mirror.asset.SidecarFormat;
import dev.ferry.mirror.asset.SignedBy;
import dev.ferry.mirror.asset.Signer;
import dev.ferry.mirror.asset.SourceMirror;
import dev.ferry.mirror.catalog.Catalog;
import dev.ferry.mirror.catalog.CatalogRequest;
import dev.ferry.mirror.catalog.Resolution;
import dev.ferry.mirror.catalog.Selection;
import dev.ferry.mirror.layout.KeyRules;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Turns a {@link PlanInput} into a lock: catalog, kops-assets file and extra files merged, keys checked. */
public final class Planner {
    private final Catalog catalog;

    public Planner(Catalog catalog) {
        this.catalog = catalog;
    }

    public Plan plan(PlanInput input) {
        List<String> notes = new ArrayList<>();
        List<Selection> selections = new ArrayList<>();
        Set<Layout> lineLayouts = new LinkedHashSet<>();
        Map<String, Asset> byUrl = new LinkedHashMap<>();
        ImageList images = new ImageList();
        Set<String> imageNotes = new LinkedHashSet<>();

        for (CatalogRequest request : input.clusters()) {
            Resolution r = catalog.resolve(request);
            selections.add(r.selection());
            lineLayouts.add(r.layout());
            for (String note : r.notes()) {
                notes.add("kOps " + r.selection().kops() + ": " + note);
            }
            for (Asset a : r.assets()) {
                merge(byUrl, a, "the catalog");
            }
            r.images().forEach(images::catalog);
            r.imageNotes().forEach(n -> imageNotes.add("kOps " + r.selection().kops() + ": " + n));
        }
        input.kopsAssets().ifPresent(file -> notes.add(mergeKopsAssets(file, byUrl, images)));
        for (ExtraFile f : input.files()) {
            merge(byUrl, extra(f), f.where());
        }
        // The user's images add to the catalog's; one the catalog lists keeps the catalog's origin.
        input.manifestImages().forEach(images::manifest);
        input.images().forEach(images::given);
        if (byUrl.isEmpty() && images.isEmpty()) {
            throw FerryException.badInput("nothing to plan", "give --kops VERSION, --from-kops-assets FILE, --manifest FILE or --image REF");
        }

        Layout layout = input.layout().orElseGet(() -> {
            if (lineLayouts.size() > 1) {
                notes.add("the kOps lines asked for read different layouts; planning for the kops layout (use --layout to choose)");
                return Layout.KOPS;
            }
            return lineLayouts.stream().findFirst().orElse(Layout.KOPS);
        });

        List<Asset> assets = new ArrayList<>();
        for (Asset a : byUrl.values()) {
            for (SourceMirror m : input.sourceMirrors()) {
                a = m.applyTo(a);
            }
            assets.add(a);
        }
        checkKeys(assets, layout);
        return new Plan(new Lock(input.generatedBy(), layout, selections, assets, images.locked()), notes, images.shown(),
                List.copyOf(imageNotes));
    }

    /** The files and images of {@code kops get assets}: its hashes are authoritative; returns the note that says so. */
    private String mergeKopsAssets(Path file, Map<String, Asset> byUrl, ImageList images) {
        KopsAssets fromKops = KopsAssets.read(file, catalog.keyRules());
        for (Asset a : fromKops.files()) {
            Asset known = byUrl.get(a.url());
            // kops get assets is authoritative: its hash replaces a catalog sidecar or pin.
            byUrl.put(a.url(), known == null ? a : known.withHash(a.hash()));
        }
        fromKops.images().forEach(i -> images.kopsAssets(i, file.toString()));
        return fromKops.files().size() + " files and their hashes" + (fromKops.images().isEmpty() ? "" : ", and "
                + fromKops.images().size() + " images,") + " taken from " + file;
    }

    private static void merge(Map<String, Asset> byUrl, Asset a, String from) {
        Asset prior = byUrl.get(a.url());
        if (prior == null) {
            byUrl.put(a.url(), a);
            return;
        }
        if (prior.hash() instanceof ExpectedHash.Known p && a.hash() instanceof ExpectedHash.Known n
                && !p.hash().equals(n.hash())) {
            throw FerryException.badInput(a.url() + " is given two different hashes: " + p.hash() + " (" + p.provenance() + ") and "
                    + n.hash() + " (" + n.provenance() + ", " + from + ")", "remove or correct one of them");
        }
        if (prior.signedBy().isPresent() && a.signedBy().isPresent() && !prior.signedBy().equals(a.signedBy())) {
            throw FerryException.badInput(a.url() + " is given two different signers: " + prior.signedBy().get().signer().describe() + " and "
                    + a.signedBy().get().signer().describe() + " (" + from + ")", "name its signature and keyring in one place");
        }
        Asset merged = prior.signedBy().isEmpty() && a.signedBy().isPresent() ? prior.withSignedBy(a.signedBy()) : prior;
        if (prior.hash() instanceof ExpectedHash.FromSidecar && a.hash() instanceof ExpectedHash.Known) {
            merged = merged.withHash(a.hash());
        }
        byUrl.put(a.url(), merged);
    }

    private Asset extra(ExtraFile f) {
        Map<Layout, String> keys = new EnumMap<>(Layout.class);
        if (f.key().isPresent()) {
            KeyRules.kopsKey(f.url()); // a URL the lock could not be read back with is refused now (keys() checks the others)
            String key = f.key().get().replaceFirst("^/+", "");
            KeyRules.checkKey(key, f.url());
            for (Layout l : Layout.values()) {
                keys.put(l, key);
            }
        } else {
            keys.putAll(catalog.keyRules().keys(f.url()));
        }
        // A checksum list named in the manifest is where the hash is read (a pinned sha256 still wins).
        ExpectedHash.FromSidecar sidecar = f.checksums().map(c -> new ExpectedHash.FromSidecar(c, SidecarFormat.SUMS, HashAlgorithm.SHA256))
                .orElseGet(() -> new ExpectedHash.FromSidecar(f.url() + ".sha256", SidecarFormat.BARE, HashAlgorithm.SHA256));
        ExpectedHash hash = f.sha256()
                .<ExpectedHash>map(h -> {
                    Hash parsed = Hash.parseHex(h, f.where() + ": sha256 of " + f.url());
                    if (parsed.algorithm() != HashAlgorithm.SHA256) {
                        throw FerryException.badInput(f.where() + ": sha256 of " + f.url() + " has " + h.trim().length()
                                + " characters; a sha256 has 64", null);
                    }
                    return new ExpectedHash.Known(parsed, Provenance.MANIFEST, f.checksums().map(c -> sidecar));
                })
                .orElse(sidecar);
        return new Asset(f.url(), KopsAssets.arch(f.url()), AssetKind.EXTRA, KopsAssets.version(f.url()), keys, hash,
                List.of(f.url()), OptionalLong.empty()).withSignedBy(f.keyring().map(k -> signedBy(f, k)));
    }

    /** The manifest's signature is of the checksum list when it names one, else of the file; without one the list is clear-signed. */
    private static SignedBy signedBy(ExtraFile f, Path keyring) {
        Signer signer = new Signer.KeyringFile(keyring);
        return f.checksums().isPresent()
                ? new SignedBy(signer, Optional.empty(), Optional.empty(), f.checksums(), f.signature())
                : SignedBy.detached(signer, f.signature().orElseThrow());
    }

    /** Two canonical URLs on one key, or an object on another's sidecar key, would overwrite each other. */
    static void checkKeys(List<Asset> assets, Layout layout) {
        Map<String, String> owner = new HashMap<>();
        for (Asset a : assets) {
            String prior = owner.putIfAbsent(a.key(layout), a.url());
            if (prior != null) {
                throw FerryException.badInput("two files map to the mirror key '" + a.key(layout) + "' in the " + layout
                        + " layout: " + prior + " and " + a.url(),
                        "give one of them its own key in the manifest (files: - url: … key: …), or mirror them separately");
            }
        }
        for (Asset a : assets) {
            String sidecar = layout.sidecarKey(a.key(layout));
            if (owner.containsKey(sidecar)) {
                throw FerryException.badInput("the file " + owner.get(sidecar) + " would sit on the sidecar key '" + sidecar
                        + "' of " + a.url(), "mirror sidecars are written by Ferry; leave checksum files out of the manifest");
            }
        }
    }
}
