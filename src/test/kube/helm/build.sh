#!/usr/bin/env bash
# Builds helm from the Go module pinned in go.mod / go.sum (its own module, so that helm's Kubernetes libraries
# leave the control plane's pins in ../go.mod alone), the way helm's Makefile does: CGO_ENABLED=0, -trimpath,
# version and Kubernetes API version stamped through -ldflags, so that `helm version` tells the truth.
#
#   build.sh [--print-dir | --check]
#
# Output: $LBLAB_HELM_CACHE (default ~/.cache/lblab/helm)/<helm version>/helm, with a STAMP file holding the hash
# of go.mod, go.sum and this script. A directory whose STAMP matches is reused as it is; anything else is rebuilt.
# --print-dir prints that directory and --check says whether it is up to date (exit 0) or not (exit 1); neither
# builds. Exit 2: Go is not installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

helm_version=$(awk '$1 == "helm.sh/helm/v3" && $2 ~ /^v/ {print $2; exit}' go.mod)
k8s_version=$(awk '$1 == "k8s.io/client-go" && $2 ~ /^v/ {print $2; exit}' go.mod)
cache="${LBLAB_HELM_CACHE:-$HOME/.cache/lblab/helm}"
out="$cache/${helm_version#v}"
stamp=$(cat go.mod go.sum build.sh | sha256sum | cut -d' ' -f1)

if [[ "${1:-}" == "--print-dir" ]]; then
  echo "$out"
  exit 0
fi
if [[ -f "$out/STAMP" && "$(cat "$out/STAMP")" == "$stamp" ]]; then
  echo "helm: up to date in $out"
  exit 0
fi
if [[ "${1:-}" == "--check" ]]; then
  echo "helm: missing or stale in $out"
  exit 1
fi

# a login shell's PATH may be missing in CI; Go's default install location is tried before giving up
command -v go >/dev/null || export PATH="/usr/local/go/bin:$PATH"
command -v go >/dev/null || { echo "'go' is not installed (not on the PATH, nor in /usr/local/go/bin), so $0 cannot build $out"; exit 2; }

# client-go v0.MINOR.x is Kubernetes 1.MINOR: what `helm template` assumes as .Capabilities.KubeVersion and lint checks against
k8s_minor=${k8s_version#v0.}; k8s_minor=${k8s_minor%%.*}
ldflags="-X helm.sh/helm/v3/internal/version.version=$helm_version -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
  ldflags+=" -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$k8s_minor"
done

tmp="$out.tmp.$$"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
echo "helm: building $helm_version into $out (a few minutes on first use)"
start=$SECONDS
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false
go build -trimpath -ldflags "-s -w $ldflags" -o "$tmp/helm" helm.sh/helm/v3/cmd/helm
echo "$stamp" > "$tmp/STAMP"
rm -rf "$out" && mv "$tmp" "$out"
trap - EXIT
echo "helm: built in $((SECONDS - start)) s: $(du -sh "$out" | cut -f1) in $out"
