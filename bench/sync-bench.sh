#!/usr/bin/env bash
# Benchmark of `ferry mirror sync`, side by side with the machine's limits and the tools an admin would use instead.
#
#   bench/sync-bench.sh [GIB]        (default 2: one 1 GiB asset and 256 MiB ones; BENCH_JOBS=8 parallel transfers;
#                                     BENCH_FERRY=/other/checkout/ferry measures another build's launcher instead;
#                                     BENCH_BUNDLE_MIB=512 sizes the bench/bundle.sh run, 0 skips it;
#                                     BENCH_JFR=1 records a flight recording of the folder and S3 syncs, see README)
#
# Serves GIB GiB of synthetic assets and 1,000 small ones from a local HTTP server, then prints in one table: curl -o
# /dev/null (the transfer ceiling), dd conv=fsync of the same bytes (the durable-write floor), rclone copyurl, a verified
# durable shell pipeline (curl -o f && openssl dgst -sha256 f && sync f), Ferry to a folder, Ferry to S3Proxy beside
# `aws s3 cp` and `rclone copy` of the same files, Ferry's CPU seconds per GiB (GNU time), the no-op re-sync of 1,000
# assets, the 1 GiB asset at -Xmx128m, and bench/bundle.sh's pack and push beside tar | zstd and zstd -d; each Ferry
# row with its ratios to the plain tools and issue 14's goal, met or missed. Ferry runs through ./ferry, as an admin
# runs it. Each row records the 1-minute load average when it started: on a shared machine, read CPU s/GiB (which load
# barely moves) and the ratios (both sides share the same moment) before MiB/s. Needs bash, curl, GNU time, a JDK 17
# and Maven; rclone and awscli are used when installed.
# Everything lives under bench/out/ (git-ignored); the synthetic files are reused between runs.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$root/bench/out"
gib="${1:-${BENCH_GIB:-2}}"
jobs="${BENCH_JOBS:-8}"
mkdir -p "$out"
needs /usr/bin/time "GNU time: apt-get install -y time"
build_ferry
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

load() { cut -d' ' -f1 /proc/loadavg; }
settle() { sync; sleep 1; } # earlier steps' dirty pages go to the disk before the next step is timed

