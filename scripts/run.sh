#!/usr/bin/env bash
# The first README command: installs what is missing, builds the browser app
# and serves it on http://127.0.0.1:8080/ (Ctrl-C stops it).
#   scripts/run.sh             browser app on port 8080 (PORT=... to change)
#   scripts/run.sh --desktop   the desktop app instead
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mode=web
case "${1:-}" in
  "") ;;
  --desktop) mode=desktop ;;
  -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "run.sh: unknown option '$1' (use --desktop or nothing)" >&2; exit 2 ;;
esac
bash scripts/deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
if [ "$mode" = desktop ]; then
  cmake --preset native >/dev/null
  cmake --build --preset native -j"$jobs" --target rolelab-desktop
  exec build/native/web/rolelab-desktop "${@:2}"
fi
export NODE_PATH=/usr/share/nodejs
cmake --preset web >/dev/null
cmake --build --preset web -j"$jobs" --target rolelab-web
exec node scripts/static-server.mjs build/web/web "${PORT:-8080}"
