package dev.ferry.mirror.env;

import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.catalog.Selection;
import dev.ferry.mirror.catalog.Version;
import dev.ferry.mirror.env.KopsSettings.Note;
import dev.ferry.mirror.env.KopsSettings.Severity;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Works out what kOps needs to read a mirror at a public URL (KOPS_BASE_URL, spec.assets.fileRepository, the --kubernetes-version URL), from the keys the
 * lock gives each asset, so it follows the layout actually used. Pure computation: nothing is fetched.
 */
public final class MirrorEnv {
    private static final AssetKind KUBE_IMAGE = new AssetKind("kube-image");

    private MirrorEnv() {}

    /**
     * One {@link KopsSettings} per kOps/Kubernetes pair of the lock.
     *
     * @param region the cluster's region when known ({@code cn-north-1}); sharpens the notes about partitions
     */
    public static List<KopsSettings> settings(PublicUrl url, Lock lock, Optional<String> region) {
        List<KopsSettings> all = new ArrayList<>();
        for (Selection s : selections(lock)) {
            all.add(settings(url, lock, s, region));
        }
        return all;
    }

    /**
     * The kOps/Kubernetes pairs of a lock: its selections, or, for a lock made from {@code kops get assets}
     * (which records none), the versions its nodeup and kubelet assets name.
     */
    static List<Selection> selections(Lock lock) {
        if (!lock.selections().isEmpty()) {
            return lock.selections();
        }
        List<String> kops = versionsOf(lock, AssetKind.NODEUP);
        List<String> kubernetes = versionsOf(lock, AssetKind.KUBELET);
        List<Selection> out = new ArrayList<>();
        for (String k : kops) {
            for (String kube : kubernetes.isEmpty() ? List.of("") : kubernetes) {
                out.add(new Selection(k, kube, "the lock's assets", lock.assets().stream().flatMap(a -> a.arch().stream()).distinct().sorted().toList(),
                        Networking.OTHER, java.util.Set.of()));
            }
        }
        return out;
    }

    private static List<String> versionsOf(Lock lock, AssetKind kind) {
        return lock.assets().stream().filter(a -> a.kind().equals(kind) && !a.version().isEmpty()).map(Asset::version).distinct().sorted().toList();
    }

    private static KopsSettings settings(PublicUrl url, Lock lock, Selection s, Optional<String> region) {
        Layout layout = lock.layout();
        List<Note> notes = new ArrayList<>(urlNotes(url, region));

        Optional<String> kopsBase = base(lock, AssetKind.NODEUP, s.kops(), "linux/", "/nodeup").map(b -> url.resolve(b) + "/");
        if (kopsBase.isEmpty()) {
            notes.add(new Note(Severity.WARNING, "the lock has no nodeup for kOps " + s.kops()
                    + " under a …/linux/<arch>/nodeup key, so KOPS_BASE_URL cannot point at this mirror"));
        } else {
            String last = lastSegment(kopsBase.get());
            if (!last.equals(s.kops())) {
                boolean refused = Version.parse(s.kops(), "kOps version").compareTo(Version.parse("1.36.0", "kOps 1.36")) >= 0;
                notes.add(new Note(refused ? Severity.WARNING : Severity.NOTE, "KOPS_BASE_URL ends in '" + last + "', not the kOps version "
                        + s.kops() + (refused ? ": kOps 1.36 and later refuse it" : ": kOps 1.36 and later will refuse it")));
            }
        }

        Optional<String> fileRepository = Optional.empty();
        if (layout == Layout.KOPS) {
            fileRepository = Optional.of(url.value());
        } else {
            notes.add(new Note(Severity.NOTE, "the legacy (2018) layout is not kOps's fileRepository layout: do not set "
                    + "spec.assets.fileRepository to it; use KOPS_BASE_URL, CNI_VERSION_URL and --kubernetes-version"));
        }

        Optional<String> kubeVersionUrl = Optional.empty();
        Optional<String> kubeBase = base(lock, AssetKind.KUBELET, s.kubernetes(), "bin/linux/", "/kubelet");
        boolean hasTars = lock.assets().stream().anyMatch(a -> a.kind().equals(KUBE_IMAGE) && a.version().equals(s.kubernetes()));
        if (kubeBase.isPresent() && hasTars) {
            kubeVersionUrl = Optional.of(url.resolve(kubeBase.get()));
            String minor = "/v" + s.kubernetes().replaceFirst("^(\\d+\\.\\d+)\\..*$", "$1") + ".";
            if (!kubeVersionUrl.get().contains(minor)) {
                notes.add(new Note(Severity.WARNING, "the --kubernetes-version URL does not contain '" + minor
                        + "', which kOps needs to read the version from it"));
            }
        } else if (kubeBase.isPresent()) {
            notes.add(new Note(Severity.NOTE, "no --kubernetes-version URL: the mirror lacks the kube-*.tar images for Kubernetes "
                    + s.kubernetes() + "; plan with --kube-image-tars to mirror them, or give --kubernetes-version " + s.kubernetes()
                    + " and let nodes pull the images from a registry"));
        }

        Optional<String> cni = Optional.empty();
        if (layout == Layout.LEGACY) {
            cni = lock.assets().stream().filter(a -> a.kind().equals(AssetKind.CNI)).findFirst().map(a -> url.resolve(a.key(layout)));
        }
        return new KopsSettings(s.kops(), s.kubernetes(), layout, url, kopsBase, fileRepository, kubeVersionUrl, cni, notes);
    }

