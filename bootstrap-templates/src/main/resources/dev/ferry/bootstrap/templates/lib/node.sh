# ---- node install (non-kOps) ----
configure_kernel() {
  mkdir -p "$ROOT/etc/modules-load.d" "$ROOT/etc/sysctl.d"
  printf '%s\n' overlay br_netfilter > "$ROOT/etc/modules-load.d/ferry-kubernetes.conf"
  cat > "$ROOT/etc/sysctl.d/99-ferry-kubernetes.conf" <<'SYSCTL'
net.bridge.bridge-nf-call-iptables = 1
net.bridge.bridge-nf-call-ip6tables = 1
net.ipv4.ip_forward = 1
SYSCTL
  system modprobe overlay
  system modprobe br_netfilter
  system sysctl --system
  system swapoff -a
}

configure_containerd() {
  mkdir -p "$ROOT/etc/containerd/certs.d" "$ROOT/etc/systemd/system"
  # containerd 2.x (config version 3) splits the CRI plugin in two; 1.x (version 2) has one.
  local images=io.containerd.grpc.v1.cri runtime=io.containerd.grpc.v1.cri
  if [ "$CONTAINERD_CONFIG_VERSION" = 3 ]; then
    images=io.containerd.cri.v1.images runtime=io.containerd.cri.v1.runtime
  fi
  cat > "$ROOT/etc/containerd/config.toml" <<TOML
version = $CONTAINERD_CONFIG_VERSION
[plugins."$images".registry]
  config_path = "/etc/containerd/certs.d"
[plugins."$runtime".containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"
[plugins."$runtime".containerd.runtimes.runc.options]
  SystemdCgroup = true
TOML
  cat > "$ROOT/etc/systemd/system/containerd.service" <<'UNIT'
[Unit]
Description=containerd container runtime (installed by ferry bootstrap)
After=network.target local-fs.target

[Service]
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/local/bin/containerd
Type=notify
Delegate=yes
KillMode=process
Restart=always
RestartSec=5
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
OOMScoreAdjust=-999

[Install]
WantedBy=multi-user.target
UNIT
  log "containerd: config written (version $CONTAINERD_CONFIG_VERSION, registry hosts under /etc/containerd/certs.d)"
}

# kubelet runs kubeadm-style: join with 'kubeadm join' or place /etc/kubernetes/bootstrap-kubelet.conf.
# --max-pods is a flag so that kubeadm rewriting /var/lib/kubelet/config.yaml does not lose it.
configure_kubelet() {
  mkdir -p "$ROOT/etc/systemd/system/kubelet.service.d" "$ROOT/var/lib/kubelet" "$ROOT/etc/kubernetes/manifests"
  mkdir -p "$ROOT/opt/cni/bin" "$ROOT/etc/cni/net.d"
  cat > "$ROOT/etc/systemd/system/kubelet.service" <<'UNIT'
[Unit]
Description=kubelet (installed by ferry bootstrap)
Wants=containerd.service
After=containerd.service

[Service]
ExecStart=/usr/local/bin/kubelet
Restart=always
RestartSec=10

[Install]
WantedBy=multi-user.target
UNIT
  cat > "$ROOT/etc/systemd/system/kubelet.service.d/10-ferry.conf" <<'UNIT'
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
EnvironmentFile=-/etc/default/kubelet
EnvironmentFile=-/etc/kubernetes/ferry-kubelet.env
ExecStart=
ExecStart=/usr/local/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS $FERRY_KUBELET_ARGS
UNIT
  {
    printf 'FERRY_KUBELET_ARGS=--container-runtime-endpoint=unix:///run/containerd/containerd.sock'
    if [ -n "$MAX_PODS" ]; then
      printf ' --max-pods=%s' "$MAX_PODS"
    fi
    printf '\n'
  } > "$ROOT/etc/kubernetes/ferry-kubelet.env"
  if [ ! -f "$ROOT/var/lib/kubelet/config.yaml" ]; then
    cat > "$ROOT/var/lib/kubelet/config.yaml" <<'YAML'
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: systemd
staticPodPath: /etc/kubernetes/manifests
YAML
  fi
  if [ -n "$MAX_PODS" ]; then
    log "kubelet: maxPods $MAX_PODS"
  else
    log "kubelet: maxPods not set, kubelet's default applies"
  fi
}

start_services() {
  system systemctl daemon-reload
  if [ "$START_SERVICES" = 1 ]; then
    system systemctl enable --now containerd
    system systemctl enable --now kubelet
  else
    system systemctl enable containerd kubelet
    log "services enabled, not started (image bake)"
  fi
}

main() {
  local arch
  arch="$(node_arch)"
  log "node arch $arch; mirrors: ${MIRRORS[*]}"
  registry_mirrors
  configure_kernel
  "assets_$arch"
  if [ "$INSTALL_CNI" = 0 ]; then
    log "CNI plugins: left to the Amazon VPC CNI (aws-node installs them into /opt/cni/bin)"
  fi
  configure_containerd
  configure_kubelet
  start_services
  log "done"
}

main "$@"
