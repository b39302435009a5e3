package dev.ferry.registry.env;

import dev.ferry.error.FerryException;
import dev.ferry.registry.ecr.EcrHost;
import dev.ferry.registry.ecr.PauseCaveat;
import dev.ferry.registry.env.ImageSettings.Note;
import dev.ferry.registry.ref.ImageMapping;
import dev.ferry.registry.ref.ImageNaming;
import dev.ferry.registry.ref.ImageRequest;
import dev.ferry.registry.ref.RegistryTarget;
import dev.ferry.registry.ref.TargetNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Works out what a kOps cluster spec needs so nodes pull the cluster's images from a regional registry: either
 * kOps renames every image ({@code spec.assets.containerProxy} or {@code containerRegistry}, by the same rules the
 * copy named them), or images keep their names and containerd asks the registry first
 * ({@code spec.containerd.registryMirrors}, one entry per upstream registry). Pure computation: nothing is fetched.
 */
public final class ImageEnv {
    /** The VPC CNI's images by repository, each with the {@code spec.networking.amazonVPC} field that names it. */
    private static final List<Map.Entry<String, String>> VPC_CNI = List.of(Map.entry("amazon-k8s-cni", "image"),
            Map.entry("amazon-k8s-cni-init", "initImage"), Map.entry("amazon/aws-network-policy-agent", "networkPolicyAgentImage"));

    private ImageEnv() {}

    /**
     * @param containerdMirrors keep the images' names and list containerd registry mirrors; else rename by {@code naming}
     * @param images            the canonical references the cluster pulls
     */
    public static ImageSettings settings(RegistryTarget target, ImageNaming naming, boolean containerdMirrors, List<String> images) {
        if (!(target instanceof RegistryTarget.Remote r)) {
            throw FerryException.badInput(target.describe() + " is a folder; nodes pull from a registry",
                    "give the registry they pull from, or the ferry mirror serve URL: --registry http://10.0.0.5:8080");
        }
        if (images.isEmpty()) {
            throw FerryException.badInput("no container images to point the cluster at", "give --kops VERSION or --lock, or name images with --image");
        }
        List<ImageRequest> requests = images.stream().distinct().map(ImageRequest::of).toList();
        List<Note> notes = new ArrayList<>();
        Map<String, String> assets = new LinkedHashMap<>();
        Map<String, List<String>> mirrors = new TreeMap<>();
        Map<String, Object> containerd = new LinkedHashMap<>();
        List<ImageMapping> mapped;
        if (containerdMirrors) {
            mapped = requests.stream().map(i -> new ImageMapping(i.canonical(), i.source(), i.pinned(),
                    ImageNaming.PROXY.rename(i.canonical(), r.setting()))).toList();
            mirrors(r, requests, mirrors, containerd, notes);
        } else {
            mapped = TargetNames.map(requests, r, naming);
            assets.put(naming == ImageNaming.PROXY ? "containerProxy" : "containerRegistry", r.setting());
        }
        if (r.plainHttp()) {
            mirrors.put(r.host(), List.of(endpoint(r)));
            notes.add(new Note(false, "containerd pulls over HTTPS unless a registry mirror says http://: the entry for " + r.host()
                    + " makes nodes use plain HTTP for it"));
        }
        Map<String, String> vpc = vpcCni(mapped, containerdMirrors, notes);
        PauseCaveat.warning(r, mapped).ifPresent(w -> notes.add(0, new Note(true, w)));
        return new ImageSettings(r.describe(), requests.size(), assets, mirrors, vpc, containerd, notes);
    }

    /** One registry mirror per upstream registry, all to the target, and what that asks of the target. */
    private static void mirrors(RegistryTarget.Remote r, List<ImageRequest> requests, Map<String, List<String>> mirrors,
            Map<String, Object> containerd, List<Note> notes) {
        if (r.setting().contains("/")) {
            notes.add(new Note(true, "containerd asks a mirror for <endpoint>/v2/<repository>, so the path of " + r.setting()
                    + " cannot be part of a registry mirror: hold the images at the registry's root, or rename them with kOps's "
                    + "containerProxy instead (leave out --containerd-mirrors)"));
        }
        requests.stream().map(i -> i.source().registry()).distinct().forEach(upstream -> mirrors.put(upstream, List.of(endpoint(r))));
        if (EcrHost.parse(r.host()).isPresent()) {
            containerd.put("useECRCredentialsForMirrors", true);
            notes.add(new Note(false, "useECRCredentialsForMirrors: nodes pull from " + r.host() + " with their instance role's ECR access"));
        }
        notes.add(new Note(false, "images keep their upstream names: " + r.describe() + " must hold each under its upstream path "
                + "(copy them with --image-naming proxy), and kOps pins the digests the upstream registries answer, where it reaches them"));
    }

    /** The VPC CNI overrides, for those of its images the cluster pulls: their names in the target. */
    private static Map<String, String> vpcCni(List<ImageMapping> mapped, boolean containerdMirrors, List<Note> notes) {
        Map<String, String> vpc = new LinkedHashMap<>();
        for (Map.Entry<String, String> cni : VPC_CNI) {
            mapped.stream().filter(m -> m.source().registry().contains(".dkr.ecr.") && m.source().repository().equals(cni.getKey()))
                    .findFirst().ifPresent(m -> vpc.put(cni.getValue(), m.target()));
        }
        if (!vpc.isEmpty()) {
            notes.add(new Note(false, containerdMirrors
                    ? "the VPC CNI's images are named in a private ECR of account 602401143452 (us-west-2), which nodes in China cannot "
                            + "read: the amazonVPC overrides name the copies in the mirror instead"
                    : "kOps renames the VPC CNI's images by the same rule; the amazonVPC overrides spell the names out"));
        }
        return vpc;
    }

    private static String endpoint(RegistryTarget.Remote r) {
        return (r.plainHttp() ? "http://" : "https://") + r.host();
    }
}