    /** The key prefix before {@code <middle><arch><end>} of the first {@code kind} asset of {@code version}. */
    private static Optional<String> base(Lock lock, AssetKind kind, String version, String middle, String end) {
        for (Asset a : lock.assets()) {
            if (!a.kind().equals(kind) || !a.version().equals(version) || a.arch().isEmpty()) {
                continue;
            }
            String key = a.key(lock.layout());
            String tail = middle + a.arch().get().id() + end;
            if (key.endsWith("/" + tail)) {
                return Optional.of(key.substring(0, key.length() - tail.length() - 1));
            }
        }
        return Optional.empty();
    }

    private static String lastSegment(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return u.substring(u.lastIndexOf('/') + 1);
    }

    /** What is wrong with the URL itself, whatever the lock says. */
    static List<Note> urlNotes(PublicUrl url, Optional<String> region) {
        List<Note> notes = new ArrayList<>();
        boolean chinaRegion = region.map(r -> r.startsWith("cn-")).orElse(false);
        if (url.isS3Scheme()) {
            String suggestion = "https://" + url.host() + ".s3." + region.orElse("cn-north-1") + ".amazonaws.com.cn"
                    + (url.path().isEmpty() ? "" : "/" + url.path());
            if (chinaRegion) {
                notes.add(new Note(Severity.WARNING, "kOps in the AWS China partition does not accept s3:// repositories: nodes and "
                        + "`kops update cluster` read the mirror anonymously over HTTPS. Use " + suggestion));
            } else {
                notes.add(new Note(Severity.WARNING, "an s3:// URL cannot work in AWS China (cn-north-1, cn-northwest-1), where the "
                        + "mirror is read anonymously over HTTPS (e.g. " + suggestion + "); elsewhere every node needs S3 read credentials"));
            }
            return notes;
        }
        boolean otherPartition = chinaRegion && url.isS3Endpoint() && !url.isChinaEndpoint();
        if (otherPartition) {
            notes.add(new Note(Severity.WARNING, "region " + region.get() + " is in the AWS China partition, but " + url.host()
                    + " is not a China endpoint (those end in .amazonaws.com.cn): nodes there cannot read it"));
        }
        if (url.isChinaEndpoint() && url.isS3Endpoint() && url.endpointRegion().isEmpty()) {
            notes.add(new Note(Severity.WARNING, url.host() + " names no region, and the China partition has no global S3 endpoint: "
                    + "use " + url.host().replace("s3.amazonaws.com.cn", "s3." + region.orElse("cn-north-1") + ".amazonaws.com.cn")));
        }
        if (!otherPartition && region.isPresent() && url.endpointRegion().isPresent() && !url.endpointRegion().get().equals(region.get())) {
            notes.add(new Note(Severity.NOTE, "the URL is in " + url.endpointRegion().get() + " and the cluster in " + region.get()
                    + ": that works if the bucket is in " + url.endpointRegion().get() + " (S3 redirects other regions, which kOps does not follow)"));
        }
        if (url.scheme().equals("https") && url.isVirtualHosted() && url.bucket().map(b -> b.contains(".")).orElse(false)) {
            notes.add(new Note(Severity.WARNING, "the bucket name '" + url.bucket().get() + "' has dots, so the S3 HTTPS certificate "
                    + "does not match " + url.host() + ": use the path-style URL https://" + url.host().substring(url.bucket().get().length() + 1)
                    + "/" + url.bucket().get() + (url.path().isEmpty() ? "" : "/" + url.path())));
        }
        return notes;
    }
}
