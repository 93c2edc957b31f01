#!/usr/bin/env bash
# Builds the binaries of the real-API-server test tier from the Go modules pinned in go.mod / go.sum:
# etcd, kube-apiserver, kube-controller-manager and kubectl, the way Kubernetes builds them
# (CGO_ENABLED=0, -trimpath, version stamped through -ldflags).
#
#   build.sh [--print-dir | --check]
#
# Output: $LBLAB_KUBE_CACHE (default ~/.cache/lblab/kube)/<kubernetes version>-etcd<etcd version>/,
# with a STAMP file holding the hash of go.mod, go.sum and this script. A directory whose STAMP
# matches is reused as it is; anything else is rebuilt. --print-dir prints that directory and
# --check says whether it is up to date (exit 0) or not (exit 1); neither builds.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

kube_version=$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v/ {print $2; exit}' go.mod)
etcd_version=$(awk '$1 == "go.etcd.io/etcd/server/v3" && $2 ~ /^v/ {print $2; exit}' go.mod)
cache="${LBLAB_KUBE_CACHE:-$HOME/.cache/lblab/kube}"
out="$cache/${kube_version#v}-etcd${etcd_version#v}"
stamp=$(cat go.mod go.sum build.sh | sha256sum | cut -d' ' -f1)

if [[ "${1:-}" == "--print-dir" ]]; then
  echo "$out"
  exit 0
fi
if [[ -f "$out/STAMP" && "$(cat "$out/STAMP")" == "$stamp" ]]; then
  echo "kube binaries: up to date in $out"
  exit 0
fi
if [[ "${1:-}" == "--check" ]]; then
  echo "kube binaries: missing or stale in $out"
  exit 1
fi

# a login shell's PATH may be missing in CI; Go's default install location is tried before giving up
command -v go >/dev/null || export PATH="/usr/local/go/bin:$PATH"
command -v go >/dev/null || { echo "'go' is not installed (not on the PATH, nor in /usr/local/go/bin), so $0 cannot build $out"; exit 2; }

major=${kube_version#v}; major=${major%%.*}
minor=${kube_version#v*.}; minor=${minor%%.*}
build_date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
ldflags=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$kube_version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$build_date"
done

tmp="$out.tmp.$$"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
echo "kube binaries: building Kubernetes $kube_version and etcd $etcd_version into $out (several minutes on first use)"
start=$SECONDS
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false
go build -trimpath -tags=selinux,notest -ldflags "-s -w $ldflags" -o "$tmp/" \
  k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kubectl
go build -trimpath -ldflags "-s -w" -o "$tmp/etcd" go.etcd.io/etcd/server/v3
echo "$stamp" > "$tmp/STAMP"
rm -rf "$out" && mv "$tmp" "$out"
trap - EXIT
echo "kube binaries: built in $((SECONDS - start)) s: $(du -sh "$out" | cut -f1) in $out"
