#!/usr/bin/env python3
"""What kOps X.Y.Z downloads for Kubernetes A.B.C, read from kOps's own repository.

Writes the expectations Ferry's catalog is tested against
(mirror/src/test/resources/dev/ferry/mirror/catalog/kops-expectations.yaml) from a clone of
kubernetes/kops (a bare clone is enough: everything is read with `git show <tag>:<path>`):

  golden  the files kOps's integration golden files list, per release tag
          (tests/integration/update_cluster/*/data/aws_s3_object_nodeupconfig-*_content, plus the
          nodeup URLs of the launch templates' user data), for every test whose cluster takes
          kOps's defaults for the files it downloads;
  rules   the files kOps's code at each tag selects for other Kubernetes versions: X.Y.0, the
          oldest Kubernetes the release supports, each supported minor's .0 and newest patch, and
          both sides of every patch threshold in the code. The code is read, not compiled: the
          version-selection blocks of pkg/model/components/containerd.go, the CNI and asset files
          of pkg/nodemodel/wellknownassets (upup/pkg/fi/cloudup before 1.30) and pkg/nodemodel
          are evaluated by a small interpreter for the if/switch forms kOps uses. An unknown form
          stops the script with the tag and the text, so a new kOps release is read by a person
          before it is trusted. Every golden case is also evaluated this way, and the script
          refuses to write when the reading and the golden files disagree.

Usage:
  manifests/kops-expectations.py --kops /path/to/kops.git [--out FILE] [--check]

Needs Python 3.9+, git and PyYAML (Debian: python3-yaml). --check compares with the committed
file instead of writing it (exit 1 when they differ).
"""
import argparse
import datetime
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO_ROOT / "mirror/src/test/resources/dev/ferry/mirror/catalog/kops-expectations.yaml"
FIRST_LINE, LAST_LINE = (1, 26), (1, 36)
EXTRA_TAGS = ["v1.37.0-alpha.1"]
# The default branch, read as the next release: what Ferry's catalog calls kOps 1.37.0 until it is tagged.
NEXT = ("master", "1.37.0")
ARCHES = ["amd64", "arm64"]
UPDATE_CLUSTER = "tests/integration/update_cluster"


class ReadError(Exception):
    """kOps's code took a form this script does not know: a person has to read it."""


# ---------------------------------------------------------------------------------------------
# versions


def parse_version(text):
    m = re.fullmatch(r"v?(\d+)\.(\d+)(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+.*)?", text.strip())
    if not m:
        raise ReadError(f"not a version: {text!r}")
    return (int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)), m.group(4)


def release(text):
    """major, minor, patch with pre-release and build dropped, as kOps's IsKubernetesGTE does."""
    return parse_version(text)[0]


def vtext(t):
    return "%d.%d.%d" % t


def tag_sort_key(tag):
    (core, pre) = parse_version(tag)
    return core, pre is None, pre or ""


# ---------------------------------------------------------------------------------------------
# the kOps repository


class Kops:
    def __init__(self, git_dir):
        self.git_dir = git_dir
        self._cache = {}
        self._batch = subprocess.Popen(["git", "--git-dir", git_dir, "cat-file", "--batch"],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def git(self, *args, check=True):
        r = subprocess.run(["git", "--git-dir", self.git_dir, *args], capture_output=True, text=True)
        if check and r.returncode != 0:
            raise ReadError(f"git {' '.join(args)}: {r.stderr.strip()}")
        return r

    def show(self, tag, path):
        key = (tag, path)
        if key not in self._cache:
            self._batch.stdin.write(f"{tag}:{path}\n".encode())
            self._batch.stdin.flush()
            header = self._batch.stdout.readline().decode().split()
            if len(header) == 3 and header[1] == "blob":
                data = self._batch.stdout.read(int(header[2]) + 1)[:-1]
                self._cache[key] = data.decode("utf-8", "replace")
            else:
                self._cache[key] = None
        return self._cache[key]

    def must(self, tag, *paths):
        for p in paths:
            text = self.show(tag, p)
            if text is not None:
                return p, text
        raise ReadError(f"{tag}: none of {', '.join(paths)} exists")

    def ls(self, tag, prefix):
        r = self.git("ls-tree", "-r", "--name-only", tag, prefix)
        return r.stdout.split()

    def commit(self, ref):
        return self.git("rev-parse", f"{ref}^{{commit}}").stdout.strip()

    def release_tags(self):
        tags = self.git("tag", "--list").stdout.split()
        out = []
        for t in tags:
            m = re.fullmatch(r"v1\.(\d+)\.(\d+)", t)
            if m and FIRST_LINE[1] <= int(m.group(1)) <= LAST_LINE[1]:
                out.append(t)
        out += [t for t in EXTRA_TAGS if t in tags]
        return sorted(out, key=tag_sort_key)


# ---------------------------------------------------------------------------------------------
# a small interpreter for the Go that selects versions


TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<op>&&|\|\||==|!=|>=|<=|[{}()\[\]:,=!&.;<>+*-])'
                   r'|(?P<id>[A-Za-z_][A-Za-z0-9_]*)|(?P<num>\d+)|(?P<nl>\n))')


