#!/usr/bin/env python3
"""The container images a kOps X.Y.Z cluster pulls, read from kOps's own integration golden files.

Writes the expectations the image rules of Ferry's catalog are tested against
(mirror/src/test/resources/dev/ferry/mirror/catalog/kops-image-expectations.yaml) from a clone of
kubernetes/kops (a bare clone is enough: everything is read with `git show <tag>:<path>`).

For every AWS test under tests/integration/update_cluster at every release tag, the images are
those the golden files give the cluster's nodes and add-ons:
  - `image:`, `reference:` (image volumes), `podInfraContainerImage:` and `sandboxImage:` in the
    nodeup configs, the static manifests (etcd-manager, kube-apiserver-healthcheck, channels) and
    the add-on manifests (aws_s3_object_*_content);
  - the images of kube-apiserver, kube-controller-manager, kube-scheduler and kube-proxy and the
    sandbox image in the completed cluster spec (nodeup reads them from there; its other defaults,
    such as an unused node-local-dns image, are not pulled and are not read).
An add-on the test enables beyond kOps's defaults (cert-manager, cluster-autoscaler, metrics-server,
another CNI's manifests, ...) is left out of the comparison, and named under `leftOut`. A test whose
settings change the core images themselves (containerProxy, an etcd image, kube-proxy disabled,
external-dns, custom VPC CNI images, another CNI, ...) is listed under `skipped` with the reason.

Usage:
  manifests/kops-image-expectations.py --kops /path/to/kops.git [--out FILE] [--check]

Needs Python 3.9+, git and PyYAML (Debian: python3-yaml). --check compares with the committed
file instead of writing it (exit 1 when they differ). The script also checks every image rule of
manifests/catalog/kops.yaml against kOps: the file its `read` names exists at that tag and holds the
image's tag (or the value's version).
"""
import hashlib
import importlib.util
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("kops_expectations", HERE / "kops-expectations.py")
files = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(files)

REPO_ROOT = files.REPO_ROOT
DEFAULT_OUT = REPO_ROOT / "mirror/src/test/resources/dev/ferry/mirror/catalog/kops-image-expectations.yaml"
UPDATE_CLUSTER = files.UPDATE_CLUSTER
IMAGE_LINE = re.compile(r"^\s*(?:-\s+)?(?:image|reference|podInfraContainerImage|sandboxImage):[ \t]*[\"']?([^\s\"']+)", re.M)
# Add-ons every AWS cluster gets (the node-termination-handler only where kOps enables it by default).
CORE_ADDONS = {"aws-cloud-controller.addons.k8s.io", "aws-ebs-csi-driver.addons.k8s.io", "coredns.addons.k8s.io",
               "dns-controller.addons.k8s.io", "kops-controller.addons.k8s.io", "networking.amazon-vpc-routed-eni"}
NTH_ADDON = "node-termination-handler.aws"
# Cluster settings that change the core images (not only add an add-on): such tests are not compared.
CHANGES_CORE = {
    "assets": "assets (containerProxy / containerRegistry rename every image)",
    "externalDns": "externalDns (external-dns replaces dns-controller)",
    "kubeProxy": "kubeProxy (kube-proxy disabled or its image set)",
    "docker": "docker runtime",
    "karpenter": "karpenter (kOps then leaves out the node-termination-handler)",
}
NETWORKING_KEYS = {"amazonvpc": "amazonvpc", "cni": "other", "kubenet": "other", "external": "other"}


def version_of(ref, as_version):
    return as_version or ref[1:]


# ---------------------------------------------------------------------------------------------
# kOps's defaults at the tag that decide whether a setting in a test changes anything


