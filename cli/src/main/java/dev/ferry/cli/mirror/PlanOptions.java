package dev.ferry.cli.mirror;

import dev.ferry.cli.FerryVersion;
import dev.ferry.cli.LayoutOption;
import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.SourceMirror;
import dev.ferry.mirror.catalog.Catalog;
import dev.ferry.mirror.catalog.CatalogRequest;
import dev.ferry.mirror.catalog.DnsMode;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.catalog.PlannedImage;
import dev.ferry.mirror.catalog.Version;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.plan.ExtraFile;
import dev.ferry.mirror.plan.Manifest;
import dev.ferry.mirror.plan.Plan;
import dev.ferry.mirror.plan.PlanInput;
import dev.ferry.mirror.plan.Planner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags that say what to mirror; shared by {@code plan} and every command that accepts "--lock or the plan flags". */
public final class PlanOptions {

    @Option(names = "--kops", paramLabel = "VERSION", description = "kOps release whose assets to mirror, e.g. 1.30.4.")
    Version kops;

    @Option(names = "--kubernetes", paramLabel = "VERSION",
            description = "Kubernetes version the cluster runs, e.g. 1.30.0 (default: the one Ferry's catalog recommends for the kOps line).")
    Version kubernetes;

    @Option(names = "--arch", split = ",", paramLabel = "ARCH", description = "Architectures: amd64, arm64 (default: both, as kOps does).")
    List<Arch> arch;

    @Option(names = "--networking", paramLabel = "PLUGIN",
            description = "Cluster networking: amazonvpc, cilium, calico or other (default: other). From kOps 1.32 the reference CNI plugins are skipped for amazonvpc, calico and cilium.")
    Networking networking;

    @Option(names = "--dns", paramLabel = "MODE",
            description = "How the cluster publishes its API name: none (kOps's --dns none, as AWS China clusters do: no dns-controller image) or route53 (a Route 53 zone; kOps's public or private). Default: what `kops create cluster` picks for the release (route53 up to 1.28, none from 1.29 without --dns-zone).")
    DnsMode dns;

    @Option(names = "--image", paramLabel = "REF",
            description = "Also mirror this container image, named as the cluster pulls it: docker.io/calico/node:v3.31.6 for example. Repeatable.")
    List<PlannedImage> images = new ArrayList<>();

    @Option(names = "--kube-image-tars", description = "Also mirror kube-apiserver/controller-manager/scheduler/proxy .tar images (for --kubernetes-version <mirror URL>).")
    boolean kubeImageTars;

    @Option(names = "--kops-images", description = "Also mirror the control-plane image tarballs kOps loads from KOPS_BASE_URL (kops-controller, dns-controller, kube-apiserver-healthcheck, and kops-utils-cp or kops-channels where the release loads them).")
    boolean kopsImages;

    @Option(names = "--nerdctl", description = "Also mirror nerdctl (kOps 1.34+ makes it opt-in; earlier lines always download it).")
    boolean nerdctl;

    @Option(names = "--crictl", description = "Also mirror crictl (kOps 1.34+ makes it opt-in; earlier lines always download it).")
    boolean crictl;

    @Option(names = "--from-kops-assets", paramLabel = "FILE",
            description = "Output of `kops get assets -o yaml` (or -o json): its files and hashes are taken as authoritative.")
    Path kopsAssets;

    @Option(names = "--manifest", paramLabel = "FILE", description = "A ferry.yaml manifest: clusters, arches, extra files, source mirrors (docs/manifest.md).")
    Path manifest;

    private Manifest read; // --manifest once parsed

    @Option(names = "--source-mirror", paramLabel = "PREFIX=URL",
            description = "Download URLs starting with PREFIX from URL first (a proxy or another regional mirror); the canonical URL stays the key. Images too, with a registry as PREFIX: https://registry.k8s.io=URL. Repeatable.")
    List<SourceMirror> sourceMirrors = new ArrayList<>();

    @Mixin
    LayoutOption layout;

    /** The flags given that choose what a plan holds besides the three that start one (see {@link #anyGiven}). */
    private List<String> contentFlags() {
        return List.of(Map.entry("--kubernetes", kubernetes != null), Map.entry("--arch", arch != null),
                Map.entry("--networking", networking != null), Map.entry("--dns", dns != null), Map.entry("--image", !images.isEmpty()),
                Map.entry("--kube-image-tars", kubeImageTars),
                Map.entry("--kops-images", kopsImages), Map.entry("--nerdctl", nerdctl), Map.entry("--crictl", crictl))
                .stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }

    /** True when any flag that selects assets was given. */
    public boolean anyGiven() {
        return kops != null || kopsAssets != null || manifest != null;
    }