def strip_comments(src):
    """Go source without comments; strings (which hold URLs, so `//`) are kept whole."""
    return re.sub(r'("(?:[^"\\\n]|\\.)*"|`[^`]*`)|//[^\n]*|/\*.*?\*/',
                  lambda m: m.group(1) or "", src, flags=re.S)


def tokens(src):
    out, pos = [], 0
    src = strip_comments(src)
    while pos < len(src):
        m = TOKEN.match(src, pos)
        if not m or m.end() == pos:
            if src[pos:].strip() == "":
                break
            raise ReadError(f"cannot read Go near {src[pos:pos + 40]!r}")
        pos = m.end()
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
    return out


def braced(src, anchor):
    """The text inside the braces that follow the first match of the regex anchor."""
    m = re.search(anchor, src)
    if not m:
        raise ReadError(f"no {anchor!r}")
    start = src.index("{", m.end() - 1 if src[m.end() - 1] == "{" else m.end())
    depth = 0
    for i in range(start, len(src)):
        if src[i] == "{":
            depth += 1
        elif src[i] == "}":
            depth -= 1
            if depth == 0:
                return src[start + 1:i]
    raise ReadError(f"unbalanced braces after {anchor!r}")


class Go:
    """Runs the if/switch/assignment subset kOps's version choices are written in.

    Conditions may only test the Kubernetes version (IsKubernetesGTE/LT, IsGTE/IsLT, semver on
    the Kubernetes version) and the architecture; assignments record string values.
    """

    def __init__(self, src, consts=None, where=""):
        self.toks = [t for t in tokens(src)]
        self.consts = consts or {}
        self.where = where

    def run(self, k8s, arch=None):
        self.k8s, self.arch, self.i = k8s, arch, 0
        self.out = {}
        self.block(top=True)
        return self.out

    # -- token helpers
    def peek(self, skip_nl=True):
        j = self.i
        while skip_nl and j < len(self.toks) and self.toks[j][0] == "nl":
            j += 1
        return self.toks[j] if j < len(self.toks) else (None, None)

    def next(self, skip_nl=True):
        while skip_nl and self.i < len(self.toks) and self.toks[self.i][0] == "nl":
            self.i += 1
        t = self.toks[self.i]
        self.i += 1
        return t

    def expect(self, value):
        t = self.next()
        if t[1] != value:
            raise ReadError(f"{self.where}: expected {value!r}, found {t[1]!r}")

    def fail(self, what):
        near = " ".join(v for _, v in self.toks[max(0, self.i - 6):self.i + 6])
        raise ReadError(f"{self.where}: {what} near: {near}")

    # -- statements
    def block(self, top=False):
        """Statements up to the closing brace (or the end); returns 'fallthrough' when one ended it."""
        while True:
            kind, v = self.peek()
            if kind is None:
                if top:
                    return None
                self.fail("unexpected end")
            if v == "}" or (v in ("case", "default") and not top):
                return None
            if v == "fallthrough":
                self.next()
                return "fallthrough"
            if v == "return":
                self.skip_statement()
                continue
            if v == "if":
                r = self.if_statement()
            elif v == "switch":
                r = self.switch_statement()
            else:
                r = self.simple_statement()
            if r == "fallthrough":
                return r

    def skip_statement(self):
        depth = 0
        while self.i < len(self.toks):
            kind, v = self.toks[self.i]
            if kind == "nl" and depth == 0:
                return
            if v in "({[":
                depth += 1
            elif v in ")}]":
                if depth == 0:
                    return
                depth -= 1
            self.i += 1

    def skip_block(self):
        self.expect("{")
        depth = 1
        while depth:
            v = self.next()[1]
            depth += {"{": 1, "}": -1}.get(v, 0)

    def if_statement(self):
        self.expect("if")
        cond = self.condition("{")
        if cond:
            self.expect("{")
            self.block()
            self.expect("}")
        else:
            self.skip_block()
        while self.peek(skip_nl=False)[1] == "else":
            self.next()
            if self.peek()[1] == "if":
                self.next()
                c = self.condition("{")
                if c and not cond:
                    cond = True
                    self.expect("{")
                    self.block()
                    self.expect("}")
                else:
                    self.skip_block()
            else:
                if not cond:
                    self.expect("{")
                    self.block()
                    self.expect("}")
                else:
                    self.skip_block()
                break

    def switch_statement(self):
        self.expect("switch")
        subject = None
        if self.peek()[1] != "{":
            subject = self.expression_text("{")
        self.expect("{")
        matched = False
        falling = False
        while True:
            kind, v = self.next()
            if v == "}":
                return
            if v == "case":
                hit = self.case_matches(subject)
            elif v == "default":
                hit = None  # decided after all cases were seen; kOps always writes default last
            else:
                self.fail(f"unexpected {v!r} in switch")
            self.expect(":")
            if hit is None:
                hit = not matched
            run = falling or (hit and not matched)
            if run:
                matched = True
                falling = self.block() == "fallthrough"
            else:
                self.skip_case_body()

    def skip_case_body(self):
        depth = 0
        while True:
            kind, v = self.peek()
            if depth == 0 and v in ("case", "default", "}"):
                return
            self.next()
            depth += {"{": 1, "}": -1}.get(v, 0)

    def case_matches(self, subject):
        if subject is None:
            return self.condition(":")
        values = self.expression_text(":").split(",")
        if subject == "arch":
            names = {"architectures.ArchitectureAmd64": "amd64", "architectures.ArchitectureArm64": "arm64"}
            return any(names.get(x.strip()) == self.arch for x in values)
        self.fail(f"switch on {subject!r}")

    def expression_text(self, stop):
        parts = []
        depth = 0
        while True:
            kind, v = self.peek()
            if depth == 0 and v == stop:
                return "".join(parts)
            self.next()
            depth += {"(": 1, ")": -1}.get(v, 0)
            parts.append(v if kind != "str" else v)

    # -- conditions on the Kubernetes version
    def condition(self, stop):
        text = self.expression_text(stop)
        return self.evaluate(text)

    def evaluate(self, text, k8s=None):
        if k8s is not None:
            self.k8s = k8s
        expr = re.sub(r'(?:\b(?:b|c|k8sVersion|kubernetesVersion)|ig\.KubernetesVersion\(\))\.Is(?:Kubernetes)?(GTE|LT)\("([^"]+)"\)',
                      lambda m: " True " if self.cmp(m.group(1), m.group(2)) else " False ", text)
        expr = re.sub(r'util\.IsKubernetesGTE\("([^"]+)",k8sVersion\)',
                      lambda m: " True " if self.cmp("GTE", m.group(1)) else " False ", expr)
        expr = expr.replace("&&", " and ").replace("||", " or ").replace("!", " not ")
        if re.sub(r"\b(True|False|and|or|not)\b|[\s()]", "", expr) or not expr.strip():
            self.fail(f"a condition this script does not know: {text!r}")
        return eval(expr)  # nothing but True, False, and, or, not and parentheses is left

    def cmp(self, op, version):
        lhs, rhs = self.k8s, release(version)
        return lhs >= rhs if op == "GTE" else lhs < rhs

    def simple_statement(self):
        """`x = value`, `x = &kops.Runc{Version: value}`; anything else is skipped."""
        start = self.i
        lhs = []
        while True:
            kind, v = self.peek(skip_nl=False)
            if kind is None or kind == "nl" or v in ("{", "(", "}"):
                break
            if v in ("=", ":="):
                break
            lhs.append(v)
            self.next(skip_nl=False)
        if self.peek(skip_nl=False)[1] != "=":
            self.i = start
            self.skip_statement()
            if self.peek(skip_nl=False)[1] == "{":
                self.skip_block()
            return None
        self.next(skip_nl=False)
        name = "".join(lhs)
        self.assign(name)
        return None

    def assign(self, name):
        kind, v = self.peek()
        if v == "&":  # &kops.Runc{ Version: fi.PtrTo("1.1.4"), }
            self.next()
            type_name = self.expression_text("{")
            self.expect("{")
            while self.peek()[1] != "}":
                field = self.next()[1]
                self.expect(":")
                self.out[f"{name}.{field}"] = self.value(type_name)
                if self.peek()[1] == ",":
                    self.next()
            self.expect("}")
            return
        self.out[name] = self.value(name)

    def value(self, what):
        kind, v = self.next()
        if kind == "str":
            return v[1:-1]
        if v in ("fi", "new"):
            if v == "fi":
                self.expect(".")
                self.next()  # PtrTo / String
            self.expect("(")
            inner = self.value(what)
            self.expect(")")
            return inner
        if kind == "id" and v in self.consts:
            return self.consts[v]
        self.fail(f"a value this script does not know for {what}: {v!r}")


