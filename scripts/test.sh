#!/usr/bin/env bash
# The second README command: installs what is missing, builds everything and
# runs every test: native unit and CLI tests, the desktop smoke test under
# Xvfb, the same engine tests and CLI as wasm under node, the browser
# end-to-end test in headless Chromium, and the whole native suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer, the release packages
# (scripts/package.sh, tests/package/), then every libFuzzer target
# for a short time (scripts/fuzz.sh). Ends with one summary line.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
start=$(date +%s)
bash scripts/deps.sh || { echo "test.sh: installing dependencies failed"; exit 1; }
export NODE_PATH=/usr/share/nodejs
jobs=$(nproc 2>/dev/null || echo 2)
total_pass=0
total_fail=0
failed_presets=()

# Seconds since the start, on every heading: where CI's time goes.
at() { echo "(at $(( $(date +%s) - start ))s)"; }

run_preset() {
  local preset=$1
  echo "=== $preset: configure and build $(at)"
  if ! cmake --preset "$preset" >"build/$preset-configure.log" 2>&1; then
    cat "build/$preset-configure.log"
    failed_presets+=("$preset(configure)")
    total_fail=$((total_fail + 1))
    return
  fi
  if ! cmake --build --preset "$preset" -j"$jobs" >"build/$preset-build.log" 2>&1; then
    grep -E -A3 "error|Error|FAILED" "build/$preset-build.log" | head -60
    failed_presets+=("$preset(build)")
    total_fail=$((total_fail + 1))
    return
  fi
  echo "=== $preset: test $(at)"
  local log="build/$preset-test.log"
  ctest --preset "$preset" 2>&1 | tee "$log"
  local line passed failed
  line=$(grep -E "tests passed, [0-9]+ tests failed out of" "$log" | tail -1)
  failed=$(echo "$line" | sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/')
  all=$(echo "$line" | sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/')
  if [ -z "$line" ]; then failed=1; all=1; fi
  passed=$((all - failed))
  total_pass=$((total_pass + passed))
  total_fail=$((total_fail + failed))
  [ "$failed" -eq 0 ] || failed_presets+=("$preset")
}

mkdir -p build
for preset in native web asan; do
  run_preset "$preset"
done
# The release artifacts (scripts/package.sh packages the native and web builds
# above, building nothing new) and their tests: the .deb installed into a
# throw-away root, the web bundle offline in Chromium. A step here, not a
# ctest entry, because it needs both presets' outputs.
echo "=== package $(at)"
if bash scripts/package.sh && bash tests/package/run.sh build/dist build/package-test "$root/build/deps/node/node_modules"; then
  total_pass=$((total_pass + 1))
else
  total_fail=$((total_fail + 1))
  failed_presets+=("package")
fi
# The fuzz job: every libFuzzer target (built by the asan preset above) for a
# short bounded time (ROLELAB_FUZZ_SECONDS each, default 15; two at a time),
# failing on any finding.
echo "=== fuzz $(at)"
if bash scripts/fuzz.sh --jobs "$jobs" --build build/asan "${ROLELAB_FUZZ_SECONDS:-15}"; then
  total_pass=$((total_pass + 1))
else
  total_fail=$((total_fail + 1))
  failed_presets+=("fuzz")
fi
# Doctest case counts, for the record.
for bin in build/native/tests/rolelab-tests; do
  [ -x "$bin" ] && echo "native unit test cases: $("$bin" --count 2>/dev/null | grep -oE 'unskipped test cases passing the current filters: [0-9]+' | grep -oE '[0-9]+$')"
done
echo "elapsed: $(( $(date +%s) - start ))s"
[ ${#failed_presets[@]} -eq 0 ] || echo "failing: ${failed_presets[*]}"
echo "rolelab: ${total_pass} passed, ${total_fail} failed"
[ "$total_fail" -eq 0 ]