class Defaults:
    """Read from kOps's code at one tag: when kOps turns on the add-ons a test may also turn on itself."""

    def __init__(self, kops, ref):
        self.kops, self.ref = kops, ref

    def _threshold(self, path, pattern):
        text = self.kops.show(self.ref, path) or ""
        m = re.search(pattern, files.strip_comments(text))
        return files.release(m.group(1)) if m else None

    def nth_by_default(self):
        text = files.strip_comments(self.kops.show(self.ref, "pkg/model/components/nodeterminationhandler.go") or "")
        return bool(re.search(r"NodeTerminationHandler == nil \{\s*\S+\.NodeTerminationHandler = &kops\.NodeTerminationHandlerSpec\{\}", text))

    def ccm_from(self):
        """The Kubernetes version from which kOps runs the AWS cloud-controller-manager unasked (None: always)."""
        return self._threshold("pkg/model/components/awscloudcontrollermanager.go",
                               r'ExternalCloudControllerManager == nil && b\.IsKubernetesGTE\("([\d.]+)"\)')

    def ebs_from(self):
        return self._threshold("pkg/model/components/awsebscsidriver.go", r'Enabled:\s*fi\.PtrTo\(b\.IsKubernetesGTE\("([\d.]+)"\)\)')


    def ccm_images(self, oldest, newest):
        """The cloud-controller-manager kOps's options builder picks for each Kubernetes minor it supports (X.Y.0)."""
        text = files.strip_comments(self.kops.show(self.ref, "pkg/model/components/awscloudcontrollermanager.go") or "")
        image = r'eccm\.Image = "(registry\.k8s\.io/provider-aws/cloud-controller-manager:[^"]+)"'
        cases = {int(m): i for m, i in re.findall(r"case (\d+):\s*" + image, text)}
        default = re.search(r"default:\s*" + image, text)
        if default is None:
            found = re.findall(image, text)
            if len(found) != 1:
                raise files.ReadError(f"{self.ref}: cannot read the cloud-controller-manager's image")
            default = re.search(image, text)
        start = max(oldest[1], (self.ccm_from() or (1, 0, 0))[1])
        return {(1, minor, 0): cases.get(minor, default.group(1)) for minor in range(start, newest[1] + 1)}


# ---------------------------------------------------------------------------------------------
# kOps's golden files


def addon_of(data_file, cluster):
    m = re.fullmatch(r"aws_s3_object_" + re.escape(cluster) + r"-addons-(.+?)(?:-k8s-[\d.]+(?:-[a-z]+)?|-v[\d.]+)?_content", data_file)
    return m.group(1) if m else None


def completed_spec_images(text):
    """The images nodeup takes from the completed cluster spec."""
    spec = (yaml.safe_load(text) or {}).get("spec") or {}
    out = set()
    for key in ("kubeAPIServer", "kubeControllerManager", "kubeScheduler", "kubeProxy"):
        c = spec.get(key) or {}
        if c.get("image") and c.get("enabled") is not False:
            out.add(c["image"])
    for key in ("kubelet", "masterKubelet"):
        image = (spec.get(key) or {}).get("podInfraContainerImage")
        if image:
            out.add(image)
    sandbox = (spec.get("containerd") or {}).get("sandboxImage")
    if sandbox:
        out.add(sandbox)
    return out


def core_changes(spec, k8s, defaults):
    """Why a test's settings change the core images, or [] when they do not."""
    why = [text for key, text in CHANGES_CORE.items() if key in spec]
    if str(spec.get("containerRuntime", "containerd")) != "containerd":
        why.append("containerRuntime: " + str(spec.get("containerRuntime")))
    for e in spec.get("etcdClusters") or []:
        if "image" in e or "version" in e or "image" in (e.get("manager") or {}):
            why.append("etcdClusters (an etcd or etcd-manager image or version)")
            break
    if "version" in (spec.get("containerd") or {}):
        why.append("containerd.version (kOps 1.34+ decides by it whether etcd-manager uses image volumes)")
    if set(spec.get("kubeDNS") or {}) - {"nodeLocalDNS"}:
        why.append("kubeDNS")
    net = spec.get("networking") or {}
    plugins = [k for k in net if k in NETWORKING_KEYS or k in ("calico", "canal", "cilium", "flannel", "kindnet", "kopeio",
                                                                "weave", "kuberouter", "gce", "lyftvpc", "romana", "classic")]
    if len(plugins) != 1 or plugins[0] not in NETWORKING_KEYS:
        why.append(f"networking {', '.join(plugins) or 'unset'} (its CNI images are not in Ferry's catalog)")
    elif plugins[0] == "amazonvpc" and net["amazonvpc"]:
        why.append("networking.amazonvpc settings (its own images)")
    nth = spec.get("nodeTerminationHandler") or {}
    if "version" in nth or nth.get("enabled") is False:
        why.append("nodeTerminationHandler (version set, or disabled)")
    if "cloudControllerManager" in spec and defaults["ccm_from"] and k8s < defaults["ccm_from"]:
        why.append("cloudControllerManager set on a Kubernetes kOps runs it for only when asked")
    ebs = ((spec.get("cloudConfig") or {}).get("awsEBSCSIDriver") or {})
    if ebs.get("version") or (ebs.get("enabled") is True and defaults["ebs_from"] and k8s < defaults["ebs_from"]) \
            or ebs.get("enabled") is False:
        why.append("cloudConfig.awsEBSCSIDriver (enabled where kOps leaves it off, disabled, or its version set)")
    return why