def go_consts(src):
    out = {}
    for m in re.finditer(r'^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"([^"]*)"', strip_comments(src), re.M):
        out[m.group(1)] = m.group(2)
    return out


def go_string_map(src, func):
    body = braced(strip_comments(src), r"func " + func + r"\(\)[^{]*\{")
    return dict(re.findall(r'"([^"]+)":\s*"([^"]+)"', body))


# ---------------------------------------------------------------------------------------------
# kOps's rules at one tag


class Rules:
    """What kOps's code at one tag downloads, read from the files named in each method."""

    def __init__(self, kops, tag, version=None):
        self.kops, self.tag = kops, tag
        self.version = version or (tag[1:] if tag.startswith("v") else tag)
        self.files = {}

    def src(self, key, *paths):
        path, text = self.kops.must(self.tag, *paths)
        self.files[key] = path
        return text

    def containerd_defaults(self, k8s):
        src = self.src("containerd defaults", "pkg/model/components/containerd.go")
        body = braced(strip_comments(src), r'if fi\.ValueOf\(containerd\.Version\) == "" \{')
        out = Go(body, where=f"{self.tag} containerd defaults").run(k8s)
        containerd = out.get("containerd.Version")
        if containerd is None:
            raise ReadError(f"{self.tag}: no containerd default for Kubernetes {vtext(k8s)}")
        return containerd, out.get("containerd.Runc.Version")

    def containerd_url(self, version, arch):
        src = self.src("containerd", "pkg/nodemodel/wellknownassets/containerd.go", "upup/pkg/fi/cloudup/containerd.go")
        c = go_consts(src)
        v = release(version)
        if v >= (1, 6, 0):
            return c[f"containerdReleaseUrl{arch.capitalize()}"].replace("%s", version)
        if 'semver.MustParse("1.6.0")' not in src or v < (1, 3, 8):
            raise ReadError(f"{self.tag}: containerd {version} predates what this script reads")
        if arch == "amd64":
            return c["containerdBundleUrlAmd64"].replace("%s", version)
        docker_src = self.src("docker", "upup/pkg/fi/cloudup/docker.go")
        mapping = go_string_map(src, "findAllContainerdDockerMappings") or go_string_map(docker_src, "findAllContainerdDockerMappings")
        return go_consts(docker_src)["dockerVersionUrlArm64"].replace("%s", mapping[version])

    def runc_url(self, containerd, runc, arch):
        src = self.src("runc", "pkg/nodemodel/wellknownassets/runc.go", "upup/pkg/fi/cloudup/runc.go")
        if 'containerdVersion.LT(semver.MustParse("1.6.0"))' in src and release(containerd) < (1, 6, 0):
            return None
        if runc is None:
            raise ReadError(f"{self.tag}: containerd {containerd} without a runc default")
        return go_consts(src)[f"runcVersionUrl{arch.capitalize()}"].replace("%s", runc)

    def cni_url(self, k8s, arch):
        src = self.src("cni", "pkg/nodemodel/wellknownassets/cni.go", "upup/pkg/fi/cloudup/networking.go")
        consts = go_consts(src)
        func = braced(strip_comments(src), r"func [Ff]indCNIAssets\([^{]*\{")
        at = func.index("switch arch")
        selection = func[at:]
        selection = selection[:self._end_of_statement(selection)]
        out = Go(selection, consts, where=f"{self.tag} CNI").run(k8s, arch)
        url = out.get("cniAssetURL", "")
        if not url:
            raise ReadError(f"{self.tag}: kOps refuses Kubernetes {vtext(k8s)} (no CNI plugins for it)")
        return url

    @staticmethod
    def _end_of_statement(text):
        depth = 0
        for i, ch in enumerate(text):
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    return i + 1
        raise ReadError("unbalanced switch")

    def file_assets(self):
        text = self.kops.show(self.tag, "pkg/nodemodel/fileassets.go")
        if text is not None:
            self.files["file assets"] = "pkg/nodemodel/fileassets.go"
            return strip_comments(text)
        src = self.src("file assets", "upup/pkg/fi/cloudup/apply_cluster.go")
        return braced(strip_comments(src), r"func \(c \*ApplyClusterCmd\) addFileAssets\([^{]*\{")

    def installs_cni(self, networking):
        fa = self.file_assets()
        if "InstallCNIAssets()" not in fa:
            return True
        src = self.src("networking that brings its own CNI plugins", "pkg/apis/kops/cluster.go")
        body = braced(strip_comments(src), r"func \(c \*Cluster\) InstallCNIAssets\(\) bool \{")
        own = {m.lower() for m in re.findall(r"Networking\.(\w+) == nil", body)}
        if "Cilium != nil" in body and "ChainingMode" in body:
            own.add("cilium")  # Cilium brings its own unless in portmap chaining mode (not the default)
        leftovers = re.sub(r"c\.Spec\.Networking\.\w+ == nil|&&|return|\s", "", body)
        if leftovers and "ChainingMode" not in body:
            raise ReadError(f"{self.tag}: InstallCNIAssets has a form this script does not know: {body!r}")
        return networking not in own

    def ecr_credential_provider(self, k8s):
        fa = self.file_assets()
        m = re.search(r'"https://artifacts\.k8s\.io/binaries/cloud-provider-aws/v([0-9.]+)"', fa)
        if not m:
            return None
        version = m.group(1)
        if "UsesExternalECRCredentialsProvider()" in fa:
            src = self.src("ecr condition", "pkg/apis/kops/cluster.go")
            expr = braced(strip_comments(src), r"func \(c \*Cluster\) UsesExternalECRCredentialsProvider\(\) bool \{")
        elif "UseExternalECRCredentialsProvider(" in fa:
            src = self.src("ecr condition", "pkg/apis/kops/model/features.go")
            expr = braced(strip_comments(src), r"func UseExternalECRCredentialsProvider\([^{]*\{")
        elif "UseExternalKubeletCredentialProvider(" in fa:
            src = self.src("ecr condition", "pkg/apis/kops/model/features.go")
            body = braced(strip_comments(src), r"func UseExternalKubeletCredentialProvider\([^{]*\{")
            expr = re.search(r"case kops\.CloudProviderAWS:\s*return ([^\n]+)", body).group(1)
        elif "case kops.CloudProviderAWS:" in fa:
            return version
        else:
            raise ReadError(f"{self.tag}: cannot tell when ecr-credential-provider is downloaded")
        expr = re.sub(r"&&\s*c(?:\.Spec)?\.GetCloudProvider\(\) == CloudProviderAWS|&&\s*cloudProvider == kops\.CloudProviderAWS", "", expr)
        expr = re.sub(r"\breturn\b", "", expr).strip()
        ok = expr == "true" or Go("", where=f"{self.tag} ecr").evaluate(expr.replace(" ", ""), k8s)
        return version if ok else None

    def kubernetes_base(self):
        m = re.search(r'baseURL = "(https://[^"]+/release/v)"', self.file_assets())
        if not m:
            raise ReadError(f"{self.tag}: no Kubernetes base URL")
        return m.group(1)

    def containerd_tools(self):
        """nerdctl and crictl: their URLs, and whether kOps downloads them unasked."""
        fa = self.file_assets()
        out = {}
        for name, fn, flag in [("nerdctl", "FindNerdctlAsset", "InstallNerdCtl"), ("crictl", "FindCrictlAsset", "InstallCriCtl")]:
            if not re.search(r"\b[Ff]ind" + fn[4:] + r"\(", fa):
                continue
            src = self.src(name, f"pkg/nodemodel/wellknownassets/{name}.go", f"upup/pkg/fi/cloudup/{name}.go")
            consts = go_consts(src)
            out[name] = ({a: consts[f"{name}AssetUrl{a.capitalize()}"] for a in ARCHES}, flag not in fa)
        return out

    def kops_binaries(self):
        """nodeup on every node; the binaries kOps adds to the control plane's nodeup config."""
        src = self.src("kops binaries", "pkg/nodemodel/wellknownassets/kopsassets.go", "upup/pkg/fi/cloudup/urls.go")
        base = go_consts(src)["defaultKopsBaseURL"].replace("%s", self.version)
        _, builder = self.kops.must(self.tag, "pkg/nodemodel/nodeupconfigbuilder.go", "upup/pkg/fi/cloudup/apply_cluster.go")
        self.files["control-plane binaries"] = _
        names = ["nodeup"] + [n for n, fn in [("protokube", "ProtokubeAsset"), ("channels", "ChannelsAsset")]
                              if re.search(r"\b" + fn + r"\(assetBuilder", strip_comments(builder))]
        return {a: [f"{base}linux/{a}/{n}" for n in names] for a in ARCHES}

    def oldest_kubernetes(self):
        src = self.src("oldest Kubernetes", "upup/pkg/fi/cloudup/apply_cluster.go")
        return release(re.search(r'OldestSupportedKubernetesVersion = "([^"]+)"', src).group(1))

    def files_for(self, k8s_text, networking):
        """The canonical URLs kOps downloads for a cluster with kOps's defaults, both arches."""
        k8s = release(k8s_text)
        containerd, runc = self.containerd_defaults(k8s)
        ecr = self.ecr_credential_provider(k8s)
        tools = self.containerd_tools()
        binaries = self.kops_binaries()
        base = self.kubernetes_base() + k8s_text
        urls = set()
        for a in ARCHES:
            urls |= {f"{base}/bin/linux/{a}/kubelet", f"{base}/bin/linux/{a}/kubectl"}
            if ecr:
                urls.add(f"https://artifacts.k8s.io/binaries/cloud-provider-aws/v{ecr}/linux/{a}/ecr-credential-provider-linux-{a}")
            if self.installs_cni(networking):
                urls.add(self.cni_url(k8s, a))
            urls.add(self.containerd_url(containerd, a))
            r = self.runc_url(containerd, runc, a)
            if r:
                urls.add(r)
            for name, (by_arch, default) in tools.items():
                if default:
                    urls.add(by_arch[a])
            urls |= set(binaries[a])
        return urls


