#!/usr/bin/env bash
# Golden console transcripts: each tests/console/NAME.script (first line
# "# world: PATH", relative to the source tree) runs through
# `rolelab-cli console --world PATH --echo`; the output must equal NAME.expected.
#   run.sh [--update] SOURCE_DIR LAUNCHER...
set -u
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
src=$1
shift
pass=0
fail=0
for script in "$src"/tests/console/*.script; do
  name=$(basename "$script" .script)
  world=$(sed -n '1s/^# world: //p' "$script")
  expected="$src/tests/console/$name.expected"
  actual=$(cd "$src" && "$@" console --world "$world" --echo <"$script" 2>&1)
  if [ "$update" -eq 1 ]; then
    printf '%s\n' "$actual" >"$expected"
    echo "updated $expected"
    continue
  fi
  if [ "$actual" == "$(cat "$expected")" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: output differs from $expected"
    diff <(printf '%s\n' "$actual") "$expected" | head -40
  fi
done
echo "console transcripts: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
