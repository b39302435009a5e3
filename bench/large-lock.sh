#!/usr/bin/env bash
# A lock of N assets (default 100,000) over a folder mirror that holds them all: wall time and peak
# RSS of `verify` and `sync --dry-run`, with the launcher's JVM flags and with -Xmx128m, beside a bare
# JVM start. Memory should follow what is in flight, not the size of the lock.
#   bench/large-lock.sh [ASSETS=100000]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n="${1:-100000}"
out="$root/bench/out/large-lock-$n"
needs /usr/bin/time "GNU time: apt-get install -y time"

build_ferry
if [ ! -f "$out/ferry.lock" ]; then
  echo "generating $n assets under $out (once; reused by later runs)…" >&2
  mkdir -p "$out"
  python3 - "$n" "$out" <<'PY'
import hashlib, os, sys
n, out = int(sys.argv[1]), sys.argv[2]
lines = ["lockVersion: 1", 'generatedBy: "ferry bench"', "layout: kops", "selections: []", "assets:"]
for i in range(n):
    key = f"r/{i // 1000:03d}/asset-{i:06d}.bin"
    data = b"ferry asset %d\n" % i
    h = hashlib.sha256(data).hexdigest()
    os.makedirs(os.path.join(out, "mirror", os.path.dirname(key)), exist_ok=True)
    with open(os.path.join(out, "mirror", key), "wb") as f:
        f.write(data)
    with open(os.path.join(out, "mirror", key + ".sha256"), "w") as f:
        f.write(h)
    lines += [f"- url: https://dl.example.invalid/{key}", "  kind: extra", '  arch: "-"', '  version: ""', "  keys:",
              f"    kops: {key}", f"    legacy: {key}", "  hash:", f"    sha256: {h}", "    from: manifest", f"  size: {len(data)}"]
with open(os.path.join(out, "ferry.lock"), "w") as f:
    f.write("\n".join(lines) + "\n")
PY
fi

run() { # label, extra JVM flags..., -- ferry args...   (through ./ferry: the launcher's own flags and class-data archive)
  local label="$1"; shift
  local flags=(); while [ "$1" != "--" ]; do flags+=("$1"); shift; done; shift
  FERRY_JAVA_OPTS="${flags[*]}" /usr/bin/time -f "%e %M" -o "$out/time.txt" "$ferry" "$@" >/dev/null 2>"$out/err.txt" || true
  read -r secs kb < "$out/time.txt"
  printf '%-44s %7.2f s %8d MiB RSS\n' "$label" "$secs" "$((kb / 1024))"
}
echo "$n assets, $(du -h "$out/ferry.lock" | cut -f1) lock"
run "ferry --version (JVM start)" -- --version
run "verify --lock" -- mirror verify --lock "$out/ferry.lock" --to "file:$out/mirror"
run "verify --lock (-Xmx128m)" -Xmx128m -- mirror verify --lock "$out/ferry.lock" --to "file:$out/mirror"
run "sync --dry-run (all published)" -- mirror sync --dry-run --lock "$out/ferry.lock" --to "file:$out/mirror" --cache "$out/cache"
run "sync --dry-run (-Xmx128m)" -Xmx128m -- mirror sync --dry-run --lock "$out/ferry.lock" --to "file:$out/mirror" --cache "$out/cache"
if grep -q OutOfMemoryError "$out/err.txt"; then echo "note: the last run ran out of memory"; fi
