#!/usr/bin/env bash
# The release artifacts' tests (scripts/test.sh runs them after scripts/package.sh):
# the .deb (tests/package/deb.sh) and the offline web bundle (web_offline.mjs).
#   tests/package/run.sh DISTDIR OUTDIR NODE_MODULES
set -uo pipefail
dist=$1
out=$2
modules=$3
here=$(cd "$(dirname "$0")" && pwd)
status=0
debs=("$dist"/rolelab_*.deb)
tars=("$dist"/rolelab-web-*.tar.gz)
[ -f "${debs[0]}" ] || { echo "FAIL no rolelab_*.deb in $dist"; exit 1; }
[ -f "${tars[0]}" ] || { echo "FAIL no rolelab-web-*.tar.gz in $dist"; exit 1; }
echo "=== ${debs[0]}"
bash "$here/deb.sh" "${debs[0]}" "$out/deb" || status=1
echo "=== ${tars[0]}"
/usr/bin/node "$here/web_offline.mjs" --tarball "${tars[0]}" --out "$out" --node-modules "$modules" || status=1
exit $status