def template(image, k8s_text):
    """kOps's own images carry the kOps version (the tests build with a made-up one): {kops} stands for it."""
    image = re.sub(r"^(registry\.k8s\.io/kops/[^:@]+):[^@]+$", r"\1:{kops}", image)
    return re.sub(r"^(registry\.k8s\.io/kube-(?:apiserver|controller-manager|scheduler|proxy)):v" + re.escape(k8s_text) + "$",
                  r"\1:v{kubernetes}", image)


def cluster_of(kops, ref, test):
    """The test's Cluster spec and name, when it is one AWS cluster; else None."""
    spec_text = kops.show(ref, f"{UPDATE_CLUSTER}/{test}/in-v1alpha2.yaml")
    if spec_text is None:
        return None
    clusters = [doc for doc in yaml.safe_load_all(spec_text) if doc and doc.get("kind") == "Cluster"]
    if len(clusters) != 1:
        return None
    spec = clusters[0].get("spec") or {}
    cloud = spec.get("cloudProvider")
    if cloud != "aws" and not (isinstance(cloud, dict) and "aws" in cloud):
        return None
    return spec, clusters[0]["metadata"]["name"]


def defaults_at(kops, ref):
    defaults = Defaults(kops, ref)
    return {"nth": defaults.nth_by_default(), "ccm_from": defaults.ccm_from(), "ebs_from": defaults.ebs_from()}


def networking_and_dns(spec):
    net = next(NETWORKING_KEYS[k] for k in spec.get("networking") if k in NETWORKING_KEYS)
    dns_type = ((spec.get("topology") or {}).get("dns") or {}).get("type") \
        or ((spec.get("networking") or {}).get("topology") or {}).get("dns")
    return net, "none" if str(dns_type or "").lower() == "none" else "route53"


def assets_cases(kops, ref):
    """`kops get assets` golden outputs (tests/integration/update_cluster/*/assets.yaml): their images' canonical names."""
    d = defaults_at(kops, ref)
    cases = []
    for p in kops.ls(ref, UPDATE_CLUSTER):
        m = re.fullmatch(UPDATE_CLUSTER + r"/([^/]+)/assets\.yaml", p)
        found = m and cluster_of(kops, ref, m.group(1))
        if not found:
            continue
        spec, _ = found
        k8s_text = str(spec.get("kubernetesVersion", "")).lstrip("v")
        if core_changes(spec, files.release(k8s_text), d):
            continue
        listed = (yaml.safe_load(kops.show(ref, p)) or {}).get("images") or []
        net, dns = networking_and_dns(spec)
        cases.append({"test": m.group(1), "kubernetes": k8s_text, "networking": net, "dns": dns,
                      "images": {template(i["canonical"], k8s_text) for i in listed}})
    return cases


