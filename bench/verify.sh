#!/usr/bin/env bash
# Benchmark for `ferry mirror verify --deep`: re-hash throughput on a folder mirror, and the cost
# of --public-url checks through `ferry mirror serve`.
#   bench/verify.sh [FILES=16] [MIB_PER_FILE=64]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
files="${1:-16}"
mib="${2:-64}"
work="$(mktemp -d)"
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

build_ferry
jar="$root/cli/target/ferry.jar"
for i in $(seq "$files"); do
  d="$work/mirror/bench/$i"; mkdir -p "$d"
  head -c "$((mib * 1024 * 1024))" /dev/urandom > "$d/file.bin"
  sha256sum "$d/file.bin" | cut -d' ' -f1 | tr -d '\n' > "$d/file.bin.sha256"
done
cat "$work"/mirror/bench/*/file.bin > /dev/null   # warm the page cache: measure hashing, not the disk

t() { local s; s=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $s" | bc; }
deep=$(t java -jar "$jar" mirror verify --to "file:$work/mirror" --deep)
total=$((files * mib))
printf 'verify --deep: %d files, %d MiB: %.1f s (%.0f MiB/s)\n' "$files" "$total" "$deep" "$(echo "$total / $deep" | bc -l)"

port=$((20000 + RANDOM % 20000))
java -jar "$jar" mirror serve --dir "$work/mirror" --port "$port" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/bench/1/file.bin.sha256" && break; sleep 0.2; done
pub=$(t java -jar "$jar" mirror verify --to "file:$work/mirror" --public-url "http://127.0.0.1:$port")
printf 'verify --public-url (no --deep): %d files: %.1f s\n' "$files" "$pub"
