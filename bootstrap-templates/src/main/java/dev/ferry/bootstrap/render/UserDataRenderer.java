package dev.ferry.bootstrap.render;

import dev.ferry.bootstrap.maxpods.MaxPods;
import dev.ferry.bootstrap.maxpods.MaxPodsCalculator;
import dev.ferry.error.FerryException;
import dev.ferry.format.ControlCharacters;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.layout.KeyRules;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.shell.ShellQuote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Renders node user-data from a lock and the mirror URLs: a bash script (or a cloud-config running it)
 * that fetches the node's assets from the mirrors in order, checks each sha256 before use, installs
 * containerd, runc, the CNI plugins and kubelet (or, in kOps mode, nodeup) and configures them.
 *
 * <p>Every value that reaches the script is single-quoted here ({@link ShellQuote}) or is a validated
 * number, hash or enum; the templates never see raw strings.
 */
public final class UserDataRenderer {
    private static final String SCRIPT_TEMPLATE = "node-bootstrap.sh.vm";

    private final Templates templates;

    public UserDataRenderer() {
        this(new Templates());
    }

    public UserDataRenderer(Templates templates) {
        this.templates = templates;
    }

    /**
     * Renders user-data.
     *
     * @param lock       the lock the mirror was synced from
     * @param mirrorUrls base URLs of the mirror as nodes reach it, tried in this order
     * @throws RenderRefused       (exit 2) when the lock and the options cannot make user-data that works
     * @throws NoHashAtRenderTime  (exit 2) when a file every node needs has no known sha256
     * @throws FerryException      (exit 2) on a bad URL or value
     */
    public UserData render(Lock lock, List<String> mirrorUrls, RenderOptions options) {
        List<String> mirrors = checkMirrors(mirrorUrls);
        Layout layout = options.layout().orElse(lock.layout());
        CniPlugins cni = cniPlugins(lock, options);
        List<Arch> arches = options.arches().isEmpty() ? archesIn(lock) : options.arches();
        if (arches.isEmpty()) {
            throw RenderRefused.of(RenderRefused.Reason.NO_ARCH_IN_LOCK, "the lock holds no architecture-specific assets",
                    "plan the lock for amd64 (or arm64)");
        }
        List<String> notes = new ArrayList<>();
        if (!options.kops() && cni == CniPlugins.LEAVE_TO_AMAZON_VPC_CNI) {
            notes.add("CNI plugins are left to the Amazon VPC CNI (its aws-node DaemonSet installs them)");
        }
        Optional<MaxPods> computed = computedMaxPods(options);
        OptionalInt maxPods = computed.map(m -> OptionalInt.of(m.maxPods())).orElse(
                options.maxPods() instanceof KubeletMaxPods.Given g ? OptionalInt.of(g.value()) : OptionalInt.empty());
        if (maxPods.isEmpty() && !options.kops()) {
            if (cni == CniPlugins.LEAVE_TO_AMAZON_VPC_CNI && options.startServices()) {
                // kubelet's default 110 is far above what the VPC CNI can address on most types: pods would hang in ContainerCreating.
                throw RenderRefused.of(RenderRefused.Reason.MAX_PODS_NEEDED, "with the Amazon VPC CNI kubelet needs a max-pods that matches the instance type",
                        "compute it for the instance type (as ferry bootstrap max-pods does), or give a number");
            }
            notes.add("kubelet maxPods not set: kubelet's default (110) applies");
        }

        List<NodeAsset> assets = nodeAssets(lock, arches, layout, cni, options, notes);

        String generatedBy = ControlCharacters.escape(lock.generatedBy()); // a note: shown escaped, never refused
        String script = templates.render(SCRIPT_TEMPLATE, scriptModel(generatedBy, mirrors, options, maxPods, cni, arches, assets, notes));
        String text = options.format() == UserDataFormat.CLOUD_INIT ? CloudConfig.render(generatedBy, script) : script;
        ControlCharacters.firstInText(text).ifPresent(i -> {
            // Every outside value was checked above; this is the last line of defence for the node's YAML reader.
            throw new IllegalStateException("rendered user-data holds " + ControlCharacters.describe(text.charAt(i)) + " at " + i);
        });
        UserData userData = new UserData(text, options.format(), assets, notes, maxPods, computed);
        if (userData.bytes() > UserData.EC2_LIMIT_BYTES) {
            throw RenderRefused.of(RenderRefused.Reason.TOO_LARGE, "the rendered user-data is " + userData.bytes() + " bytes; EC2 accepts at most "
                    + UserData.EC2_LIMIT_BYTES + " bytes (16 KB) before base64",
                    "render one architecture, use fewer mirror URLs or registry mirrors, or render a script (smaller than cloud-init)");
        }
        return userData;
    }

