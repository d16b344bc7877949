#!/usr/bin/env bash
# Installs k6 v2.2.0 into $(go env GOPATH)/bin (usually ~/go/bin), where `npm run loadtest` looks.
# `go install go.k6.io/k6/v2@v2.2.0` is the ordinary way; it also looks up the module's
# deprecation notice at go.k6.io, and where that host cannot be reached it fails. Building the
# same version from a throwaway module needs only the module proxy. Compiling takes minutes.
set -euo pipefail
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
BIN="$("$GO" env GOPATH)/bin"
if "$GO" install go.k6.io/k6/v2@v2.2.0; then
  echo "k6 installed in $BIN"
  exit 0
fi
echo "go install failed; building k6 v2.2.0 from a temporary module instead" >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'module k6build\n\ngo 1.25.0\n\nrequire go.k6.io/k6/v2 v2.2.0\n' > "$work/go.mod"
mkdir -p "$BIN"
(cd "$work" && GOFLAGS=-mod=mod "$GO" build -o "$BIN/k6" go.k6.io/k6/v2)
"$BIN/k6" version