# ---------------------------------------------------------------------------------------------
# kOps's golden files


CUSTOM = [  # cluster spec settings that change what kOps downloads: such tests are not compared
    ("containerd", ("version", "packages", "runc", "installNerdctl", "installCrictl", "nerdctl", "crictl")),
    ("docker", None), ("assets", None), ("kubeletCredentialProvider", None),
]


def custom_settings(spec):
    found = []
    if str(spec.get("containerRuntime", "containerd")) != "containerd":
        found.append("containerRuntime: " + str(spec.get("containerRuntime")))
    for key, sub in CUSTOM:
        value = spec.get(key)
        if value is None:
            continue
        if sub is None:
            found.append(key)
        else:
            found += [f"{key}.{s}" for s in sub if s in value]
    aws = (spec.get("cloudProvider") or {})
    if isinstance(aws, dict) and (aws.get("aws") or {}).get("binariesLocation"):
        found.append("cloudProvider.aws.binariesLocation")
    version = str(spec.get("kubernetesVersion", ""))
    if "://" in version:
        found.append("kubernetesVersion is a URL")
    return found


def networking_of(spec):
    net = spec.get("networking") or {}
    for key, ours in [("amazonvpc", "amazonvpc"), ("calico", "calico"), ("cilium", "cilium")]:
        if key in net:
            return ours
    return "other"


