#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang-14, ASan + UBSan) and
# runs each for a given time; with --build DIR, runs the targets already built
# in DIR (the asan preset builds them beside the sanitised tests: scripts/test.sh). Exits non-zero on any finding (crash, leak,
# timeout, out-of-memory, sanitizer report); reproducers are kept in
# build/fuzz/findings/TARGET/. The corpus grows in build/fuzz/corpus/TARGET.
#   scripts/fuzz.sh [--jobs N] [--build DIR] [SECONDS_PER_TARGET (default 60)] [TARGET ...]
# Targets: policy simulate world lesson console federation conformance_case test_api progress validate import
# Reproduce a finding: build/fuzz/fuzz/fuzz_TARGET FILE
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jobs=1
build_dir=""
if [ "${1:-}" = "--jobs" ]; then jobs=$2; shift 2; fi
if [ "${1:-}" = "--build" ]; then build_dir=$2; shift 2; fi
seconds=${1:-60}
shift || true
all=(policy simulate world lesson console federation conformance_case test_api progress validate import)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

if [ -n "$build_dir" ]; then
  bin_dir="$build_dir/fuzz"
  for t in "${targets[@]}"; do
    [ -x "$bin_dir/fuzz_$t" ] || { echo "fuzz: $bin_dir/fuzz_$t is not built"; exit 1; }
  done
else
  bin_dir=build/fuzz/fuzz
  echo "=== fuzz: configure and build (clang-14)"
  if ! { cmake --preset fuzz >build/fuzz-configure.log 2>&1 && cmake --build --preset fuzz -j"$(nproc)" >build/fuzz-build.log 2>&1; }; then
    tail -40 build/fuzz-configure.log build/fuzz-build.log 2>/dev/null
    echo "fuzz: build failed"
    exit 1
  fi
fi
mkdir -p build/fuzz
rm -rf build/fuzz/seeds
python3 fuzz/seeds.py "$root" build/fuzz/seeds || { echo "fuzz: making seed corpora failed"; exit 1; }

run_one() {
  local t=$1
  local dict=()
  case $t in
    console) dict=(-dict=fuzz/console.dict) ;;
    policy | simulate | world | lesson | conformance_case | test_api | progress | import) dict=(-dict=fuzz/json.dict) ;;
  esac
  mkdir -p "build/fuzz/corpus/$t" "build/fuzz/findings/$t" "build/fuzz/seeds/$t"
  # Past findings (tests/fuzz-regressions/TARGET) are replayed first, with the seeds.
  local regressions=()
  [ -d "tests/fuzz-regressions/$t" ] && regressions=("tests/fuzz-regressions/$t")
  # -rss_limit_mb: runaway memory is a finding; -timeout: one input over 10 s is a hang.
  "$bin_dir/fuzz_$t" "build/fuzz/corpus/$t" "build/fuzz/seeds/$t" "${regressions[@]}" "${dict[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="build/fuzz/findings/$t/" >"build/fuzz/$t.log" 2>&1
  local rc=$?
  local execs speed corpus
  execs=$(grep -E "^stat::number_of_executed_units" "build/fuzz/$t.log" | awk '{print $2}')
  speed=$(grep -E "^stat::average_exec_per_sec" "build/fuzz/$t.log" | awk '{print $2}')
  corpus=$(ls "build/fuzz/corpus/$t" | wc -l)
  if [ $rc -eq 0 ] && [ -z "$(ls "build/fuzz/findings/$t")" ]; then
    printf 'fuzz %-17s ok    %4ss  %10s execs  %7s exec/s  corpus %s\n' "$t" "$seconds" "${execs:-?}" "${speed:-?}" "$corpus"
  else
    printf 'fuzz %-17s FOUND (exit %s): see build/fuzz/%s.log and build/fuzz/findings/%s/\n' "$t" "$rc" "$t" "$t"
    grep -E "ERROR|SUMMARY|Test unit written" "build/fuzz/$t.log" | head -8
    return 1
  fi
}

fail=0
running=0
pids=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=($!)
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || fail=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || fail=1
  running=$((running - 1))
done
if [ $fail -ne 0 ]; then
  echo "fuzz: findings (each becomes a regression test in tests/ before it is fixed)"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, no findings"
