#!/usr/bin/env python3
"""Refreshes Ferry's copy of kOps's hash tables from a kubernetes/kops repository.

kOps keeps the sha256 of every well-known file a cluster downloads (Kubernetes binaries, containerd,
runc, CNI plugins, crictl, ecr-credential-provider) in pkg/assets/assetdata/*.yaml. Ferry carries
those tables byte for byte in manifests/catalog/kops-assetdata/, and `ferry mirror plan` pins every
file they list (hash.from: kops-assetdata). tables.yaml there names each table with the kOps commit
it was copied from.

This script copies every table of REF (default: the default branch) that is new or changed, and
records REF's commit for it. Tables kOps has dropped (kOps keeps only the Kubernetes lines it still
supports) stay, with the commit they were copied from, because Ferry still plans those lines.

Usage:
  git clone --bare https://github.com/kubernetes/kops kops.git
  manifests/kops-assetdata.py --kops kops.git [--ref master] [--check]

--check compares instead of writing (exit 1 when the copy is behind REF). Needs Python 3.8+ and git.
After a refresh, run `mvn -B -pl mirror -am test` and commit the tables with tables.yaml.
"""
import argparse
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
TABLES = REPO_ROOT / "manifests" / "catalog" / "kops-assetdata"
INDEX = TABLES / "tables.yaml"
ASSETDATA = "pkg/assets/assetdata"
HEADER = """\
# kOps's tables of the sha256 of the files a kOps cluster downloads: pkg/assets/assetdata/*.yaml of
# github.com/kubernetes/kops, copied byte for byte, each with the kOps commit it was copied from.
# `ferry mirror plan` pins every file they list (hash.from: kops-assetdata).
# Refresh with manifests/kops-assetdata.py; it keeps the tables kOps has dropped since.
tables:
"""


def git(repo, *args):
    return subprocess.run(["git", "--git-dir", str(repo), *args], check=True, capture_output=True).stdout


def read_index():
    index = {}
    if not INDEX.exists():
        return index
    for line in INDEX.read_text().splitlines():
        if line.startswith("  ") and ":" in line:
            name, commit = line.strip().split(":", 1)
            index[name.strip()] = commit.strip()
    return index


def write_index(index):
    INDEX.write_text(HEADER + "".join(f"  {name}: {index[name]}\n" for name in sorted(index)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kops", required=True, type=Path, help="a clone of kubernetes/kops (bare is enough)")
    parser.add_argument("--ref", default="HEAD", help="the kOps branch, tag or commit to copy from (default: HEAD)")
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 when the copy differs from REF")
    args = parser.parse_args()

    commit = git(args.kops, "rev-parse", args.ref + "^{commit}").decode().strip()
    names = [Path(p).name for p in git(args.kops, "ls-tree", "--name-only", commit, ASSETDATA + "/").decode().split()
             if p.endswith(".yaml")]
    index = read_index()
    changed = []
    for name in sorted(names):
        upstream = git(args.kops, "show", f"{commit}:{ASSETDATA}/{name}")
        mine = TABLES / name
        if mine.exists() and mine.read_bytes() == upstream and name in index:
            continue
        changed.append(name)
        if not args.check:
            mine.write_bytes(upstream)
            index[name] = commit
    dropped = sorted(set(index) - set(names))
    for name in changed:
        print(("differs: " if args.check else "copied: ") + name + " at " + commit[:12])
    for name in dropped:
        print(f"kept: {name} (copied at {index[name][:12]}; not in kOps at {commit[:12]})")
    if args.check:
        return 1 if changed else 0
    write_index(index)
    print(f"{len(changed)} of {len(names)} tables copied from kOps {commit[:12]}; {len(dropped)} kept from earlier commits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
