#!/usr/bin/env bash
# Benchmark for the air-gap bundle: `ferry mirror pack` (from a warm cache) and `ferry mirror push` (into a folder),
# as bundle MiB/s, the compression ratio, and each run's peak RSS (GNU time). The JVM gets a small heap
# (-Xmx256m) on purpose: pack and push stream, so memory must stay flat whatever the bundle size.
# Data: half random bytes (like the .tar.gz assets: containerd, CNI), half ELF binaries from this machine (like
# kubelet, nodeup), served over HTTP on 127.0.0.1 for the first (cold) pack, which fills the cache.
#   bench/bundle.sh [SIZE_MIB=1024] [LEVEL=3] [SPLIT=256m]
# BENCH_FERRY=/other/checkout/ferry measures another build's launcher; BENCH_SUMMARY=FILE also writes
# "pack-seconds tar|zstd-seconds push-seconds zstd-d-seconds asset-MiB" there (bench/sync-bench.sh reads it).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
size_mib="${1:-1024}"
level="${2:-3}"
split="${3:-256m}"
heap="${BENCH_HEAP:--Xmx256m}"
work="$(mktemp -d)"
http=""
trap 'if [ -n "$http" ]; then kill "$http" 2>/dev/null || true; fi; rm -rf "$work"' EXIT

needs /usr/bin/time "GNU time: apt-get install -y time"
build_ferry
export FERRY_JAVA_OPTS="$heap"       # every run below goes through ./ferry, as an admin runs it, with this heap

files=16
each=$((size_mib / files))
mkdir -p "$work/up/release/v1.30.0/bin/linux/amd64" "$work/up/github/releases"
# ELF-like assets: concatenate this machine's shared libraries and binaries until the size is reached.
elf_pool="$work/elf-pool"
find /usr/lib /usr/bin -type f -size +200k 2>/dev/null | head -2000 | while read -r f; do
  if head -c 4 "$f" 2>/dev/null | grep -q 'ELF'; then cat "$f"; fi
done | head -c "$((each * 1024 * 1024 * 2))" > "$elf_pool" || true   # head closing the pipe early is the point
manifest="$work/ferry.yaml"
echo "files:" > "$manifest"
port=$((20000 + RANDOM % 20000))
for i in $(seq 0 $((files - 1))); do
  if [ $((i % 2)) -eq 0 ]; then
    p="github/releases/asset-$i.tar.gz"; head -c "$((each * 1024 * 1024))" /dev/urandom > "$work/up/$p"
  else
    p="release/v1.30.0/bin/linux/amd64/binary-$i"
    # a different slice of the pool per file, so files are not copies of each other
    dd if="$elf_pool" of="$work/up/$p" bs=1M skip=$((i % 8)) count="$each" status=none
  fi
  printf '  - url: http://127.0.0.1:%d/%s\n    sha256: %s\n' "$port" "$p" "$(sha256sum "$work/up/$p" | cut -d' ' -f1)" >> "$manifest"
