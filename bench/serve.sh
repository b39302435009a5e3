#!/usr/bin/env bash
# Benchmark for `ferry mirror serve`: throughput and memory while serving a large file.
# Starts the server with a small heap (-Xmx64m: a server that buffered files would die),
# downloads the file once, then N times in parallel, and prints rate and the server's peak RSS.
#   bench/serve.sh [SIZE_MIB=1024] [PARALLEL=20]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
size_mib="${1:-1024}"
parallel="${2:-20}"
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

needs curl "apt-get install -y curl"
build_ferry
mkdir -p "$work/mirror"
# Random bytes, not a sparse file: the kernel must really read them.
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/mirror/big.bin"
port=$((20000 + RANDOM % 20000))
java -Xmx64m -jar "$root/cli/target/ferry.jar" mirror serve --dir "$work/mirror" --port "$port" >/dev/null 2>"$work/log" &
pid=$!
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/big.bin" -r 0-0 && break; sleep 0.2; done

peak=0
sample() { local r; r=$(awk '/VmRSS/{print $2}' "/proc/$pid/status"); [ "$r" -gt "$peak" ] && peak=$r; true; }
sample; idle=$peak

start=$(date +%s.%N)
curl -fs -o /dev/null "http://127.0.0.1:$port/big.bin" & c=$!
while kill -0 $c 2>/dev/null; do sample; sleep 0.1; done; wait $c
one=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
pids=()
for _ in $(seq "$parallel"); do curl -fs -o /dev/null "http://127.0.0.1:$port/big.bin" & pids+=($!); done
while kill -0 "${pids[@]}" 2>/dev/null; do sample; sleep 0.1; done
for p in "${pids[@]}"; do wait "$p"; done
many=$(echo "$(date +%s.%N) - $start" | bc)

printf 'file %d MiB; server heap -Xmx64m; RSS idle %d MiB, peak %d MiB\n' "$size_mib" $((idle / 1024)) $((peak / 1024))
printf '1 download: %.1f s (%.0f MiB/s)\n' "$one" "$(echo "$size_mib / $one" | bc -l)"
printf '%d parallel downloads: %.1f s (%.0f MiB/s total)\n' "$parallel" "$many" "$(echo "$size_mib * $parallel / $many" | bc -l)"