def golden_cases(kops, ref):
    d = defaults_at(kops, ref)
    core_addons = CORE_ADDONS | ({NTH_ADDON} if d["nth"] else set())
    by_dir = {}
    for p in kops.ls(ref, UPDATE_CLUSTER):
        m = re.fullmatch(UPDATE_CLUSTER + r"/([^/]+)/data/(aws_s3_object_.+_content)", p)
        if m:
            by_dir.setdefault(m.group(1), []).append(m.group(2))
    cases, skipped = [], []
    for test, data in sorted(by_dir.items()):
        found = cluster_of(kops, ref, test)
        if not found:
            continue
        spec, name = found
        k8s_text = str(spec.get("kubernetesVersion", "")).lstrip("v")
        if "://" in k8s_text:
            skipped.append((test, "kubernetesVersion is a URL (images named -amd64 from there)"))
            continue
        why = core_changes(spec, files.release(k8s_text), d)
        if why:
            skipped.append((test, "; ".join(why)))
            continue
        images, left_out = set(), set()
        for f in sorted(data):
            text = kops.show(ref, f"{UPDATE_CLUSTER}/{test}/data/{f}")
            if f == "aws_s3_object_cluster-completed.spec_content":
                images |= completed_spec_images(text)
                continue
            addon = addon_of(f, name)
            found = set(IMAGE_LINE.findall(text))
            if addon is not None and addon not in core_addons:
                left_out |= found
                if found:
                    left_out.add("addon:" + addon)
            else:
                images |= found
        # An image an extra add-on brings is left out even where a node config names it too (the Nvidia device plugin).
        images -= left_out
        if "snapshotController" in spec:  # the EBS CSI driver gains a csi-snapshotter sidecar for it
            dropped = {i for i in images if re.search(r"/(csi|external)-snapshotter:", i)}
            images -= dropped
            if dropped:
                left_out.add("addon:snapshot-controller (csi-snapshotter sidecar)")
        net, dns = networking_and_dns(spec)
        cases.append({"test": test, "kubernetes": k8s_text, "networking": net, "dns": dns,
                      "images": {template(i, k8s_text) for i in images},
                      "leftOut": sorted(a[len("addon:"):] for a in left_out if a.startswith("addon:"))})
    return cases, skipped


# ---------------------------------------------------------------------------------------------
# the catalog's image rules, checked against kOps


def check_catalog_images(kops):
    """Every image rule (and value it uses) names a kOps file that exists at the tag and holds the version."""
    catalog = yaml.safe_load((REPO_ROOT / "manifests/catalog/kops.yaml").read_text())
    entries = []
    for rule in catalog.get("images") or []:
        refs = rule.get("images") or [rule.get("image")]
        entries += [(rule, ref.rsplit(":", 1)[1] if "{" not in ref else None) for ref in refs]
    used = {m for rule in catalog.get("images") or [] for ref in (rule.get("images") or [rule.get("image")])
            for m in re.findall(r"\{([A-Za-z]+)}", ref)}
    for name in sorted(used - {"kops", "kubernetes"}):
        entries += [(rule, str(rule["value"])) for rule in catalog["values"].get(name, [])]
    bad, count = [], 0
    for rule, needle in entries:
        m = re.fullmatch(r"(?:(v?\d[^ @]*)|master@([0-9a-f]+)) (\S+)", str(rule.get("read", "")))
        if not m:
            continue
        count += 1
        text = kops.show(m.group(1) or m.group(2), m.group(3))
        if text is None:
            bad.append(f"no such file: {rule['read']}")
        elif needle and needle not in text and needle.lstrip("v") not in text:  # kOps may write "…:v" + version
            bad.append(f"{rule['read']} does not contain {needle!r}")
    print(f"catalog images: {count} references or values name a kOps tag and file; {count - len(bad)} are found there",
          file=sys.stderr)
    for b in bad:
        print(f"  {b}", file=sys.stderr)
    return not bad


# ---------------------------------------------------------------------------------------------
# output


def set_id(images):
    return "i" + hashlib.sha1("\n".join(sorted(images)).encode()).hexdigest()[:10]


def rules_cases(kops, ref, version):
    """By kOps's code: the cloud-controller-manager for each Kubernetes minor the release supports."""
    oldest = files.Rules(kops, ref, version).oldest_kubernetes()
    line = files.release(version)
    return [{"kubernetes": files.vtext(k8s), "image": image}
            for k8s, image in sorted(Defaults(kops, ref).ccm_images(oldest, line).items())]


