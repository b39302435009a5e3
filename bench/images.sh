#!/usr/bin/env bash
# Benchmark of Ferry's image copy beside skopeo, between the same two local registries.
#
#   bench/images.sh [COUNT] [MIB]     (default 24 images of about 12 MiB, about a kOps cluster's count;
#                                      BENCH_JOBS=8, BENCH_BIG_MIB=96, BENCH_RUNS=3 rounds)
#
# Generates COUNT multi-platform test images (random gzipped layers, linux/amd64 + linux/arm64, OCI indexes
# and Docker manifest lists in turn) and one with a BENCH_BIG_MIB layer, loads them into an "upstream"
# docker-registry, then copies them into a "target" docker-registry with:
#   - skopeo copy --all --preserve-digests, one image after the other (the usual loop), and again in parallel;
#   - Ferry's copy engine (the registry module, through its test main CopyMain), BENCH_JOBS at once, -Xmx64m;
# and once more each (the re-run: everything is there already; Ferry also with the digests pinned, as a lock
# pins them). Each round gives every tool a fresh target; the medians of BENCH_RUNS rounds are printed side by
# side with ratios, with Ferry's peak RSS, after skopeo checked that every digest in every target is upstream's.
# Goals (issue 15): Ferry >= 1.5 x skopeo's throughput, Ferry's re-run <= 0.2 x skopeo's.
# BENCH_PERF=FILE records the whole machine (perf record -a -g) during the first round's Ferry copy, so that
# `perf report -i FILE --sort comm` shows Ferry's share beside the registries'; Ferry then runs with the JIT's
# symbol map (FILE's folder gets /tmp/perf-PID.map) and frame pointers.
# BENCH_STORAGE=DIR keeps the registries' blobs under DIR instead (e.g. /dev/shm: memory, so the figures leave out
# the disk; docker-registry fsyncs every file it writes, about nine per blob).
# Needs docker-registry and skopeo (apt-get install -y docker-registry skopeo), a JDK 17 and Maven.
# Everything lives under bench/out/images/ (git-ignored); generated images are reused between runs.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$root/bench/out/images"
count="${1:-${BENCH_COUNT:-24}}"
mib="${2:-${BENCH_MIB:-12}}"
jobs="${BENCH_JOBS:-8}"
big="${BENCH_BIG_MIB:-96}"
runs="${BENCH_RUNS:-3}"
store="${BENCH_STORAGE:-$out}/ferry-bench-registries"
mkdir -p "$out"
for tool in docker-registry skopeo java mvn; do
  needs "$tool" "apt-get install -y docker-registry skopeo, a JDK 17 and Maven"