# --- 1. synthetic assets (kept between runs) --------------------------------------------------------------------------
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
  num=${base#asset-}; num=${num%.bin}; [ "$num" -le "$n" ] || rm -f "$f"
done
if [ ! -f "$data/small/.done" ]; then
  for i in $(seq -w 1 1000); do head -c 1024 /dev/urandom >"$data/small/a$i.bin"; done
  touch "$data/small/.done"
fi
big_files=("$data"/big/asset-*.bin)
big_bytes=0; for f in "${big_files[@]}"; do big_bytes=$((big_bytes + $(stat -c %s "$f"))); done
gibs=$(awk -v b="$big_bytes" 'BEGIN { printf "%.4f", b / 1073741824 }')
rate() { awk -v b="$big_bytes" -v s="$1" 'BEGIN { printf "%.0f", b / s / 1048576 }'; } # MiB/s
if [ ! -s "$out/big.sha256" ] || [ "$(wc -l <"$out/big.sha256")" -ne "${#big_files[@]}" ] || [ "$data/big" -nt "$out/big.sha256" ]; then
  (cd "$data/big" && sha256sum asset-*.bin) >"$out/big.sha256"
fi
cat "${big_files[@]}" >/dev/null # the upstream's files in the page cache, as a CDN's would be in its memory

# --- 2. upstream server (sendfile, so it takes little of the cores the clients share with it) --------------------------
rm -f "$out/port"
java -XX:+UseSerialGC "$root/bench/UpstreamServer.java" "$data" "$out/port" & pids+=($!)
for _ in $(seq 100); do [ -s "$out/port" ] && break; sleep 0.1; done
port=$(cat "$out/port"); base="http://127.0.0.1:$port"
say "upstream at $base"
urls() { for f in "${big_files[@]}"; do echo "$base/big/$(basename "$f")"; done; }

manifest() { # sums-file url-prefix > manifest
  echo "files:"; while read -r h f; do printf '  - url: %s/%s\n    sha256: %s\n' "$2" "$f" "$h"; done <"$1"
}
manifest "$out/big.sha256" "$base/big" >"$out/big.yaml"
"$ferry" mirror plan --manifest "$out/big.yaml" --lock-file "$out/big.lock" >/dev/null

# Rows of the report: key, label, seconds, CPU s/GiB (or ""), load when the step started.
rows=()
row() { rows+=("$1|$2|$3|$4|$5"); }
# JVM flags for a Ferry run: a flight recording into bench/out/NAME.jfr when BENCH_JFR=1, else none.
jfr() { if [ "${BENCH_JFR:-0}" = 1 ]; then printf -- '-XX:StartFlightRecording=settings=profile,filename=%s' "$out/$1.jfr"; fi; }
# Times a command under GNU time: sets wall, cpu_gib (user+sys per GiB) and rss_mib; fails the benchmark if it fails.
timed() { # name command…
  local name="$1"; shift
  /usr/bin/time -f '%e %U %S %M' -o "$out/$name.time" "$@" || { say "$name failed (exit $?)"; exit 1; }
  read -r wall user sys rss_kb <"$out/$name.time"
  cpu_gib=$(awk -v u="$user" -v s="$sys" -v g="$gibs" 'BEGIN { printf "%.2f", (u + s) / g }')
  rss_mib=$((rss_kb / 1024))
}

# --- 3. the machine's limits and the plain tools ----------------------------------------------------------------------
say "curl -o /dev/null (×$jobs parallel) …"
urls | xargs -P "$jobs" -n 1 curl -s -o /dev/null # warm up the server's JVM
settle; l=$(load); t0=$(now); urls | xargs -P "$jobs" -n 1 curl -s -o /dev/null; t1=$(now)
curl_s=$(secs "$t0" "$t1"); row curl "curl -o /dev/null" "$curl_s" "" "$l"

say "dd conv=fsync of the same bytes (×$jobs parallel) …"
rm -rf "$out/dd"; mkdir -p "$out/dd"; settle
l=$(load); t0=$(now)
# shellcheck disable=SC2016 # $1 and $2 expand in the inner shell
printf '%s\n' "${big_files[@]}" | xargs -P "$jobs" -I{} sh -c 'dd if="$1" of="$2/$(basename "$1")" bs=1M conv=fsync status=none' _ {} "$out/dd"
t1=$(now); dd_s=$(secs "$t0" "$t1"); row dd "dd conv=fsync (durable floor)" "$dd_s" "" "$l"
rm -rf "$out/dd"

rclone_s=""
if command -v rclone >/dev/null; then
  say "rclone copyurl → folder …"
  rm -rf "$out/rclone"; mkdir -p "$out/rclone"; settle
  l=$(load); t0=$(now)
  urls | xargs -P "$jobs" -I{} rclone -q copyurl {} "$out/rclone/" --auto-filename
  t1=$(now); rclone_s=$(secs "$t0" "$t1"); row rclone "rclone copyurl → folder (no hash, no fsync)" "$rclone_s" "" "$l"
  rm -rf "$out/rclone"
else
  row - "rclone copyurl → folder: not installed (apt-get install -y rclone)" "" "" ""
fi

say "curl -o f && openssl dgst -sha256 f && sync f (×$jobs parallel) …"
rm -rf "$out/shell"; mkdir -p "$out/shell"; settle
l=$(load); t0=$(now)
# shellcheck disable=SC2016 # $1 (hash), $2 (URL) and $SHELL_DIR expand in the inner shell
sed "s#  *# $base/big/#" "$out/big.sha256" | SHELL_DIR="$out/shell" xargs -P "$jobs" -n 2 sh -c \
  'f="$SHELL_DIR/${2##*/}"; curl -s -o "$f" "$2" && [ "$(openssl dgst -sha256 -r "$f" | cut -d" " -f1)" = "$1" ] && sync "$f"' _ \
  || { say "the shell pipeline failed"; exit 1; }
t1=$(now); shell_s=$(secs "$t0" "$t1"); row shell "curl -o f && openssl dgst -sha256 f && sync f" "$shell_s" "" "$l"
rm -rf "$out/shell"

# --- 4. Ferry to a folder (fresh cache, fresh folder) -----------------------------------------------------------------
say "ferry mirror sync → folder …"
json_seconds() { sed -n 's/.*"seconds": \([0-9.]*\).*/\1/p' "$1" | tail -1; }
rm -rf "$out/cache" "$out/mirror"; settle
l=$(load)
timed folder env FERRY_JAVA_OPTS="$(jfr folder)" "$ferry" mirror sync --lock "$out/big.lock" --to "file:$out/mirror" --cache "$out/cache" --jobs "$jobs" --output json \
  >"$out/folder.json" 2>"$out/folder.err"
folder_s=$wall; folder_cpu=$cpu_gib; row folder "ferry sync → folder (verified, fsynced)" "$folder_s" "$folder_cpu" "$l"
(cd "$data/big" && for f in asset-*.bin; do cmp -s "$f" "$out/mirror/big/$f" || { say "$f differs after sync"; exit 1; }; done)
rm -rf "$out/cache" "$out/mirror"

# --- 5. S3: Ferry, aws s3 cp, rclone copy to one S3Proxy ---------------------------------------------------------------
s3_s=""; aws_s=""; rclone_s3_s=""
if [ ! -s "$out/s3proxy.cp" ]; then
  mvn -q -B -f "$root/bench/s3proxy/pom.xml" dependency:build-classpath -Dmdep.outputFile="$out/s3proxy.cp" >&2 || true
fi
if [ -s "$out/s3proxy.cp" ]; then
  rm -rf "$out/s3" "$out/s3port"
  java -cp "$(cat "$out/s3proxy.cp")" "$root/bench/S3ProxyServer.java" "$out/s3" "$out/s3port" >"$out/s3proxy.log" 2>&1 & pids+=($!)
  for _ in $(seq 300); do [ -s "$out/s3port" ] && break; sleep 0.1; done
  endpoint="http://127.0.0.1:$(cat "$out/s3port")"
  export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret AWS_DEFAULT_REGION=us-east-1
  # Single part for every tool: PutObject with the whole file, as Ferry does (its ETag stays the MD5).
  printf '[default]\ns3 =\n  multipart_threshold = 4GB\n  max_concurrent_requests = %s\n' "$jobs" >"$out/aws.config"

  say "ferry mirror sync → S3Proxy …"
  rm -rf "$out/cache"; settle; l=$(load)
  timed s3 env FERRY_JAVA_OPTS="$(jfr s3)" "$ferry" mirror sync --lock "$out/big.lock" --to s3://bench/ferry --endpoint "$endpoint" --region us-east-1 \
    --cache "$out/cache" --jobs "$jobs" --output json >"$out/s3.json" 2>"$out/s3.err"
  s3_s=$wall; s3_cpu=$cpu_gib; row s3 "ferry sync → S3Proxy (download, verify, upload)" "$s3_s" "$s3_cpu" "$l"
  rm -rf "$out/cache" "$out/s3/bench/ferry"

  if command -v aws >/dev/null; then
    say "aws s3 cp → S3Proxy …"
    settle; l=$(load); t0=$(now)
    AWS_CONFIG_FILE="$out/aws.config" aws --endpoint-url "$endpoint" s3 cp --recursive --quiet "$data/big" s3://bench/awscli/ || { say "aws s3 cp failed"; exit 1; }
    t1=$(now); aws_s=$(secs "$t0" "$t1"); row aws "aws s3 cp → S3Proxy (from local disk, single part)" "$aws_s" "" "$l"
    rm -rf "$out/s3/bench/awscli"
  else
    row - "aws s3 cp: not installed (apt-get install -y awscli)" "" "" ""
  fi

  if command -v rclone >/dev/null; then
    say "rclone copy → S3Proxy …"
    settle; l=$(load); t0=$(now)
    # AWS_CA_BUNDLE (set on some machines) makes rclone's S3 client refuse to start; the endpoint is plain HTTP.
    if env -u AWS_CA_BUNDLE RCLONE_CONFIG_S3P_TYPE=s3 RCLONE_CONFIG_S3P_PROVIDER=Other RCLONE_CONFIG_S3P_ENDPOINT="$endpoint" \
       RCLONE_CONFIG_S3P_ACCESS_KEY_ID=bench RCLONE_CONFIG_S3P_SECRET_ACCESS_KEY=bench-secret \
       rclone -q copy --transfers "$jobs" --s3-upload-cutoff 5G "$data/big" s3p:bench/rclone 2>"$out/rclone-s3.err"; then
      t1=$(now); rclone_s3_s=$(secs "$t0" "$t1"); row rclone-s3 "rclone copy → S3Proxy (from local disk, single part)" "$rclone_s3_s" "" "$l"
    else
      row - "rclone copy → S3Proxy: did not complete ($(head -c 120 "$out/rclone-s3.err" | tr '\n' ' '))" "" "" "$l"
    fi
    rm -rf "$out/s3/bench/rclone"
  fi
else
  row - "S3Proxy unavailable (mvn could not resolve it)" "" "" ""
fi

# --- 6. no-op re-sync of 1,000 assets -------------------------------------------------------------------------------
(cd "$data/small" && sha256sum a*.bin) >"$out/small.sha256"
manifest "$out/small.sha256" "$base/small" >"$out/small.yaml"
"$ferry" mirror plan --manifest "$out/small.yaml" --lock-file "$out/small.lock" >/dev/null
rm -rf "$out/small-mirror" "$out/small-cache"
"$ferry" mirror sync --lock "$out/small.lock" --to "file:$out/small-mirror" --cache "$out/small-cache" --output json >"$out/small-first.json" 2>/dev/null
settle; noop_load=$(load); noop=()
for _ in 1 2 3; do # best of three: the figure is short enough for one stray process to double it
  t0=$(now)
  "$ferry" mirror sync --lock "$out/small.lock" --to "file:$out/small-mirror" --cache "$out/small-cache" --output json >"$out/small-noop.json" 2>/dev/null
  t1=$(now); noop+=("$(secs "$t0" "$t1")")
done
grep -q '"skipped": 1000' "$out/small-noop.json" || { say "no-op re-sync did not skip all 1,000 assets"; exit 1; }
noop_s=$(printf '%s\n' "${noop[@]}" | sort -n | head -1); noop_in=$(json_seconds "$out/small-noop.json")
t0=$(now); "$ferry" --version >/dev/null; t1=$(now); version_s=$(secs "$t0" "$t1")
t0=$(now); java -Xshare:auto -version >/dev/null 2>&1; t1=$(now); jvm_s=$(secs "$t0" "$t1")

# --- 7. memory: the 1 GiB asset with -Xmx128m --------------------------------------------------------------------------
rm -rf "$out/mem-cache" "$out/mem-mirror"
grep "asset-1g.bin" "$out/big.sha256" >"$out/mem.sha256"; manifest "$out/mem.sha256" "$base/big" >"$out/mem.yaml"
"$ferry" mirror plan --manifest "$out/mem.yaml" --lock-file "$out/mem.lock" >/dev/null
settle; mem_load=$(load)
timed mem env FERRY_JAVA_OPTS=-Xmx128m "$ferry" mirror sync --lock "$out/mem.lock" --to "file:$out/mem-mirror" --cache "$out/mem-cache" \
  --jobs 1 --output json >/dev/null 2>"$out/mem.err"
mem_rss=$rss_mib
cmp -s "$data/big/asset-1g.bin" "$out/mem-mirror/big/asset-1g.bin" || { say "1 GiB asset differs after sync"; exit 1; }
rm -rf "$out/mem-cache" "$out/mem-mirror"

# --- 8. the bundle: bench/bundle.sh's pack and push beside tar | zstd and zstd -d ---------------------------------------
bundle_mib="${BENCH_BUNDLE_MIB:-512}"; bundle=""
if [ "$bundle_mib" -gt 0 ]; then
  say "bench/bundle.sh $bundle_mib (pack, push; tar | zstd, zstd -d) …"
  settle; bundle_load=$(load)
  BENCH_FERRY="$ferry" BENCH_SUMMARY="$out/bundle.summary" "$root/bench/bundle.sh" "$bundle_mib" >"$out/bundle.txt" 2>"$out/bundle.err" \
    || { say "bench/bundle.sh failed: $(tail -3 "$out/bundle.err")"; exit 1; }
  read -r pack_s tz_s push_s uz_s bundle_assets <"$out/bundle.summary"; bundle=1
fi

# --- report ---------------------------------------------------------------------------------------------------------
speed() { [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", b / a }' || printf '%s' "-"; } # a's speed vs b's
ratios() { # key: the row's speed against the plain tools of the same run
  case "$1" in
    folder) printf '%s rclone, %s curl' "$(speed "$folder_s" "$rclone_s")" "$(speed "$folder_s" "$curl_s")" ;;
    shell) printf '%s rclone, %s curl' "$(speed "$shell_s" "$rclone_s")" "$(speed "$shell_s" "$curl_s")" ;;
    s3) printf '%s aws s3 cp, %s rclone copy' "$(speed "$s3_s" "$aws_s")" "$(speed "$s3_s" "$rclone_s3_s")" ;;
    *) printf -- '-' ;;
  esac
}
goal_of() { # key: issue 14's goal for the row
  case "$1" in
    folder) printf '≥ 0.9× rclone, ≥ 0.6× curl, CPU ≤ 2.0 s/GiB' ;;
    s3) printf '≥ 2× aws s3 cp (≤ 0.5× its time), CPU ≤ 3.5 s/GiB' ;;
    curl) printf '(ceiling of the transfer)' ;;
    dd) printf '(floor of a durable write)' ;;
  esac
}
export LC_ALL=C.UTF-8 # ${#text} counts characters (→, ×, ≥), so the columns line up
cell() { printf '%s%*s' "$1" $(($2 - ${#1})) ''; } # text, width: left-aligned
# label, MiB/s, seconds, CPU s/GiB, load, speed against the plain tools, goal
line() { printf '%s %7s %8s %9s %5s  %s %s\n' "$(cell "$1" 52)" "$2" "$3" "$4" "$5" "$(cell "$6" 34)" "$7"; }
echo
echo "ferry mirror sync benchmark ($ferry): $((big_bytes >> 20)) MiB in ${#big_files[@]} assets, $jobs parallel, $(nproc) cores, $(java -version 2>&1 | head -1)"
line "" "MiB/s" "seconds" "CPU s/GiB" "load" "speed, same run" "goal (issue 14)"
for r in "${rows[@]}"; do
  IFS='|' read -r key label s cpu l <<<"$r"
  if [ -z "$s" ]; then echo "$label"; continue; fi
  line "$label" "$(rate "$s")" "$s" "${cpu:--}" "$l" "$(ratios "$key")" "$(goal_of "$key")"
done
line "no-op re-sync of 1,000 assets, ./ferry" "" "$noop_s" "" "$noop_load" "best of 3; $noop_in s in the sync" "≤ 0.5 s wall"
echo "    (./ferry --version $version_s s; java -version $jvm_s s: the JVM's own start)"
line "1 GiB asset, -Xmx128m, --jobs 1: $mem_rss MiB peak RSS" "" "" "" "$mem_load" "" "≤ 150 MiB at any asset size"
if [ -n "$bundle" ]; then
  line "bundle pack, warm cache ($bundle_assets MiB, bundle.sh)" "" "$pack_s" "" "$bundle_load" "$(speed "$pack_s" "$tz_s") tar | zstd -3 -T2" "(no goal in issue 14)"
  line "bundle push to a folder (verified, fsynced)" "" "$push_s" "" "" "$(speed "$push_s" "$uz_s") zstd -dc" "(no goal in issue 14)"
  echo "    (bench/bundle.sh's own table, with cold pack, inspect --verify and peak RSS: bench/out/bundle.txt)"
fi
echo "(MiB/s and seconds are wall-clock, process start included; CPU is user + sys of the Ferry process, GNU time;"
echo " speed: how many times the plain tool's speed on the same bytes in this run, > 1× is faster)"

echo
echo "goals (issue 14):"
goal() { # description met?
  printf '  %s %s\n' "$(cell "$1" 70)" "$([ "$2" = 1 ] && echo met || echo MISSED)"
}
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }' && echo 1 || echo 0; }
if [ -n "$rclone_s" ]; then goal "ferry → folder ≥ 0.9× rclone copyurl ($(speed "$folder_s" "$rclone_s"))" "$(ge "$rclone_s" "$(awk -v s="$folder_s" 'BEGIN { print s * 0.9 }')")"; fi
goal "ferry → folder ≥ 0.6× curl -o /dev/null ($(speed "$folder_s" "$curl_s"))" "$(ge "$curl_s" "$(awk -v s="$folder_s" 'BEGIN { print s * 0.6 }')")"
goal "ferry → folder CPU ≤ 2.0 s/GiB ($folder_cpu)" "$(ge 2.0 "$folder_cpu")"
if [ -n "$s3_s" ]; then
  goal "ferry → S3Proxy CPU ≤ 3.5 s/GiB ($s3_cpu)" "$(ge 3.5 "$s3_cpu")"
  if [ -n "$aws_s" ]; then goal "ferry → S3Proxy ≤ 0.5× the time of aws s3 cp ($s3_s s vs $aws_s s)" "$(ge "$(awk -v a="$aws_s" 'BEGIN { print a * 0.5 }')" "$s3_s")"; fi
fi
goal "no-op re-sync of 1,000 assets ≤ 0.5 s wall ($noop_s s)" "$(ge 0.5 "$noop_s")"
goal "1 GiB asset at -Xmx128m ≤ 150 MiB RSS ($mem_rss MiB)" "$(ge 150 "$mem_rss")"
