#!/usr/bin/env bash
# Side-by-side speed, one run: RoleLab (native, and wasm under node) against
# @cloud-copilot/iam-simulate's runSimulation on the same generated requests
# (bench/gen-requests.mjs: 6,000 lines, 1,200 distinct; identity, resource,
# boundary, session-policy and SCP cases). Reports (issue 12):
#   1. whether both decide the same on every request (a fair comparison);
#   2. one whole simulation without output and with its explanation written
#      as JSON, native and wasm, as ratios to the peer;
#   3. `rolelab-cli simulate --batch` as a whole process (native) against a
#      node process doing the same with the peer (read, simulate, write JSON);
#   4. peak memory of a 100,000-line batch (streamed: it must stay flat);
#   5. when the conformance cases are there, the median over those too.
# Not run by CI. Installs the peer with npm into build/bench-peer (never committed).
#   bench/compare.sh [CONFORMANCE_DIR]
# NATIVE_BUILD / WEB_BUILD: build directories whose rolelab-cli and
# rolelab-bench are used as they are (default: the native and web presets'
# build/native and build/web, built here first). SKIP_DEPS=1: no scripts/deps.sh.
# DISTINCT: how many of the 6,000 (and 100,000) requests differ (default
# 1,200; DISTINCT=6000 makes every line of the 6,000 distinct, so nothing
# can profit from seeing a request twice).
# The whole-process rows are the median of 5 runs of each side, the sides
# alternating, each writing a new output file, with the lowest and highest
# in brackets (wall times vary a lot on a shared machine).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
conformance="${1:-$root/../shared/conformance/iam-simulate}"
[ -n "${SKIP_DEPS:-}" ] || bash scripts/deps.sh
export NODE_PATH=/usr/share/nodejs
peer="$root/build/bench-peer"
if [ ! -d "$peer/node_modules/@cloud-copilot/iam-simulate" ]; then
  mkdir -p "$peer"
  [ -f "$peer/package.json" ] || echo '{"name":"rolelab-bench-peer","private":true}' >"$peer/package.json"
  (cd "$peer" && npm install --silent --no-audit --no-fund @cloud-copilot/iam-simulate >/dev/null)
fi
modules="$peer/node_modules"
peer_version=$(node -p "require('$modules/@cloud-copilot/iam-simulate/package.json').version")
native="${NATIVE_BUILD:-}"
web="${WEB_BUILD:-}"
if [ -z "$native" ]; then
  native=build/native
  cmake --preset native >/dev/null && cmake --build "$native" --target rolelab-cli rolelab-bench -j2 >/dev/null
fi
if [ -z "$web" ]; then
  web=build/web
  cmake --preset web >/dev/null && cmake --build "$web" --target rolelab-bench -j2 >/dev/null
fi
work="$root/build/bench-compare"
mkdir -p "$work"
distinct="${DISTINCT:-1200}"
node bench/gen-requests.mjs 6000 "$distinct" >"$work/requests.jsonl"
node bench/gen-requests.mjs 100000 "$distinct" >"$work/requests-100k.jsonl"
cli="$native/cli/rolelab-cli"
node_version=$(node --version)

# Runs a command with stdout to a file; prints "WALL_S CPU_S PEAK_RSS_KB"
# (CPU: user + system, what the process itself used, whatever else runs).
# The times come from bash's own `time` (millisecond resolution: GNU time's
# 10 ms steps were 1.7 us per line of a 6,000-line batch); the peak RSS from
# a second run under GNU time (Debian's `time`): its own fork is small, so the
# figure is the program's, where a fork from python or bash would count theirs.
# Each run writes into a new file: the last run's output is removed first,
# outside the timing. Truncating it inside the timing (`>` over the 22.8 MB
# the last native run wrote) added 5 to 20 ms to a process of 55 ms, freeing
# the page cache of a file that is not the run's own work.
measured() {
  local out=$1
  shift
  local TIMEFORMAT='%3R %3U %3S' t
  [ "$out" = /dev/null ] || rm -f "$out"
  t=$( { time "$@" >"$out"; } 2>&1 )
  read -r wall user sys <<<"$t"
  /usr/bin/time -f '%M' -o "$work/time.txt" "$@" >/dev/null
  echo "$wall $(node -p "($user + $sys).toFixed(3)") $(cat "$work/time.txt")"
}
# Lines of `measured` -> "WALL_S CPU_S PEAK_RSS_KB WALL_MIN WALL_MAX CPU_MIN CPU_MAX":
# the median run's wall time, the median CPU time, the highest peak RSS.
median_of() {
  printf '%s\n' "$@" | node -e '
    const rows = require("fs").readFileSync(0, "utf8").trim().split("\n").map((l) => l.split(" ").map(Number));
    const col = (k) => rows.map((r) => r[k]).sort((a, b) => a - b);
    const [w, c, m] = [col(0), col(1), col(2)];
    const mid = rows.length >> 1, last = rows.length - 1;
    console.log([w[mid], c[mid], m[last], w[0], w[last], c[0], c[last]].join(" "));'
}
json_field() { node -p "const j = JSON.parse(process.argv[1]); $2" "$1"; }
ratio() { node -p "(Number(process.argv[1]) / Number(process.argv[2])).toFixed(1) + 'x'" "$1" "$2"; }