done
pids=()
target_name=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -z "$target_name" ] || rm -rf "${out:?}/$target_name" "${store:?}/$target_name" "$out/jar"
}
trap cleanup EXIT
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / s / 1048576 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# --- 1. the copy engine and its class path ----------------------------------------------------
say "building the registry module …"
(cd "$root" && mvn -B -q -pl registry -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt" >/dev/null)
cp="$root/registry/target/test-classes:$root/registry/target/classes:$(cat "$out/classpath.txt")"

# --- 2. test images (kept between runs) -------------------------------------------------------
say "generating $count images of ~$mib MiB and one with a $big MiB layer in $out/layouts …"
java -cp "$cp" dev.ferry.registry.support.TestImages "$out/layouts" "$count" "$mib" "$big"
images=(); for i in $(seq 1 "$count"); do images+=("img-$i"); done; images+=("img-big")
bytes=0
for img in "${images[@]}"; do
  b=$(find "$out/layouts/$img/blobs" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }'); bytes=$((bytes + b))
done

# --- 3. registries: one upstream; a fresh target for each tool (new port: skopeo's blob cache knows none of it) --
start_registry() { # name port
  rm -rf "${out:?}/${1:?}" "${store:?}/${1:?}"; mkdir -p "$out/$1" "$store/$1"
  cat >"$out/$1/config.yml" <<YAML
version: 0.1
log: {level: info, accesslog: {disabled: false}}
storage: {filesystem: {rootdirectory: $store/$1/data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$2}
YAML
  docker-registry serve "$out/$1/config.yml" >"$out/$1/registry.log" 2>&1 & pids+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$2/v2/" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "images.sh: $1 registry did not start" >&2; exit 1
}
base_port=$((20000 + RANDOM % 10000))
start_registry upstream "$base_port"; up="127.0.0.1:$base_port"
say "loading the images into upstream ($up) with skopeo …"
for img in "${images[@]}"; do
  skopeo copy --all --preserve-digests --quiet --dest-tls-verify=false "oci:$out/layouts/$img" "docker://$up/bench/$img:1.0"
done
target_for() { # name offset: stops (and empties) the last target, starts a fresh one, sets $to
  if [ -n "$target_name" ]; then kill "${pids[-1]}" 2>/dev/null || true; wait "${pids[-1]}" 2>/dev/null || true; rm -rf "${out:?}/$target_name" "${store:?}/$target_name"; fi
  start_registry "$1" $((base_port + $2)); to="127.0.0.1:$((base_port + $2))"; target_name="$1"
}

# --- 4. the tools ----------------------------------------------------------------------------------
skopeo_loop() { # parallelism
  printf '%s\n' "${images[@]}" | xargs -P "$1" -I{} skopeo copy --all --preserve-digests --quiet \
    --src-tls-verify=false --dest-tls-verify=false "docker://$up/bench/{}:1.0" "docker://$to/mirror/bench/{}:1.0"
}
check() { # every digest in the current target is upstream's (skopeo is the judge)
  for img in "${images[@]}"; do
    want=$(skopeo inspect --raw --tls-verify=false "docker://$up/bench/$img:1.0" | sha256sum | cut -d' ' -f1)
    got=$(skopeo inspect --raw --tls-verify=false "docker://$to/mirror/bench/$img:1.0" | sha256sum | cut -d' ' -f1)
    [ "$got" = "$want" ] || { echo "images.sh: $to/mirror/bench/$img has digest $got, upstream $want" >&2; exit 1; }
  done
}
# --- 5. rounds: each tool in turn, a fresh target each time; medians are reported (the machine is shared) -----
(cd "$out" && rm -rf jar && mkdir jar && cp -r "$root/core/target/classes/." "$root/registry/target/classes/." \
  "$root/registry/target/test-classes/." jar/ && jar --create --file ferry-images.jar -C jar .)
# core's classes are in the jar; a folder on the class path would stop the JVM from sharing class data
fcp="$out/ferry-images.jar:$(tr ':' '\n' <"$out/classpath.txt" | grep '\.jar$' | paste -sd:)"
flags=(-XX:+UseSerialGC -XX:-UsePerfData -Xmx64m)
[ -z "${BENCH_PERF:-}" ] || flags+=(-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer)
# the launcher's compiler thresholds, read from ./ferry itself so the two cannot drift apart
read -r -a tier4 <<<"$(grep -o -- '-XX:Tier4[A-Za-z]*=[0-9]*' "$root/ferry" | paste -sd' ')"
[ "${#tier4[@]}" -gt 0 ] && flags+=("${tier4[@]}")
ferry() { # refs…  (started as the launcher starts Ferry: a jar, a class-data-sharing archive, serial GC, its compiler thresholds)
  java "${flags[@]}" "${cds[@]}" -cp "$fcp" dev.ferry.registry.support.CopyMain --target "http://$to/mirror" --jobs "$jobs" \
    --endpoint "$up=http://$up" "$@"
}
refs=(); for img in "${images[@]}"; do refs+=("$up/bench/$img:1.0"); done
say "training Ferry's class-data-sharing archive on one image …"
target_for ferry-train 3
cds=(-XX:ArchiveClassesAtExit="$out/ferry-images.jsa" -Xlog:disable)
ferry "${refs[0]}" >/dev/null
cds=(-XX:SharedArchiveFile="$out/ferry-images.jsa" -Xlog:disable)
timed() { # OUTPUT-FILE COMMAND…: runs it, its output to the file, and prints its seconds
  local t0 t1 o="$1"; shift; t0=$(now); "$@" >"$o"; t1=$(now); secs "$t0" "$t1"
}
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
all_sk=(); all_sk_re=(); all_skp=(); all_skp_re=(); all_fe=(); all_fe_re=(); all_fe_pin=()
for round in $(seq 1 "$runs"); do
  say "round $round of $runs: skopeo serial, skopeo ×$jobs, Ferry …"
  target_for "skopeo-serial-$round" $((10 + 3 * round))
  all_sk+=("$(timed /dev/null skopeo_loop 1)"); all_sk_re+=("$(timed /dev/null skopeo_loop 1)"); check
  target_for "skopeo-parallel-$round" $((11 + 3 * round))
  all_skp+=("$(timed /dev/null skopeo_loop "$jobs")"); all_skp_re+=("$(timed /dev/null skopeo_loop "$jobs")"); check
  target_for "ferry-$round" $((12 + 3 * round))
  [ -z "${BENCH_PERF:-}" ] || { perf record -a -g -F 499 -o "$BENCH_PERF" 2>/dev/null & perf_pid=$!; sleep 0.5; }
  all_fe+=("$(timed "$out/ferry-1.txt" ferry "${refs[@]}")")
  [ -z "${BENCH_PERF:-}" ] || { kill -INT "$perf_pid"; wait "$perf_pid" || true; unset BENCH_PERF; }
  grep -q " 0 failed" "$out/ferry-1.txt" || { cat "$out/ferry-1.txt" >&2; exit 1; }
  all_fe_re+=("$(timed "$out/ferry-2.txt" ferry "${refs[@]}")")
  pinned=(); while read -r _ ref digest; do pinned+=("$ref@$digest"); done < <(grep '^COPIED ' "$out/ferry-1.txt")
  all_fe_pin+=("$(timed "$out/ferry-3.txt" ferry "${pinned[@]}")")
  check
done
echo "seconds per round: skopeo serial ${all_sk[*]} (re-run ${all_sk_re[*]}); skopeo x$jobs ${all_skp[*]} (re-run ${all_skp_re[*]});"
echo "                   Ferry ${all_fe[*]} (re-run ${all_fe_re[*]}; pinned ${all_fe_pin[*]})"
sk_s=$(median "${all_sk[@]}"); sk_re=$(median "${all_sk_re[@]}"); skp_s=$(median "${all_skp[@]}"); skp_re=$(median "${all_skp_re[@]}")
fe_s=$(median "${all_fe[@]}"); fe_re=$(median "${all_fe_re[@]}"); fe_pin=$(median "${all_fe_pin[@]}")
uploads_re=$(sed -n 's/.*failed; \([0-9]*\) blobs copied.*/\1/p' "$out/ferry-2.txt")
jvm0=$(now); java "${flags[@]}" -version >/dev/null 2>&1; jvm1=$(now); jvm_s=$(secs "$jvm0" "$jvm1")

# --- 6. the table -----------------------------------------------------------------------------
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }')
printf '\n%s images (%s MiB of blobs, all platforms), one upstream registry, a fresh target for each copy; median of %s rounds\n\n' \
  "${#images[@]}" "$mb" "$runs"
printf '%-36s %9s %9s %11s\n' "" "copy (s)" "MiB/s" "re-run (s)"
printf '%-36s %9s %9s %11s\n' "skopeo copy --all, serial" "$sk_s" "$(rate "$bytes" "$sk_s")" "$sk_re"
printf '%-36s %9s %9s %11s\n' "skopeo copy --all, $jobs in parallel" "$skp_s" "$(rate "$bytes" "$skp_s")" "$skp_re"
printf '%-36s %9s %9s %11s\n' "Ferry, $jobs jobs" "$fe_s" "$(rate "$bytes" "$fe_s")" "$fe_re"
printf '%-36s %9s %9s %11s\n' "Ferry re-run, digests pinned (lock)" "" "" "$fe_pin"
printf '\nFerry throughput / skopeo serial:    %sx (goal >= 1.5)\n' "$(ratio "$sk_s" "$fe_s")"
printf 'Ferry throughput / skopeo parallel:  %sx\n' "$(ratio "$skp_s" "$fe_s")"
printf 'Ferry re-run / skopeo serial re-run: %sx unpinned, %sx pinned (goal <= 0.2); blobs sent by the re-run: %s\n' \
  "$(ratio "$fe_re" "$sk_re")" "$(ratio "$fe_pin" "$sk_re")" "$uploads_re"
printf 'Ferry peak RSS with -Xmx64m while a %s MiB layer streamed: %s; a bare JVM start: %s s\n' "$big" \
  "$(sed -n 's/^peak RSS: //p' "$out/ferry-1.txt")" "$jvm_s"
echo "every digest in every target equals upstream's (skopeo inspect --raw)"