    /** As asked; else left to the Amazon VPC CNI when the pod networking or the lock's networking says it runs the pods. */
    private static CniPlugins cniPlugins(Lock lock, RenderOptions options) {
        return options.cniPlugins().orElseGet(() -> options.podNetworking().impliesAmazonVpcCni()
                || lock.selections().stream().anyMatch(s -> s.networking() == Networking.AMAZONVPC)
                ? CniPlugins.LEAVE_TO_AMAZON_VPC_CNI : CniPlugins.INSTALL);
    }

    /** max-pods for the instance type asked for, from its limits and the pod networking. */
    private static Optional<MaxPods> computedMaxPods(RenderOptions options) {
        if (!(options.maxPods() instanceof KubeletMaxPods.ForInstanceType t)) {
            return Optional.empty();
        }
        return Optional.of(MaxPodsCalculator.compute(t.limits().require(t.instanceType()), options.podNetworking(), t.cap()));
    }

    /** The node assets per arch with their sha256, or an error naming every required one whose hash is unknown. */
    private static List<NodeAsset> nodeAssets(Lock lock, List<Arch> arches, Layout layout, CniPlugins cni, RenderOptions options,
                                              List<String> notes) {
        List<NodeAsset> assets = new ArrayList<>();
        List<String> missingHashes = new ArrayList<>();
        for (Arch arch : arches) {
            for (Need need : needs(options.kops(), cni)) {
                Optional<Asset> found = pick(lock, arch, need, options.kubernetesVersion());
                if (found.isEmpty()) {
                    continue;
                }
                Asset a = found.get();
                Optional<Hash> sha = options.hashes().sha256(a);
                if (sha.isEmpty() && !need.required) {
                    notes.add(a.kind() + " for " + arch.id() + " left out: no sha256 known at render time");
                    continue;
                }
                if (sha.isEmpty()) {
                    missingHashes.add(a.kind() + " " + arch.id() + " (" + a.key(layout) + ")");
                    continue;
                }
                KeyRules.checkKey(a.key(layout), a.url()); // the lock is a file people edit
                assets.add(new NodeAsset(arch, a.kind(), a.version(), a.key(layout), sha.get(), need.install, need.target));
            }
        }
        if (!missingHashes.isEmpty()) {
            throw new NoHashAtRenderTime(missingHashes, List.of());
        }
        return assets;
    }

