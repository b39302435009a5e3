# ---- library ----
# FERRY_ROOT installs under another folder, FERRY_SYSTEM_STUB only logs system steps (systemctl, modprobe,
# sysctl, swapoff), FERRY_CONNECT_TIMEOUT shortens curl's connect timeout: they exist for Ferry's sandbox
# tests and are unset on a real node.
ROOT="${FERRY_ROOT:-}"
CACHE="$ROOT/var/cache/ferry"
FETCHED=""

log() { echo "ferry-bootstrap: $*" >&2; }
die() { log "FAILED: $*"; exit 1; }
system() {
  if [ -n "${FERRY_SYSTEM_STUB:-}" ]; then log "stub: $*"; else "$@"; fi
}
sha256_of() { sha256sum "$1" | cut -d ' ' -f 1; }

# Mirrors that refused a connection or timed out connecting: skipped for the rest of this boot.
declare -A UNREACHABLE=()
CONNECT_TIMEOUT="${FERRY_CONNECT_TIMEOUT:-10}"

# fetch KIND KEY SHA256: sets FETCHED to a local copy whose sha256 matched, or stops the script.
# Per mirror, in order: no connection skips the mirror from then on, an HTTP 4xx (the file is not there)
# moves on at once, other failures (5xx, a transfer cut short) get ATTEMPTS_PER_MIRROR attempts.
fetch() {
  local kind="$1" key="$2" want="$3" dest tmp mirror url attempt got rc
  dest="$CACHE/$want"
  if [ -f "$dest" ] && [ "$(sha256_of "$dest")" = "$want" ]; then
    log "$kind: already here, sha256 verified ($want)"
    FETCHED="$dest"
    return 0
  fi
  mkdir -p "$CACHE"
  tmp="$dest.part"
  for mirror in "${MIRRORS[@]}"; do
    if [ -n "${UNREACHABLE[$mirror]:-}" ]; then
      log "$kind: skipping $mirror (no connection to it earlier in this boot)"
      continue
    fi
    url="$mirror/$key"
    for ((attempt = 1; attempt <= ATTEMPTS_PER_MIRROR; attempt++)); do
      rm -f "$tmp"
      rc=0
      got="$(curl -fsSL --globoff --proto '=http,https' --connect-timeout "$CONNECT_TIMEOUT" --max-time 900 \
        -w '%{http_code} %{time_connect}' -o "$tmp" "$url")" || rc=$?
      if [ "$rc" -eq 0 ]; then
        got="$(sha256_of "$tmp")"
        if [ "$got" = "$want" ]; then
          mv -f "$tmp" "$dest"
          log "$kind: downloaded from $url, sha256 verified ($want)"
          FETCHED="$dest"
          return 0
        fi
        # A wrong object will not fix itself: go to the next mirror at once.
        log "$kind: sha256 mismatch for $url: expected $want, got $got; not using it"
        break
      fi
      # curl 7: refused or no route; 28 before the TCP connect completed: the connect timed out.
      if [ "$rc" -eq 7 ] || { [ "$rc" -eq 28 ] && [ "${got#* }" = "0.000000" ]; }; then
        UNREACHABLE[$mirror]=1
        log "$kind: no connection to $mirror; skipping it for the rest of this boot"
        break
      fi
      case "${got%% *}" in
        408 | 429) ;;
        4??)
          log "$kind: HTTP ${got%% *} from $url; not retried"
          break
          ;;
      esac
      log "$kind: download failed from $url (attempt $attempt of $ATTEMPTS_PER_MIRROR)"
      if [ "$attempt" -lt "$ATTEMPTS_PER_MIRROR" ]; then
        sleep "$RETRY_DELAY_SECONDS"
      fi
    done
  done
  rm -f "$tmp"
  die "$kind: no mirror served $key with sha256 $want (${#MIRRORS[@]} mirror URL(s), up to $ATTEMPTS_PER_MIRROR attempt(s) each); check the mirror with 'ferry mirror verify'"
}

# fetch_install KIND KEY SHA256 binary|tarball TARGET
fetch_install() {
  local kind="$1" key="$2" want="$3" how="$4" target="$5"
  fetch "$kind" "$key" "$want"
  case "$how" in
    binary)
      mkdir -p "$ROOT$(dirname "$target")"
      install -m 0755 "$FETCHED" "$ROOT$target.ferry-new"
      mv -f "$ROOT$target.ferry-new" "$ROOT$target"
      ;;
    tarball)
      mkdir -p "$ROOT$target"
      tar -xzf "$FETCHED" -C "$ROOT$target" --no-same-owner
      ;;
    *) die "$kind: unknown install method $how" ;;
  esac
  log "$kind: installed to $target"
}

# registry_mirror HOST UPSTREAM MIRROR_URL...: containerd hosts.toml, mirrors tried in order, then upstream.
# No TLS keys for http:// (containerd would try HTTPS first); a path with /v2 (Harbor) gets override_path.
registry_mirror() {
  local host="$1" server="$2" dir url
  shift 2
  dir="$ROOT/etc/containerd/certs.d/$host"
  mkdir -p "$dir"
  {
    if [ -n "$server" ]; then
      printf 'server = "%s"\n' "$server"
    fi
    for url in "$@"; do
      printf '\n[host."%s"]\n  capabilities = ["pull", "resolve"]\n' "$url"
      case "$url" in
        *://*/v2 | *://*/v2/*) printf '  override_path = true\n' ;;
      esac
    done
  } > "$dir/hosts.toml"
  log "containerd: images of $host are pulled from $* first"
}

# The node's architecture as Kubernetes names it; stops when this user-data holds no files for it.
node_arch() {
  local arch
  case "${FERRY_ARCH:-$(uname -m)}" in
    x86_64 | amd64) arch=amd64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) arch="unsupported-$(uname -m)" ;;
  esac
  if ! declare -F "assets_$arch" > /dev/null; then
    die "this user-data holds no files for $arch; render it with --arch $arch"
  fi
  echo "$arch"
}