def canonical(entry):
    """`<hash>@<url>,<fallback>` or `<url>,<fallback>`: the first URL."""
    entry = entry.strip().strip("'\"")
    if "@" in entry.split(",")[0] and re.match(r"[0-9a-f]{64}@", entry):
        entry = entry.split("@", 1)[1]
    return entry.split(",")[0]


def golden_urls(text):
    urls, in_assets = set(), False
    for line in text.splitlines():
        if re.match(r"^Assets:", line):
            in_assets = True
            continue
        if in_assets:
            if re.match(r"^\S", line):
                break
            m = re.match(r"^\s+- (.+)$", line)
            if m:
                urls.add(canonical(m.group(1)))
    return urls


def as_release(url, version):
    """kOps's integration tests build with a made-up kOps version: put the tag's in its place."""
    return re.sub(r"^https://artifacts\.k8s\.io/binaries/kops/[^/]+/", f"https://artifacts.k8s.io/binaries/kops/{version}/", url)


def golden_cases(kops, tag, version):
    paths = kops.ls(tag, UPDATE_CLUSTER)
    by_dir = {}
    for p in paths:
        m = re.fullmatch(UPDATE_CLUSTER + r"/([^/]+)/data/(aws_s3_object_nodeupconfig-.+_content|aws_launch_template_.+_user_data)", p)
        if m:
            by_dir.setdefault(m.group(1), []).append(p)
    cases, skipped = [], []
    for d, files in sorted(by_dir.items()):
        configs = [f for f in files if "nodeupconfig" in f]
        if not configs:
            continue
        spec_text = kops.show(tag, f"{UPDATE_CLUSTER}/{d}/in-v1alpha2.yaml")
        if spec_text is None:
            skipped.append((d, "no in-v1alpha2.yaml"))
            continue
        clusters = [doc for doc in yaml.safe_load_all(spec_text) if doc and doc.get("kind") == "Cluster"]
        if len(clusters) != 1:
            skipped.append((d, f"{len(clusters)} clusters in in-v1alpha2.yaml"))
            continue
        spec = clusters[0].get("spec") or {}
        cloud = spec.get("cloudProvider")
        if cloud != "aws" and not (isinstance(cloud, dict) and "aws" in cloud):
            skipped.append((d, f"cloud provider {cloud!r}"))
            continue
        custom = custom_settings(spec)
        if custom:
            skipped.append((d, ", ".join(custom)))
            continue
        urls = set()
        for f in sorted(files):
            text = kops.show(tag, f)
            if "nodeupconfig" in f:
                urls |= golden_urls(text)
            else:
                urls |= {canonical(u) for u in re.findall(r"^NODEUP_URL_(?:AMD64|ARM64)=(\S+)", text, re.M)}
        urls = {as_release(u, version) for u in urls}
        kubelet = sorted(u for u in urls if u.endswith("/amd64/kubelet"))
        if len(kubelet) != 1:
            skipped.append((d, "no single kubelet"))
            continue
        k8s_text = re.search(r"/release/v([^/]+)/bin/", kubelet[0]).group(1)
        cases.append({"dir": d, "kubernetes": k8s_text, "networking": networking_of(spec), "urls": urls,
                      "files": sorted(f.split("/data/")[1] for f in files)})
    return cases, skipped