done
rm -f "$elf_pool"
total=$(find "$work/up" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
(cd "$work/up" && exec python3 -m http.server --bind 127.0.0.1 "$port" >/dev/null 2>&1) & http=$!
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done

"$ferry" mirror plan --manifest "$manifest" -o "$work/ferry.lock" >/dev/null
timed() { # label, command…: prints elapsed seconds and peak RSS (KiB) into $work/$label
  local label="$1"; shift
  /usr/bin/time -f '%e %M' -o "$work/$label.time" "$@" >"$work/$label.out" 2>"$work/$label.err" || { cat "$work/$label.err" >&2; exit 1; }
}
mib() { echo "scale=1; $1 / 1048576" | bc; }
rate() { echo "scale=1; $1 / 1048576 / $2" | bc; }

timed cold "$ferry" mirror pack --lock "$work/ferry.lock" -o "$work/carry/b.tar.zst" --split "$split" --level "$level" --cache "$work/cache"
rm -rf "$work/carry"
timed pack "$ferry" mirror pack --lock "$work/ferry.lock" -o "$work/carry/b.tar.zst" --split "$split" --level "$level" --cache "$work/cache"
bundle=$(find "$work/carry" -name 'b.tar.zst.[0-9]*' -printf '%s\n' | awk '{s+=$1} END {print s}')
parts=$(find "$work/carry" -name 'b.tar.zst.[0-9]*' | wc -l)
timed inspect "$ferry" mirror inspect "$work/carry/b.tar.zst" --verify
timed push "$ferry" mirror push "$work/carry/b.tar.zst" --to "file:$work/mirror"
# Baselines at the same moment on the same machine: plain tar | zstd (same level, 2 threads), and zstd -d.
timed tarzstd bash -c "tar -C '$work/cache' -cf - . | zstd -q -$level -T2 > '$work/baseline.tar.zst'"
timed unzstd bash -c "cat '$work'/carry/b.tar.zst.[0-9]* | zstd -q -dc > /dev/null"
timed repush "$ferry" mirror push "$work/carry/b.tar.zst" --to "file:$work/mirror"

read -r cold_s cold_rss < "$work/cold.time"
read -r pack_s pack_rss < "$work/pack.time"
read -r insp_s insp_rss < "$work/inspect.time"
read -r push_s push_rss < "$work/push.time"
read -r re_s re_rss < "$work/repush.time"
read -r tz_s tz_rss < "$work/tarzstd.time"
read -r uz_s uz_rss < "$work/unzstd.time"
if [ -n "${BENCH_SUMMARY:-}" ]; then echo "$pack_s $tz_s $push_s $uz_s $(echo "$total / 1048576" | bc)" >"$BENCH_SUMMARY"; fi
ratio() { echo "scale=2; $2 / $1" | bc; } # how many times the speed of the baseline taking $2 s a run taking $1 s has
echo "machine: $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg) at the end; java $(java -version 2>&1 | head -1 | cut -d'"' -f2); heap $heap; zstd level $level"
echo "assets: $files files, $(mib "$total") MiB (half random, half ELF); bundle $(mib "$bundle") MiB in $parts parts of $split"
echo "compression ratio (assets / bundle): $(echo "scale=3; $total / $bundle" | bc)"
printf '%-34s %8s %12s %12s %12s %14s\n' "step" "seconds" "asset MiB/s" "bundle MiB/s" "peak RSS MiB" "× baseline"
printf '%-34s %8s %12s %12s %12s %14s\n' "pack, cold (download 127.0.0.1)" "$cold_s" "$(rate "$total" "$cold_s")" "$(rate "$bundle" "$cold_s")" "$((cold_rss / 1024))" ""
printf '%-34s %8s %12s %12s %12s %14s\n' "pack, warm cache" "$pack_s" "$(rate "$total" "$pack_s")" "$(rate "$bundle" "$pack_s")" "$((pack_rss / 1024))" "$(ratio "$pack_s" "$tz_s")× tar|zstd"
printf '%-34s %8s %12s %12s %12s %14s\n' "inspect --verify (read all)" "$insp_s" "$(rate "$total" "$insp_s")" "$(rate "$bundle" "$insp_s")" "$((insp_rss / 1024))" "$(ratio "$insp_s" "$uz_s")× zstd -d"
printf '%-34s %8s %12s %12s %12s %14s\n' "push to a folder" "$push_s" "$(rate "$total" "$push_s")" "$(rate "$bundle" "$push_s")" "$((push_rss / 1024))" "$(ratio "$push_s" "$uz_s")× zstd -d"
printf '%-34s %8s %12s %12s %12s %14s\n' "push again (all skipped)" "$re_s" "$(rate "$total" "$re_s")" "$(rate "$bundle" "$re_s")" "$((re_rss / 1024))" ""
printf '%-34s %8s %12s %12s %12s %14s\n' "baseline: tar | zstd -$level -T2" "$tz_s" "$(rate "$total" "$tz_s")" "$(rate "$bundle" "$tz_s")" "$((tz_rss / 1024))" ""
printf '%-34s %8s %12s %12s %12s %14s\n' "baseline: zstd -dc (parts)" "$uz_s" "$(rate "$total" "$uz_s")" "$(rate "$bundle" "$uz_s")" "$((uz_rss / 1024))" ""
echo "(MiB/s: bytes per wall-clock second, JVM start included; asset = uncompressed assets, bundle = compressed parts;"
echo " × baseline: the step's speed as a multiple of the plain tool's on the same bytes: pack against tar | zstd,"
echo " inspect and push against zstd -d (which only decompresses: push also verifies every byte and writes, fsynced))"
