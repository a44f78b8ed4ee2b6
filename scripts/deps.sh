#!/usr/bin/env bash
# Installs everything RoleLab needs on a fresh Debian 12 machine, from Debian's
# packages and the npm registry only. Idempotent: quiet when all is present.
#   scripts/deps.sh            everything (build + tests)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=versions.sh
. "$root/scripts/versions.sh"
deps="$root/build/deps"
mkdir -p "$deps"
say() { echo "[deps] $*"; }

# 1. Debian packages: install only the ones missing.
missing=()
for p in $DEB_PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "Debian packages installed"
fi

# 2. Dear ImGui sources from Debian's trixie source package, fetched with a
#    private apt configuration (the machine's sources list is not touched; apt
#    checks the tarball against the signed index).
imgui="$deps/imgui"
if [ ! -f "$imgui/imgui.cpp" ]; then
  say "fetching Dear ImGui $IMGUI_SRC_VERSION sources (Debian source package)"
  a="$deps/apt"; mkdir -p "$a/lists/partial"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $IMGUI_SUITE main" >"$a/sources.list"
  o=(-o "Dir::Etc::SourceList=$a/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$a/lists" -o "Dir::Cache=$a/cache")
  mkdir -p "$a/cache"
  apt-get "${o[@]}" -qq update
  (cd "$deps" && apt-get "${o[@]}" -qq source --download-only "imgui=$IMGUI_SRC_VERSION" >/dev/null)
  rm -rf "$imgui.tmp" && mkdir -p "$imgui.tmp"
  tar -xf "$deps/$IMGUI_ORIG_TARBALL" -C "$imgui.tmp" --strip-components=1
  rm -rf "$imgui" && mv "$imgui.tmp" "$imgui"
  say "Dear ImGui sources in $imgui"
fi

# 3. npm: playwright-core for the browser tests (driving Debian's chromium).
node_dir="$deps/node"
if [ ! -f "$node_dir/node_modules/playwright-core/package.json" ] ||
   ! grep -q "\"version\": \"$PLAYWRIGHT_CORE_VERSION\"" "$node_dir/node_modules/playwright-core/package.json"; then
  say "installing npm playwright-core@$PLAYWRIGHT_CORE_VERSION"
  mkdir -p "$node_dir"
  [ -f "$node_dir/package.json" ] || echo '{"name":"rolelab-test-deps","private":true}' >"$node_dir/package.json"
  (cd "$node_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --silent "playwright-core@$PLAYWRIGHT_CORE_VERSION" >/dev/null)
fi
exit 0