# ---------------------------------------------------------------------------------------------
# which Kubernetes versions to ask each tag about


def channel_newest_patches(kops):
    """The newest patch of each Kubernetes minor, from kOps's stable channel on its default branch."""
    ref = "master"
    text = kops.show(ref, "channels/stable")
    doc = yaml.safe_load(text)
    out = {}
    for kv in doc["spec"]["kubernetesVersions"]:
        v = release(str(kv["recommendedVersion"]))
        out[v[:2]] = v
    return out, kops.commit(ref)


def kubernetes_versions(rules, newest):
    line = release(rules.version)[:2]
    oldest = rules.oldest_kubernetes()
    chosen = {oldest: "oldest supported", (line[0], line[1], 0): "X.Y.0"}
    high = newest.get(line)
    if high:
        chosen.setdefault(high, "newest patch of X.Y (stable channel)")
    for minor in range(oldest[1], line[1] + 1):
        chosen.setdefault((1, minor, 0), "minor .0")
        if (1, minor) in newest:
            chosen.setdefault(newest[(1, minor)], "newest patch of the minor (stable channel)")
    texts = [strip_comments(rules.src("containerd defaults", "pkg/model/components/containerd.go"))]
    for t in set(re.findall(r'IsKubernetes(?:GTE|LT)\("(\d+\.\d+\.\d+)"\)', texts[0])):
        v = release(t)
        if oldest <= v <= (line[0], line[1], 999) and v[2] > 0:
            chosen.setdefault(v, "a patch threshold in containerd.go")
            chosen.setdefault((v[0], v[1], v[2] - 1), "just below a patch threshold in containerd.go")
    return [(v, chosen[v]) for v in sorted(chosen) if v[:2] <= line]