echo "== same decisions? ($(wc -l <"$work/requests.jsonl") requests)"
"$cli" simulate --batch "$work/requests.jsonl" | sed 's/.*"decision":"\([A-Za-z]*\)".*/\1/; s/^{"error".*/error/' >"$work/ours.txt" || true
node bench/peer-batch.mjs "$modules" decisions "$work/requests.jsonl" | sed 's/^error.*/error/' >"$work/peer.txt"
agree=$(paste -d' ' "$work/ours.txt" "$work/peer.txt" | awk '$1 == $2' | wc -l)
total=$(wc -l <"$work/ours.txt")
echo "agree on $agree of $total ($(sort "$work/ours.txt" | uniq -c | awk '{printf "%s %s  ", $2, $1}'))"
paste -d' ' "$work/ours.txt" "$work/peer.txt" | awk '$1 != $2' | sort | uniq -c | sed 's/^/  disagree: /'

echo "== one simulation (median wall time; CPU mean in brackets), 3 rounds after a warm-up; each side run 3 times, alternating, the middle figure kept"
# Like the whole-process runs below, the three sides alternate (native,
# wasm, peer, native, ...): this machine switches between a fast and a slow
# state (a third apart) within a minute, and one run per side could catch
# one side in each.
native_runs=() wasm_runs=() peer_time_runs=()
for _ in 1 2 3; do
  native_runs+=("$("$native/bench/rolelab-bench" --requests "$work/requests.jsonl" 3)")
  wasm_runs+=("$(node --no-experimental-fetch "$web/bench/rolelab-bench.js" --requests "$work/requests.jsonl" 3)")
  peer_time_runs+=("$(node bench/peer-batch.mjs "$modules" time "$work/requests.jsonl" 3)")
done
# The middle of three numbers.
mid() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
# A figure of rolelab-bench's output (LABEL median M us cpu-mean C us): \1 the median, \2 the CPU mean; over the runs.
field() {
  local label=$1 k=$2 r v=()
  shift 2
  for r in "$@"; do v+=("$(printf '%s\n' "$r" | sed -n "s/^$label median \([0-9.]*\) us cpu-mean \([0-9.]*\) us.*/\\$k/p")"); done
  mid "${v[@]}"
}
peer_field() {
  local expr=$1 r v=()
  shift
  for r in "$@"; do v+=("$(json_field "$r" "$expr")"); done
  mid "${v[@]}"
}
p_bare=$(peer_field "j.noOutput.medianMicros.toFixed(2)" "${peer_time_runs[@]}")
p_bare_cpu=$(peer_field "j.noOutput.cpuMeanMicros.toFixed(2)" "${peer_time_runs[@]}")
p_expl=$(peer_field "j.explained.medianMicros.toFixed(2)" "${peer_time_runs[@]}")
p_expl_cpu=$(peer_field "j.explained.cpuMeanMicros.toFixed(2)" "${peer_time_runs[@]}")
row() { printf '%-44s %12s %12s %10s %10s\n' "$@"; }
row "per simulation, microseconds" "median" "(cpu mean)" "ratio" "(cpu)"
row "iam-simulate $peer_version, no output" "$p_bare" "($p_bare_cpu)" "1x" ""
for side in native wasm; do
  runs=("${native_runs[@]}")
  [ "$side" = wasm ] && runs=("${wasm_runs[@]}")
  m=$(field no-output 1 "${runs[@]}") c=$(field no-output 2 "${runs[@]}")
  # emscripten's clock() is not the process's CPU time: no CPU figures for wasm.
  if [ "$side" = wasm ]; then row "RoleLab $side, no output" "$m" "" "$(ratio "$p_bare" "$m")" ""; continue; fi
  row "RoleLab $side, no output" "$m" "($c)" "$(ratio "$p_bare" "$m")" "($(ratio "$p_bare_cpu" "$c"))"