def render(kops, refs, master, golden, assets, rules, skipped, sets, counts):
    lines = files.preamble("The images kOps clusters pull", Path(__file__).name, master, [
        "# golden:  from kOps's integration golden files at the tag: every AWS test under",
        f"#          {UPDATE_CLUSTER}/ (`tests`) whose settings keep kOps's core images; the images of add-ons",
        "#          a test enables beyond kOps's defaults are left out (`leftOut` names those add-ons).",
        "# assets:  the images of `kops get assets` golden outputs (update_cluster/<test>/assets.yaml), where a tag has one.",
        "# rules:   what kOps's code at the tag picks by Kubernetes minor (X.Y.0 of every minor it supports):",
        "#          the AWS cloud-controller-manager (pkg/model/components/awscloudcontrollermanager.go).",
        "# skipped: tests whose settings change the core images, with the reason.",
        f"# kOps {files.NEXT[1]} is kOps's {files.NEXT[0]} branch at {master[:12]}: not a release yet.",
        "# sets:    image references; {kops} and {kubernetes} stand for the case's versions.",
    ])
    for ref, as_version in refs:
        compared, skip = counts[ref]
        lines.append(f"    - {{ref: {ref}, kops: {version_of(ref, as_version)}, commit: {kops.commit(ref)}, "
                     f"compared: {compared}, skipped: {skip}}}")
    lines.append("golden:")
    for c in golden:
        left = f", leftOut: [{', '.join(c['leftOut'])}]" if c["leftOut"] else ""
        lines.append(f"  - {{kops: {c['kops']}, kubernetes: {c['kubernetes']}, networking: {c['networking']}, dns: {c['dns']}, "
                     f"images: {c['set']}, tests: [{', '.join(c['tests'])}]{left}}}")
    lines.append("assets:")
    for c in assets:
        lines.append(f"  - {{kops: {c['kops']}, kubernetes: {c['kubernetes']}, networking: {c['networking']}, dns: {c['dns']}, "
                     f"images: {c['set']}, tests: [{c['test']}]}}")
    lines.append("rules:")
    for c in rules:
        lines.append(f"  - {{kops: {c['kops']}, kubernetes: {c['kubernetes']}, kind: cloud-controller-manager, image: \"{c['image']}\"}}")
    lines.append("skipped:")
    for ref, test, why in skipped:
        lines.append(f"  - {{ref: {ref}, test: {test}, why: \"{why}\"}}")
    lines.append("sets:")
    for sid in sorted(sets):
        lines.append(f"  {sid}:")
        lines += [f"    - \"{i}\"" for i in sorted(sets[sid])]
    return "\n".join(lines) + "\n"


def main():
    args = files.arguments(__doc__, DEFAULT_OUT)
    kops = files.Kops(args.kops)
    tags = kops.release_tags()
    refs = [(t, None) for t in tags] + [files.NEXT]
    master = kops.commit(files.NEXT[0])
    golden, assets, rules, skipped, sets, counts = [], [], [], [], {}, {}
    for ref, as_version in refs:
        version = version_of(ref, as_version)
        cases, skips = golden_cases(kops, ref)
        counts[ref] = (len(cases), len(skips))
        skipped += [(ref, t, why) for t, why in skips]
        grouped = {}
        for c in cases:
            sid = set_id(c["images"])
            sets[sid] = c["images"]
            g = grouped.setdefault((c["kubernetes"], c["networking"], c["dns"], sid), {"tests": [], "leftOut": set()})
            g["tests"].append(c["test"])
            g["leftOut"] |= set(c["leftOut"])
        for (k8s, net, dns, sid), g in sorted(grouped.items(), key=lambda kv: (files.tag_sort_key(kv[0][0]), kv[0][1:])):
            golden.append({"kops": version, "kubernetes": k8s, "networking": net, "dns": dns, "set": sid,
                           "tests": g["tests"], "leftOut": sorted(g["leftOut"])})
        for c in assets_cases(kops, ref):
            sid = set_id(c["images"])
            sets[sid] = c["images"]
            assets.append(dict(c, kops=version, set=sid))
        rules += [dict(c, kops=version) for c in rules_cases(kops, ref, version)]
        print(f"{ref}: {len(cases)} golden tests compared, {len(skips)} skipped", file=sys.stderr)
    if not check_catalog_images(kops):
        print("refusing to write: see above", file=sys.stderr)
        return 1
    return files.write_or_check(Path(args.out), render(kops, refs, master, golden, assets, rules, skipped, sets, counts),
                                args.check, f"{len(golden)} golden cases from {sum(c for c, _ in counts.values())} tests, "
                                f"{len(assets)} `kops get assets` outputs, {len(rules)} rule cases, {len(sets)} image sets")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except files.ReadError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
