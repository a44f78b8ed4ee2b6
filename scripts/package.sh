#!/usr/bin/env bash
# Release artifacts, into build/dist/:
#   rolelab_VERSION_ARCH.deb     rolelab-desktop and rolelab-cli in /usr/bin, the
#                                course in /usr/share/rolelab, desktop entry, icon,
#                                man page (CPack, cmake/Packaging.cmake)
#   rolelab-web-VERSION.tar.gz   the static site: works offline once opened
# Packages the native and web preset builds (build/native, build/web), building
# only what is missing or out of date, so after scripts/test.sh it is quick.
# VERSION is the CMake project version (CMakeLists.txt).
#   scripts/package.sh
# Environment (for experiments): ROLELAB_NATIVE_BUILD, ROLELAB_WEB_BUILD (build
# folders, configured like the presets when absent), ROLELAB_DIST (output folder).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
native=${ROLELAB_NATIVE_BUILD:-build/native}
web=${ROLELAB_WEB_BUILD:-build/web}
dist=${ROLELAB_DIST:-build/dist}
jobs=$(nproc 2>/dev/null || echo 2)
say() { echo "[package] $*"; }
bash scripts/deps.sh
export NODE_PATH=/usr/share/nodejs

# Configure a build folder like its preset when it has never been configured.
configure() {
  local preset=$1 dir=$2
  [ -f "$dir/CMakeCache.txt" ] && return 0
  if [ "$dir" = "build/$preset" ]; then
    cmake --preset "$preset" >/dev/null
  elif [ "$preset" = web ]; then
    emcmake cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release \
      "-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node;--no-experimental-fetch" >/dev/null
  else
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
}
version_of() { sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$1/CMakeCache.txt"; }

say "building what the packages hold ($native, $web)"
configure native "$native"
configure web "$web"
cmake --build "$native" -j"$jobs" --target rolelab-cli rolelab-desktop rolelab_package_files >/dev/null
cmake --build "$web" -j"$jobs" --target rolelab-web rolelab_web_offline >/dev/null
version=$(version_of "$native")
[ -n "$version" ] || { echo "package.sh: no project version in $native/CMakeCache.txt" >&2; exit 1; }
[ "$(version_of "$web")" = "$version" ] || { echo "package.sh: $web is version $(version_of "$web"), $native is $version: reconfigure" >&2; exit 1; }

mkdir -p "$dist"
dist=$(cd "$dist" && pwd)

# The .deb: CPack installs the install() rules into a staging root and builds it.
say "rolelab $version: .deb"
rm -f "$dist"/rolelab_*.deb
(cd "$native" && cpack -G DEB -B "$dist" >"$dist/cpack.log" 2>&1) || { cat "$dist/cpack.log"; exit 1; }
rm -rf "$dist/_CPack_Packages"
deb=$(ls "$dist"/rolelab_"$version"_*.deb)

# The web bundle: the site's files from the web build, and how to host them.
say "rolelab $version: web bundle"
name="rolelab-web-$version"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
for f in index.html index.js index.wasm sw.js manifest.webmanifest icon.svg icon-192.png icon-512.png; do
  [ -f "$web/web/$f" ] || { echo "package.sh: $web/web/$f is missing (web build incomplete)" >&2; exit 1; }
  cp "$web/web/$f" "$stage/$name/"
done
sed "s/@VERSION@/$version/g" packaging/web-README.md >"$stage/$name/README.md"
tarball="$dist/$name.tar.gz"
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name"

for f in "$deb" "$tarball"; do
  say "$(basename "$f"): $(du -k "$f" | cut -f1) KiB ($(stat -c %s "$f") bytes)"
done