    /** The script template's model: every string in it is shell-quoted here, or a number, a hash or an enum. */
    private static Map<String, Object> scriptModel(String generatedBy, List<String> mirrors, RenderOptions options, OptionalInt maxPods,
                                                   CniPlugins cni, List<Arch> arches, List<NodeAsset> assets, List<String> notes) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("generatedBy", generatedBy);
        model.put("mirrors", mirrors.stream().map(ShellQuote::quote).toList());
        model.put("attempts", options.attemptsPerMirror());
        model.put("delay", options.retryDelaySeconds());
        model.put("maxPods", maxPods.isPresent() ? String.valueOf(maxPods.getAsInt()) : "''");
        model.put("installCni", cni == CniPlugins.INSTALL ? 1 : 0);
        model.put("startServices", options.startServices() ? 1 : 0);
        model.put("kopsMode", options.kops() ? 1 : 0);
        model.put("containerdConfigVersion", containerdConfigVersion(assets));
        model.put("arches", archModels(arches, assets));
        model.put("registryMirrors", registryModels(options.registryMirrors()));
        model.put("nodeupEnv", options.kops() ? nodeupEnv(assets, mirrors) : List.of());
        Optional<String> kubeEnv = options.kopsKubeEnv().map(UserDataRenderer::kubeEnv);
        model.put("hasKubeEnv", kubeEnv.isPresent());
        model.put("kubeEnv", kubeEnv.orElse(""));
        model.put("kubeEnvEnd", kubeEnv.map(UserDataRenderer::heredocEnd).orElse("FERRY_KUBE_ENV"));
        if (options.kops() && kubeEnv.isEmpty()) {
            notes.add("kOps mode without a kube_env.yaml given: the image must already hold /opt/kops/conf/kube_env.yaml");
        }
        return model;
    }

    /** What the node needs per arch, in install order. */
    private record Need(AssetKind kind, boolean required, NodeAsset.Install install, String target) {}

    private static List<Need> needs(boolean kops, CniPlugins cni) {
        if (kops) {
            return List.of(new Need(AssetKind.NODEUP, true, NodeAsset.Install.BINARY, "/opt/kops/bin/nodeup"));
        }
        List<Need> needs = new ArrayList<>();
        needs.add(new Need(AssetKind.CONTAINERD, true, NodeAsset.Install.TARBALL, "/usr/local"));
        needs.add(new Need(AssetKind.RUNC, true, NodeAsset.Install.BINARY, "/usr/local/sbin/runc"));
        if (cni == CniPlugins.INSTALL) {
            needs.add(new Need(AssetKind.CNI, true, NodeAsset.Install.TARBALL, "/opt/cni/bin"));
        }
        needs.add(new Need(AssetKind.CRICTL, false, NodeAsset.Install.TARBALL, "/usr/local/bin"));
        needs.add(new Need(AssetKind.KUBELET, true, NodeAsset.Install.BINARY, "/usr/local/bin/kubelet"));
        needs.add(new Need(AssetKind.KUBECTL, false, NodeAsset.Install.BINARY, "/usr/local/bin/kubectl"));
        return needs;
    }

    private static Optional<Asset> pick(Lock lock, Arch arch, Need need, Optional<String> kubernetes) {
        boolean byKubernetes = need.kind.equals(AssetKind.KUBELET) || need.kind.equals(AssetKind.KUBECTL);
        List<Asset> candidates = lock.assets().stream()
                .filter(a -> a.kind().equals(need.kind) && a.arch().equals(Optional.of(arch)))
                .filter(a -> !byKubernetes || kubernetes.isEmpty() || a.version().equals(kubernetes.get()))
                .toList();
        if (candidates.isEmpty()) {
            if (need.required) {
                throw new RenderRefused(RenderRefused.Reason.NOT_IN_LOCK, Optional.of(need.kind), Optional.of(arch),
                        "the lock has no " + need.kind + " for " + arch.id() + kubernetes.filter(k -> byKubernetes).map(k -> " at version " + k).orElse(""),
                        "plan the lock for " + arch.id() + (need.kind.equals(AssetKind.NODEUP) ? " with a kOps version" : "")
                        + ", or render for the architectures the lock holds");
            }
            return Optional.empty();
        }
        if (candidates.size() > 1) {
            Set<String> versions = candidates.stream().map(Asset::version).collect(Collectors.toCollection(TreeSet::new));
            throw new RenderRefused(RenderRefused.Reason.SEVERAL_IN_LOCK, Optional.of(need.kind), Optional.of(arch),
                    "the lock holds several " + need.kind + " for " + arch.id() + ": " + String.join(", ", versions),
                    byKubernetes ? "choose one Kubernetes version" : "render from a lock planned for one kOps/Kubernetes pair");
        }
        return Optional.of(candidates.get(0));
    }

    private static List<Arch> archesIn(Lock lock) {
        Set<Arch> set = new LinkedHashSet<>();
        for (Arch a : Arch.values()) {
            if (lock.assets().stream().anyMatch(x -> x.arch().equals(Optional.of(a)))) {
                set.add(a);
            }
        }
        return List.copyOf(set);
    }

    private static List<String> checkMirrors(List<String> urls) {
        if (urls.isEmpty()) {
            throw FerryException.badInput("no mirror URL given",
                    "give the mirror's base URL as nodes reach it, e.g. https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops (several are tried in order)");
        }
        List<String> out = new ArrayList<>();
        for (String u : urls) {
            String checked = MirrorUrls.check(u, "mirror URL");
            if (!out.contains(checked)) {
                out.add(checked);
            }
        }
        return out;
    }

    /** containerd 2.x reads config version 3 (new plugin names); 1.x reads version 2. */
    private static int containerdConfigVersion(List<NodeAsset> assets) {
        return assets.stream().filter(a -> a.kind().equals(AssetKind.CONTAINERD))
                .anyMatch(a -> !a.version().isEmpty() && Character.isDigit(a.version().charAt(0)) && !a.version().startsWith("1.")) ? 3 : 2;
    }

    private static List<Map<String, Object>> archModels(List<Arch> arches, List<NodeAsset> assets) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Arch arch : arches) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (NodeAsset a : assets) {
                if (a.arch() != arch) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", ShellQuote.quote(a.kind().name()));
                m.put("key", ShellQuote.quote(a.key()));
                m.put("sha256", a.sha256().hex());
                m.put("install", a.install() == NodeAsset.Install.BINARY ? "binary" : "tarball");
                m.put("target", ShellQuote.quote(a.target()));
                list.add(m);
            }
            out.add(Map.of("id", arch.id(), "assets", list));
        }
        return out;
    }

    private static List<Map<String, Object>> registryModels(List<RegistryMirror> mirrors) {
        Map<String, List<RegistryMirror>> byHost = new LinkedHashMap<>();
        for (RegistryMirror m : mirrors) {
            byHost.computeIfAbsent(m.host(), h -> new ArrayList<>()).add(m);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, List<RegistryMirror>> e : byHost.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", ShellQuote.quote(e.getKey()));
            m.put("server", ShellQuote.quote(e.getValue().get(0).upstreamServer()));
            m.put("urls", e.getValue().stream().map(r -> ShellQuote.quote(MirrorUrls.check(r.url(), "registry mirror URL"))).toList());
            out.add(m);
        }
        return out;
    }

    /** NODEUP_URL_{ARCH} (comma-separated, in mirror order, as kOps's own user-data has it) and NODEUP_HASH_{ARCH}. */
    private static List<Map<String, String>> nodeupEnv(List<NodeAsset> assets, List<String> mirrors) {
        List<Map<String, String>> out = new ArrayList<>();
        for (NodeAsset a : assets) {
            String suffix = a.arch().id().toUpperCase(java.util.Locale.ROOT);
            String urls = mirrors.stream().map(m -> m + "/" + a.key()).collect(Collectors.joining(","));
            out.add(Map.of("name", "NODEUP_URL_" + suffix, "value", ShellQuote.quote(urls)));
            out.add(Map.of("name", "NODEUP_HASH_" + suffix, "value", a.sha256().hex()));
        }
        return out;
    }

    /** kube_env.yaml as given, without trailing newlines; nodeup reads it as YAML, so it gets the same character rule. */
    private static String kubeEnv(String text) {
        ControlCharacters.requireText("kube_env.yaml", text,
                "kube_env.yaml is YAML that nodeup reads line by line: remove control characters and Unicode line separators"
                + " (Windows line endings: convert with dos2unix)");
        return text.replaceAll("\\n+$", "");
    }

    /** A heredoc terminator that no line of the content equals. */
    private static String heredocEnd(String content) {
        Set<String> lines = new java.util.HashSet<>(List.of(content.split("\\R", -1)));
        String end = "FERRY_KUBE_ENV";
        for (int i = 1; lines.contains(end); i++) {
            end = "FERRY_KUBE_ENV_" + i;
        }
        return end;
    }
}
