# ---- kOps: hand over to nodeup ----
hand_over_to_nodeup() {
  nodeup_env
  mkdir -p "$ROOT/opt/kops/conf"
  if declare -F kube_env > /dev/null; then
    kube_env > "$ROOT/opt/kops/conf/kube_env.yaml"
  fi
  if [ ! -f "$ROOT/opt/kops/conf/kube_env.yaml" ]; then
    die "kOps: /opt/kops/conf/kube_env.yaml is missing; render with --kops-kube-env FILE or bake it into the image"
  fi
  log "handing over to nodeup"
  cd "$ROOT/opt/kops/bin"
  exec ./nodeup --install-systemd-unit --conf="$ROOT/opt/kops/conf/kube_env.yaml" --v=8
}

main() {
  local arch
  arch="$(node_arch)"
  log "node arch $arch; mirrors: ${MIRRORS[*]}"
  registry_mirrors
  "assets_$arch"
  hand_over_to_nodeup
}

main "$@"
