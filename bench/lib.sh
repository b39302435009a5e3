# shellcheck shell=bash
# What the bench scripts share; each sources it right after `set -euo pipefail`:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# $root is the checkout; $ferry the launcher measured: this checkout's ./ferry, or another build's with
# BENCH_FERRY=/other/checkout/ferry (before/after comparisons).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ferry="${BENCH_FERRY:-$root/ferry}"

say() { printf '%s\n' "$*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; } # start end: the seconds between

# needs COMMAND HOW-TO-INSTALL: stops the benchmark, saying what to install, when COMMAND is missing.
needs() { command -v "$1" >/dev/null || { say "bench/$(basename "$0") needs $1 ($2)"; exit 1; }; }

# Builds the jar (and the launcher's class-data archive) when missing or stale, so that no timed run builds it.
build_ferry() { "$ferry" --version >/dev/null; }