    /** True when a plan can be made from these flags alone: {@link #anyGiven}, or images named with {@code --image}. */
    boolean canPlan() {
        return anyGiven() || !images.isEmpty();
    }

    public Optional<Layout> layout() {
        return layout.value();
    }

    public PlanInput toInput() {
        if (kubernetes != null && kops == null) {
            throw FerryException.badInput("--kubernetes needs --kops", "e.g. --kops 1.30.4 --kubernetes 1.30.0");
        }
        List<CatalogRequest> clusters = new ArrayList<>();
        List<ExtraFile> files = new ArrayList<>();
        List<Manifest.ExtraImage> manifestImages = new ArrayList<>();
        List<SourceMirror> mirrors = new ArrayList<>();
        Set<String> options = new LinkedHashSet<>();
        if (kubeImageTars) {
            options.add("kube-image-tars");
        }
        if (kopsImages) {
            options.add("kops-images");
        }
        if (nerdctl) {
            options.add("nerdctl");
        }
        if (crictl) {
            options.add("crictl");
        }
        List<Arch> arches = arch == null ? List.of(Arch.AMD64, Arch.ARM64) : arch.stream().distinct().toList();
        Networking net = networking == null ? Networking.OTHER : networking;
        if (kops != null) {
            clusters.add(new CatalogRequest(kops, Optional.ofNullable(kubernetes), arches, net, options, Optional.ofNullable(dns)));
        }
        if (manifest != null) {
            Manifest m = readManifest().orElseThrow();
            for (CatalogRequest c : m.clusters()) {
                // Flags given on the command line add to what the manifest asks for.
                Set<String> merged = new LinkedHashSet<>(c.options());
                merged.addAll(options);
                clusters.add(new CatalogRequest(c.kops(), c.kubernetes(), arch == null ? c.arches() : arches,
                        networking == null ? c.networking() : net, merged, dns == null ? c.dns() : Optional.of(dns)));
            }
            files.addAll(m.files());
            manifestImages.addAll(m.images());
            mirrors.addAll(m.sourceMirrors());
        }
        mirrors.addAll(sourceMirrors);
        if (clusters.isEmpty() && kopsAssets == null && files.isEmpty() && manifestImages.isEmpty() && images.isEmpty()) {
            throw FerryException.badInput("nothing to plan", "give --kops VERSION, --from-kops-assets FILE, --manifest FILE or --image REF");
        }
        return new PlanInput(clusters, Optional.ofNullable(kopsAssets), files, mirrors, layout(), FerryVersion.generatedBy(), images,
                manifestImages);
    }

    /**
     * Where images are read first, in the order files are: a manifest's {@code sourceMirrors}, then
     * {@code --source-mirror} (one flag for files and images: a prefix such as {@code https://registry.k8s.io}
     * covers images).
     */
    public List<SourceMirror> imageSourceMirrors() {
        List<SourceMirror> all = new ArrayList<>(readManifest().map(Manifest::sourceMirrors).orElse(List.of()));
        all.addAll(sourceMirrors);
        return all;
    }

    /** {@code --manifest}, read once: the plan and the image source mirrors both need it. */
    private Optional<Manifest> readManifest() {
        if (manifest != null && read == null) {
            read = Manifest.read(manifest);
        }
        return Optional.ofNullable(read);
    }

    public Plan plan() {
        return new Planner(Catalog.builtIn()).plan(toInput());
    }

    /**
     * The lock a command works from: the file given with {@code --lock}, or a plan made from these flags.
     * Giving both is refused, so nobody wonders which one won; so are the flags that change what is mirrored. A
     * {@code --source-mirror} is where to download from, not what: with a lock it is tried first, before the
     * lock's own source mirrors.
     */
    public Lock lockOr(Optional<Path> lockFile) {
        if (lockFile.isPresent()) {
            if (anyGiven()) {
                throw FerryException.badInput("give either --lock or the plan flags (--kops, --manifest, --from-kops-assets), not both",
                        "a lock already says what to mirror");
            }
            List<String> content = contentFlags();
            if (!content.isEmpty()) {
                throw FerryException.badInput(String.join(", ", content) + (content.size() == 1 ? " changes" : " change")
                        + " what is mirrored, and the lock already says that", "plan again with them (ferry mirror plan … "
                        + String.join(" ", content) + " --lock-file " + lockFile.get() + "), review the new lock, then use it");
            }
            return SourceMirror.firstFor(LockFile.read(lockFile.get()), sourceMirrors);
        }
        if (!canPlan()) {
            throw FerryException.badInput("nothing to work on", "give --lock ferry.lock, or --kops VERSION [--kubernetes VERSION]");
        }
        return plan().lock();
    }
}