# ---------------------------------------------------------------------------------------------
# output


def template(url, kops_version, k8s):
    return (url.replace(f"/release/v{k8s}/bin/", "/release/v{kubernetes}/bin/")
               .replace(f"/binaries/kops/{kops_version}/", "/binaries/kops/{kops}/"))


def set_id(urls):
    return "s" + hashlib.sha1("\n".join(sorted(urls)).encode()).hexdigest()[:10]


def yaml_list(urls, indent):
    return "".join(f"{' ' * indent}- {u}\n" for u in sorted(urls))


class Expectations:
    """The file being written: file sets by id, and the golden and rule cases that name them."""

    def __init__(self):
        self.sets, self.golden, self.rules, self.skipped, self.read = {}, [], [], [], {}
        self.golden_total, self.disagreements = 0, []

    def file_set(self, urls, version, k8s):
        tpl = {template(u, version, k8s) for u in urls}
        sid = set_id(tpl)
        self.sets[sid] = tpl
        return sid

    def add_golden(self, kops, rules, tag):
        cases, skipped = golden_cases(kops, tag, rules.version)
        self.skipped += [(tag, d, why) for d, why in skipped]
        grouped = {}
        for c in cases:
            self.golden_total += 1
            try:
                read = rules.files_for(c["kubernetes"], c["networking"])
            except ReadError as e:
                read = {f"(the reading fails: {e})"}
            if read != c["urls"]:
                self.disagreements.append((tag, c["dir"], c["kubernetes"], sorted(c["urls"] - read), sorted(read - c["urls"])))
                continue
            key = (c["kubernetes"], c["networking"], self.file_set(c["urls"], rules.version, c["kubernetes"]))
            grouped.setdefault(key, []).append(c["dir"])
        for (k8s, net, sid), dirs in sorted(grouped.items(), key=lambda kv: (release(kv[0][0]), kv[0][0], kv[0][1])):
            self.golden.append((rules.version, k8s, net, sid, dirs))
        return len(cases), len(skipped)

    def add_rules(self, rules, newest):
        for k8s, why in kubernetes_versions(rules, newest):
            for net in ["other", "cilium"]:
                if net == "cilium" and not (why == "X.Y.0" and not rules.installs_cni("cilium")):
                    continue
                try:
                    urls = rules.files_for(vtext(k8s), net)
                except ReadError as e:
                    if "refuses" in str(e):
                        continue
                    raise
                self.rules.append((rules.version, vtext(k8s), net, self.file_set(urls, rules.version, vtext(k8s)), why))
        self.read[rules.tag] = sorted(set(rules.files.values()))

    def report_disagreements(self):
        print(f"golden tests: {self.golden_total}; the reading of kOps's code reproduces "
              f"{self.golden_total - len(self.disagreements)}", file=sys.stderr)
        for tag, d, k8s, only_golden, only_read in self.disagreements[:20]:
            print(f"  {tag} {d} (Kubernetes {k8s}):", file=sys.stderr)
            print("".join(f"    only in the golden files: {u}\n" for u in only_golden)
                  + "".join(f"    only in the reading:      {u}\n" for u in only_read), end="", file=sys.stderr)
        if len(self.disagreements) > 20:
            print(f"  … and {len(self.disagreements) - 20} more", file=sys.stderr)
        return not self.disagreements


def check_catalog_reads(kops):
    """Every `read: "<tag or master@commit> <file>"` in the catalog names a file that exists there."""
    catalog = yaml.safe_load((REPO_ROOT / "manifests/catalog/kops.yaml").read_text())
    entries = list(catalog["lines"]) + [r for rules in catalog["values"].values() for r in rules] + list(catalog["assets"])
    bad, count = [], 0
    for e in entries:
        m = re.fullmatch(r"(?:(v?\d[^ @]*)|master@([0-9a-f]+)) (\S+)", str(e.get("read", "")))
        if not m:
            continue
        count += 1
        if kops.show(m.group(1) or m.group(2), m.group(3)) is None:
            bad.append(e["read"])
    print(f"catalog: {count} rules name a kOps tag or commit and a file; {count - len(bad)} of those files exist there",
          file=sys.stderr)
    for b in bad:
        print(f"  no such file: {b}", file=sys.stderr)
    return not bad