done
row "iam-simulate, + JSON.stringify(result)" "$p_expl" "($p_expl_cpu)" "1x" ""
for side in native wasm; do
  runs=("${native_runs[@]}")
  [ "$side" = wasm ] && runs=("${wasm_runs[@]}")
  m=$(field explained 1 "${runs[@]}") c=$(field explained 2 "${runs[@]}")
  if [ "$side" = wasm ]; then row "RoleLab $side, + explanation as JSON" "$m" "" "$(ratio "$p_expl" "$m")" ""; continue; fi
  row "RoleLab $side, + explanation as JSON" "$m" "($c)" "$(ratio "$p_expl" "$m")" "($(ratio "$p_expl_cpu" "$c"))"
done

whole_runs=5
echo "== whole process over the same $(wc -l <"$work/requests.jsonl") lines ($distinct distinct), explanations written (node $node_version), median of $whole_runs [lowest-highest]"
# The two sides alternate (ours, the peer, ours, ...): this machine's speed
# drifts by a third over minutes, and three runs of one side back to back
# followed by three of the other compared two different machines.
ours_runs=() peer_runs=()
for _ in $(seq "$whole_runs"); do
  ours_runs+=("$(measured "$work/ours-batch.jsonl" "$cli" simulate --batch "$work/requests.jsonl")")
  peer_runs+=("$(measured "$work/peer-batch.jsonl" node bench/peer-batch.mjs "$modules" batch "$work/requests.jsonl")")
done
read -r o_wall o_cpu o_rss o_wlo o_whi o_clo o_chi < <(median_of "${ours_runs[@]}")
read -r p_wall p_cpu p_rss p_wlo p_whi p_clo p_chi < <(median_of "${peer_runs[@]}")
n=$(wc -l <"$work/requests.jsonl")
per() { node -p "(Number(process.argv[1]) * 1e6 / $n).toFixed(1)" "$1"; }
spread() { echo "[$(per "$1")-$(per "$2")]"; }
row "per simulation, microseconds" "wall" "cpu" "ratio" "(cpu)"
row "node + iam-simulate (JSON Lines out)" "$(per "$p_wall")" "$(per "$p_cpu")" "1x" ""
row "  spread over $whole_runs runs" "$(spread "$p_wlo" "$p_whi")" "$(spread "$p_clo" "$p_chi")" "" ""
row "rolelab-cli simulate --batch (native)" "$(per "$o_wall")" "$(per "$o_cpu")" "$(ratio "$p_wall" "$o_wall")" "($(ratio "$p_cpu" "$o_cpu"))"
row "  spread over $whole_runs runs" "$(spread "$o_wlo" "$o_whi")" "$(spread "$o_clo" "$o_chi")" "" ""
echo "output: RoleLab $(wc -c <"$work/ours-batch.jsonl") bytes, peer $(wc -c <"$work/peer-batch.jsonl") bytes; peak memory: RoleLab $o_rss KB, peer $p_rss KB"

echo "== 100,000-line batch (native): peak memory"
read -r h_wall h_cpu h_rss < <(measured /dev/null "$cli" simulate --batch "$work/requests-100k.jsonl")
echo "$(wc -c <"$work/requests-100k.jsonl") bytes in: peak RSS $h_rss KB (6,000 lines: $o_rss KB), $(node -p "($h_cpu * 1e6 / 100000).toFixed(1)") us CPU per line"

if [ -d "$conformance" ]; then
  echo "== conformance cases ($conformance), parse + validate + evaluate, median"
  c_native=$("$native/bench/rolelab-bench" --conformance "$conformance" | sed -n 's/^conformance simulation.* \([0-9.]*\) us .*/\1/p')
  c_wasm=$(node --no-experimental-fetch "$web/bench/rolelab-bench.js" --conformance "$conformance" | sed -n 's/^conformance simulation.* \([0-9.]*\) us .*/\1/p')
  c_peer=$(json_field "$(node bench/peer.mjs "$modules" "$conformance" 3)" "j.medianMicros.toFixed(2)")
  row "iam-simulate $peer_version" "$c_peer" "" "1x" ""
  row "RoleLab wasm (node $node_version)" "$c_wasm" "" "$(ratio "$c_peer" "$c_wasm")" ""
  row "RoleLab native" "$c_native" "" "$(ratio "$c_peer" "$c_native")" ""
fi
