#!/usr/bin/env bash
# Measures `ferry bootstrap render`: wall time, peak memory and user-data size against EC2's 16 KB,
# for a real kOps 1.30.4 / Kubernetes 1.30.0 lock (both arches) and a local mirror that serves only
# the .sha256 sidecars render reads. Not a test: run it by hand, read the numbers.
#   bench/bootstrap-render.sh
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
work="$(mktemp -d)"
trap 'kill "${server_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

"$ferry" mirror plan --kops 1.30.4 --kubernetes 1.30.0 -o "$work/ferry.lock" >/dev/null
# Sidecars for every key (made-up hashes: render only copies them into the user-data).
grep '^    kops: ' "$work/ferry.lock" | awk '{print $2}' | while read -r key; do
  mkdir -p "$work/mirror/kops/$(dirname "$key")"
  printf '%s' "$key" | sha256sum | cut -d ' ' -f 1 > "$work/mirror/kops/$key.sha256"
done
port=$((20000 + RANDOM % 20000))
(cd "$work/mirror" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
server_pid=$!
sleep 1
cat > "$work/types.json" <<'JSON'
{"InstanceTypes": [{"InstanceType": "m5.large", "Hypervisor": "nitro", "BareMetal": false, "VCpuInfo": {"DefaultVCpus": 2},
  "NetworkInfo": {"MaximumNetworkInterfaces": 3, "Ipv4AddressesPerInterface": 10}}]}
JSON
printf 'ClusterName: bench.k8s.local\nConfigBase: s3://state/bench.k8s.local\n' > "$work/kube_env.yaml"

run() {
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$ferry" bootstrap render --lock "$work/ferry.lock" \
    --mirror "http://127.0.0.1:$port/kops" --mirror https://backup.example.cn/kops \
    --registry-mirror docker.io=https://registry.example.cn -o "$work/out" "$@" 2>/dev/null
  read -r secs kb < "$work/time"
  printf '%-28s %6d bytes  %5.2f s  %4d MB peak RSS\n' "$label" "$(wc -c < "$work/out")" "$secs" "$((kb / 1024))"
}
run "script, amd64+arm64" --instance-type m5.large --instance-types-file "$work/types.json"
run "script, amd64" --instance-type m5.large --instance-types-file "$work/types.json" --arch amd64
run "cloud-init, amd64+arm64" --instance-type m5.large --instance-types-file "$work/types.json" --format cloud-init
run "kOps, amd64+arm64" --kops --kops-kube-env "$work/kube_env.yaml"
echo "EC2 limit: 16384 bytes"
