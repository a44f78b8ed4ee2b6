#!/usr/bin/env bash
# Side-by-side speed: RoleLab (native and wasm under node) against
# @cloud-copilot/iam-simulate's runSimulation on the same conformance cases.
# Installs the peer with npm into build/bench-peer (never committed).
#   bench/compare.sh [CONFORMANCE_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
dir="${1:-$root/../shared/conformance/iam-simulate}"
[ -d "$dir" ] || { echo "compare.sh: no conformance cases at $dir"; exit 2; }
bash scripts/deps.sh
export NODE_PATH=/usr/share/nodejs
peer="$root/build/bench-peer"
if [ ! -d "$peer/node_modules/@cloud-copilot/iam-simulate" ]; then
  mkdir -p "$peer"
  [ -f "$peer/package.json" ] || echo '{"name":"rolelab-bench-peer","private":true}' >"$peer/package.json"
  (cd "$peer" && npm install --silent --no-audit --no-fund @cloud-copilot/iam-simulate >/dev/null)
fi
peer_version=$(node -p "require('$peer/node_modules/@cloud-copilot/iam-simulate/package.json').version")
cmake --preset native >/dev/null && cmake --build --preset native --target rolelab-bench -j2 >/dev/null
cmake --preset web >/dev/null && cmake --build --preset web --target rolelab-bench -j2 >/dev/null
echo "== RoleLab native"
build/native/bench/rolelab-bench --conformance "$dir" | tee build/bench-native.txt
echo "== RoleLab wasm (node $(node --version))"
node --no-experimental-fetch build/web/bench/rolelab-bench.js --conformance "$dir" | tee build/bench-wasm.txt
echo "== @cloud-copilot/iam-simulate $peer_version runSimulation (node $(node --version))"
peer_json=$(node bench/peer.mjs "$peer/node_modules" "$dir" 3)
echo "$peer_json"
peer_us=$(node -p "JSON.parse(process.argv[1]).medianMicros.toFixed(2)" "$peer_json")
ours_wasm=$(sed -n 's/^conformance simulation.* \([0-9.]*\) us .*/\1/p' build/bench-wasm.txt)
ours_native=$(sed -n 's/^conformance simulation.* \([0-9.]*\) us .*/\1/p' build/bench-native.txt)
echo
printf '%-46s %12s %10s\n' "median per simulation (same cases)" "microseconds" "speed-up"
printf '%-46s %12s %10s\n' "@cloud-copilot/iam-simulate (node)" "$peer_us" "1x"
printf '%-46s %12s %9.0fx\n' "RoleLab wasm (node)" "$ours_wasm" "$(echo "$peer_us / $ours_wasm" | bc -l)"
printf '%-46s %12s %9.0fx\n' "RoleLab native" "$ours_native" "$(echo "$peer_us / $ours_native" | bc -l)"
