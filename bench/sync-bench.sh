#!/usr/bin/env bash
# Benchmark of `ferry mirror sync`, side by side with the machine's practical limits.
#
#   bench/sync-bench.sh [GIB]        (default 3; BENCH_JOBS=8 parallel transfers)
#
# Serves GIB GiB of synthetic assets (one of them 1 GiB) and 1,000 small ones from a local HTTP
# server, then prints: curl -o /dev/null (the transfer ceiling), curl | sha256sum, Ferry to a
# folder, Ferry to S3Proxy, rclone (when installed), the no-op re-sync of 1,000 assets, and the
# 1 GiB asset synced with -Xmx128m (peak RSS). Needs bash, curl, a JDK 17 and Maven (to build
# the jar and fetch S3Proxy once). Everything lives under bench/out/ (git-ignored).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
gib="${1:-${BENCH_GIB:-3}}"
jobs="${BENCH_JOBS:-8}"
mkdir -p "$out"
jar="$root/cli/target/ferry.jar"
"$root/ferry" --version >/dev/null # builds the jar when missing or stale
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

say() { printf '%s\n' "$*" >&2; }
now() { date +%s.%N; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / s / 1048576 }'; } # MiB/s
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# --- 1. synthetic assets (kept between runs) --------------------------------------------------
data="$out/upstream"
mkdir -p "$data/big" "$data/small"
make_file() { # path size
  if [ ! -f "$1" ] || [ "$(stat -c %s "$1")" -ne "$2" ]; then head -c "$2" /dev/urandom >"$1"; fi
}
say "preparing ${gib} GiB of synthetic assets in $data …"
make_file "$data/big/asset-1g.bin" $((1 << 30))
n=$(( (gib - 1) * 4 ))
for i in $(seq 1 "$n"); do make_file "$data/big/asset-$i.bin" $((256 << 20)); done
for f in "$data"/big/asset-*.bin; do
  base=$(basename "$f"); [ "$base" = asset-1g.bin ] && continue
  num=${base#asset-}; num=${num%.bin}; [ "$num" -le "$n" ] || rm -f "$f" "$f.sha256"
done
if [ ! -f "$data/small/.done" ]; then
  for i in $(seq -w 1 1000); do head -c 1024 /dev/urandom >"$data/small/a$i.bin"; done
  touch "$data/small/.done"
fi
big_files=("$data"/big/asset-*.bin)
big_bytes=0; for f in "${big_files[@]}"; do big_bytes=$((big_bytes + $(stat -c %s "$f"))); done

# --- 2. upstream server ------------------------------------------------------------------------
rm -f "$out/port"
java "$root/bench/UpstreamServer.java" "$data" "$out/port" & pids+=($!)
for _ in $(seq 100); do [ -s "$out/port" ] && break; sleep 0.1; done
port=$(cat "$out/port"); base="http://127.0.0.1:$port"
say "upstream at $base"

# --- 3. the same files through curl -------------------------------------------------------------
urls() { for f in "${big_files[@]}"; do echo "$base/big/$(basename "$f")"; done; }
say "curl -o /dev/null (×$jobs parallel) …"
urls | xargs -P "$jobs" -n 1 curl -s -o /dev/null  # warm the page cache
t0=$(now); urls | xargs -P "$jobs" -n 1 curl -s -o /dev/null; t1=$(now)
curl_s=$(secs "$t0" "$t1")
say "curl | sha256sum (×$jobs parallel), also the lock's hashes …"
t0=$(now)
# shellcheck disable=SC2016 # $1 expands in the inner shell
urls | xargs -P "$jobs" -I{} sh -c 'h=$(curl -s "$1" | sha256sum | cut -d" " -f1); echo "$h $1"' _ {} >"$out/big.sums"
t1=$(now)
sha_s=$(secs "$t0" "$t1")

manifest() { # sums-file > manifest
  echo "files:"; while read -r h u; do printf '  - url: %s\n    sha256: %s\n' "$u" "$h"; done <"$1"
}
manifest "$out/big.sums" >"$out/big.yaml"
java -jar "$jar" mirror plan --manifest "$out/big.yaml" -o "$out/big.lock" >/dev/null

# --- 4. Ferry to a folder (fresh cache, fresh folder) ------------------------------------------
json_seconds() { sed -n 's/.*"seconds": \([0-9.]*\).*/\1/p' "$1" | tail -1; }
rm -rf "$out/cache" "$out/mirror"
say "ferry mirror sync → folder …"
t0=$(now)
java -jar "$jar" mirror sync --lock "$out/big.lock" --to "file:$out/mirror" --cache "$out/cache" --jobs "$jobs" --output json >"$out/folder.json"
t1=$(now)
folder_wall=$(secs "$t0" "$t1"); folder_s=$(json_seconds "$out/folder.json")

# --- 5. Ferry to S3Proxy (fresh cache) ----------------------------------------------------------
s3_line="S3Proxy unavailable (mvn could not resolve it)"
if [ ! -s "$out/s3proxy.cp" ]; then
  mvn -q -B -f "$root/bench/s3proxy/pom.xml" dependency:build-classpath -Dmdep.outputFile="$out/s3proxy.cp" >&2 || true
fi
if [ -s "$out/s3proxy.cp" ]; then
  rm -rf "$out/s3" "$out/s3port"
  java -cp "$(cat "$out/s3proxy.cp")" "$root/bench/S3ProxyServer.java" "$out/s3" "$out/s3port" >"$out/s3proxy.log" 2>&1 & pids+=($!)
  for _ in $(seq 300); do [ -s "$out/s3port" ] && break; sleep 0.1; done
  s3port=$(cat "$out/s3port")
  rm -rf "$out/cache"
  say "ferry mirror sync → S3Proxy …"
  t0=$(now)
  AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret java -jar "$jar" mirror sync --lock "$out/big.lock" \
    --to s3://bench/files --endpoint "http://127.0.0.1:$s3port" --region us-east-1 --cache "$out/cache" --jobs "$jobs" --output json >"$out/s3.json" \
    && s3_ok=1 || s3_ok=0
  t1=$(now)
  s3_wall=$(secs "$t0" "$t1"); s3_s=$(json_seconds "$out/s3.json")
  if [ "$s3_ok" = 1 ]; then
    s3_line=$(printf '%-34s %8s MiB/s  (%s s in sync, %s s wall)' "ferry sync → S3Proxy" "$(rate "$big_bytes" "$s3_s")" "$s3_s" "$s3_wall")
  else
    s3_line="ferry sync → S3Proxy               FAILED (see above and $out/s3proxy.log)"
  fi
fi

# --- 6. rclone ----------------------------------------------------------------------------------
rclone_line="rclone                             not installed (apt-get install -y rclone)"
if command -v rclone >/dev/null; then
  rm -rf "$out/rclone"; mkdir -p "$out/rclone"
  t0=$(now)
  urls | xargs -P "$jobs" -I{} rclone -q copyurl {} "$out/rclone/" --auto-filename
  t1=$(now)
  r_s=$(secs "$t0" "$t1")
  rclone_line=$(printf '%-34s %8s MiB/s  (%s s)' "rclone copyurl → folder" "$(rate "$big_bytes" "$r_s")" "$r_s")
fi

# --- 7. no-op re-sync of 1,000 assets ----------------------------------------------------------
(cd "$data/small" && sha256sum a*.bin) | while read -r h f; do echo "$h $base/small/$f"; done >"$out/small.sums"
manifest "$out/small.sums" >"$out/small.yaml"
java -jar "$jar" mirror plan --manifest "$out/small.yaml" -o "$out/small.lock" >/dev/null
rm -rf "$out/small-mirror" "$out/small-cache"
java -jar "$jar" mirror sync --lock "$out/small.lock" --to "file:$out/small-mirror" --cache "$out/small-cache" --output json >"$out/small-first.json"
# Through the launcher, as an admin runs it (it adds the class-data-sharing archive and GC flags).
t0=$(now)
"$root/ferry" mirror sync --lock "$out/small.lock" --to "file:$out/small-mirror" --cache "$out/small-cache" --output json >"$out/small-noop.json"
t1=$(now)
noop_wall=$(secs "$t0" "$t1"); noop_s=$(json_seconds "$out/small-noop.json")
grep -q '"skipped": 1000' "$out/small-noop.json" || { say "no-op re-sync did not skip all 1,000 assets"; exit 1; }
t0=$(now); java -Xshare:auto -version >/dev/null 2>&1; t1=$(now); jvm_s=$(secs "$t0" "$t1")

# --- 8. memory: the 1 GiB asset with -Xmx128m ----------------------------------------------------
rm -rf "$out/mem-cache" "$out/mem-mirror"
grep "asset-1g.bin" "$out/big.sums" >"$out/mem.sums"; manifest "$out/mem.sums" >"$out/mem.yaml"
java -jar "$jar" mirror plan --manifest "$out/mem.yaml" -o "$out/mem.lock" >/dev/null
mem_line="1 GiB asset, -Xmx128m               (no /usr/bin/time: run skipped)"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v java -Xmx128m -jar "$jar" mirror sync --lock "$out/mem.lock" --to "file:$out/mem-mirror" \
    --cache "$out/mem-cache" --jobs 1 >/dev/null 2>"$out/mem.time"
  rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/mem.time")
  cmp -s "$data/big/asset-1g.bin" "$out/mem-mirror/big/asset-1g.bin" || { say "1 GiB asset differs after sync"; exit 1; }
  mem_line=$(printf '%-34s %8s MiB peak RSS, heap capped at 128 MiB, exit 0' "1 GiB asset, -Xmx128m → folder" "$((rss_kb / 1024))")
fi

# --- report -------------------------------------------------------------------------------------
curl_rate=$(rate "$big_bytes" "$curl_s"); folder_rate=$(rate "$big_bytes" "$folder_s")
echo
echo "ferry mirror sync benchmark: $((big_bytes >> 20)) MiB in ${#big_files[@]} assets, $jobs parallel, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %8s MiB/s  (%s s)\n' "curl -o /dev/null" "$curl_rate" "$curl_s"
printf '%-34s %8s MiB/s  (%s s)\n' "curl | sha256sum" "$(rate "$big_bytes" "$sha_s")" "$sha_s"
printf '%-34s %8s MiB/s  (%s s in sync, %s s wall)  = %s× curl -o /dev/null\n' "ferry sync → folder" "$folder_rate" "$folder_s" "$folder_wall" \
  "$(awk -v a="$folder_rate" -v b="$curl_rate" 'BEGIN { printf "%.2f", a / b }')"
echo "$s3_line"
echo "$rclone_line"
printf '%-34s %8s s in sync, %s s wall (JVM start alone: %s s)\n' "no-op re-sync, 1,000 assets" "$noop_s" "$noop_wall" "$jvm_s"
echo "$mem_line"