def arguments(doc, default_out):
    """The command line both expectation scripts take: --kops CLONE [--out FILE] [--check]."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--kops", required=True, help="a kubernetes/kops clone (bare is fine)")
    ap.add_argument("--out", default=str(default_out), help="where to write (default: the test resource)")
    ap.add_argument("--check", action="store_true", help="compare with --out instead of writing it")
    return ap.parse_args()


def main():
    args = arguments(__doc__, DEFAULT_OUT)
    kops = Kops(args.kops)
    newest, master = channel_newest_patches(kops)
    tags = kops.release_tags()
    refs = [(t, None) for t in tags] + [NEXT]
    missing = [f"v1.{m}.0" for m in range(FIRST_LINE[1], LAST_LINE[1] + 1) if f"v1.{m}.0" not in tags]
    print(f"{len(tags)} tags: {tags[0]} … {tags[-1]}" + (f"; missing: {', '.join(missing)}" if missing else ""), file=sys.stderr)
    exp = Expectations()
    for tag, as_version in refs:
        rules = Rules(kops, tag, as_version)
        compared, skipped = exp.add_golden(kops, rules, tag)
        exp.add_rules(rules, newest)
        print(f"{tag}: {compared} golden tests compared, {skipped} with custom settings skipped", file=sys.stderr)
    agree = exp.report_disagreements()
    reads = check_catalog_reads(kops)
    if not agree or not reads:
        print("refusing to write: see above", file=sys.stderr)
        return 1
    return write_or_check(Path(args.out), render(kops, refs, master, exp), args.check,
                          f"{len(exp.golden)} golden cases, {len(exp.rules)} rule cases, {len(exp.sets)} file sets")


def write_or_check(out, text, check, what):
    """Writes the expectations, or with --check compares them with the file (its generation date aside)."""
    if check:
        undated = lambda t: [line for line in t.splitlines() if not re.match(r"# Generated |  generated: ", line)]
        same = out.exists() and undated(out.read_text()) == undated(text)
        print("up to date" if same else f"{out} differs from kOps: regenerate it", file=sys.stderr)
        return 0 if same else 1
    out.write_text(text)
    print(f"wrote {out}: {what}", file=sys.stderr)
    return 0


def preamble(what, script, master, legend):
    """An expectations file up to its list of refs: what it holds, the script and kOps commit it comes from,
    the `legend` lines, and the `source:` block."""
    today = datetime.date.today().isoformat()
    return [f"# {what}, per release tag: generated by manifests/{script}; do not edit.",
            f"# Generated {today} from kubernetes/kops (master {master}).",
            "#"] + legend + ["source:", "  repository: kubernetes/kops", f"  master: {master}", f"  generated: {today}", "  refs:"]


def render(kops, refs, master, exp):
    lines = preamble("What kOps downloads", Path(__file__).name, master, [
        "# golden: from kOps's integration golden files at the tag (every AWS test whose cluster takes kOps's",
        "#         defaults for the files it downloads); `tests` names the test directories under",
        f"#         {UPDATE_CLUSTER}/ whose nodeupconfig files and launch-template user data list these files.",
        "# rules:  from kOps's code at the tag (the reading was checked against every golden test first);",
        "#         `read` under `source.refs` names the files that decided. Kubernetes newest patches",
        f"#         come from kOps's channels/stable at master {master[:12]}.",
        f"# kOps {NEXT[1]} is kOps's {NEXT[0]} branch at {master[:12]}: not a release yet.",
        "# sets:   canonical URLs for amd64 and arm64; {kops} and {kubernetes} stand for the case's versions.",
    ])
    for ref, as_version in refs:
        version = as_version or ref[1:]
        lines.append(f"    - {{ref: {ref}, kops: {version}, commit: {kops.commit(ref)}, read: [{', '.join(exp.read[ref])}]}}")
    lines.append("golden:")
    for version, k8s, net, sid, dirs in exp.golden:
        lines.append(f"  - {{kops: {version}, kubernetes: {k8s}, networking: {net}, files: {sid}, tests: [{', '.join(dirs)}]}}")
    lines.append("rules:")
    for version, k8s, net, sid, why in exp.rules:
        lines.append(f"  - {{kops: {version}, kubernetes: {k8s}, networking: {net}, files: {sid}, why: \"{why}\"}}")
    lines.append("skipped:  # golden tests whose cluster sets what kOps downloads")
    for tag, d, why in exp.skipped:
        lines.append(f"  - {{tag: {tag}, test: {d}, why: \"{why}\"}}")
    lines.append("sets:")
    for sid in sorted(exp.sets):
        lines.append(f"  {sid}:")
        lines.append(yaml_list(exp.sets[sid], 4).rstrip("\n"))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ReadError as e:
        print(f"error: {e}", file=sys.stderr)
        print("kOps's code took a form this script does not read: read it, then teach the script", file=sys.stderr)
        sys.exit(2)
