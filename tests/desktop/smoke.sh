#!/usr/bin/env bash
# Desktop smoke test: the runner starts under Xvfb with a lesson file given on
# the command line (--lesson) and an account (--account: the output of
# `aws iam get-account-authorization-details`, shown in the world diagram),
# renders frames for a few seconds, a screenshot of the screen is not blank
# (pixel variance, colours), the lesson given is the one open, the account is
# in the diagram, progress is saved, and it exits cleanly with status 0.
#   smoke.sh APP OUTDIR [LESSON-FILE [ACCOUNT-FILE]]
set -euo pipefail
app=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
lesson=${3:-$(ls "$here/../../lessons/"*.json | head -n 1)}
account=${4:-$here/../data/import/account-a.json}
mkdir -p "$out"
png="$out/desktop.png"
log="$out/desktop.log"
state="$out/progress.json"
rm -f "$png" "$log"
# Saved progress is outside input: a damaged (and old-format) file must not
# stop the app, and is replaced by a good one.
printf '{"version": 1, "lessons": {"who-may-wear-the-hat": {"editor": 5}}, "tab": "x"' >"$state"
status=0
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "$1" --seconds 6 --state "$4" --lesson "$5" --account "$6" >"$3" 2>&1 &
  pid=$!
  sleep 4
  import -window root "$2"
  wait $pid
' _ "$app" "$png" "$log" "$state" "$lesson" "$account" || status=$?
cat "$log"
[ "$status" -eq 0 ] || { echo "FAIL: the app exited with status $status"; exit 1; }
grep -q "^rolelab-desktop: opened lesson " "$log" || { echo "FAIL: the lesson $lesson was not opened"; exit 1; }
id=$(sed -n 's/^rolelab-desktop: opened lesson \([a-z0-9-]*\) .*/\1/p' "$log")
grep -q "^rolelab-desktop: lesson $id, step 1 of" "$log" || { echo "FAIL: lesson $id is not the one shown at exit"; exit 1; }
grep -q "^rolelab-desktop: opened account " "$log" || { echo "FAIL: the account $account was not opened"; exit 1; }
grep -q "^rolelab-desktop: account .* shown in the world diagram" "$log" || { echo "FAIL: the account is not in the diagram at exit"; exit 1; }
frames=$(sed -n 's/^rolelab-desktop: \([0-9]*\) frames.*/\1/p' "$log")
[ "${frames:-0}" -ge 30 ] || { echo "FAIL: only ${frames:-0} frames rendered"; exit 1; }
# An unchanged screen is not drawn again (web/draw_hash.h): most of the idle frames are not.
drawn=$(sed -n 's/^rolelab-desktop: [0-9]* frames (\([0-9]*\) drawn).*/\1/p' "$log")
[ "${drawn:-0}" -ge 1 ] && [ "${drawn:-0}" -lt "$frames" ] || { echo "FAIL: ${drawn:-0} of $frames frames drawn"; exit 1; }
sd=$(convert "$png" -colorspace Gray -format "%[fx:standard_deviation]" info:)
colors=$(identify -format "%k" "$png")
echo "screenshot $png: gray standard deviation $sd, $colors colours, $frames frames ($drawn drawn)"
awk -v sd="$sd" 'BEGIN { exit !(sd > 0.05) }' || { echo "FAIL: the screenshot looks blank (sd $sd)"; exit 1; }
[ "$colors" -ge 16 ] || { echo "FAIL: only $colors colours in the screenshot"; exit 1; }
grep -q '"version":2' "$state" || { echo "FAIL: progress was not saved to $state"; cat "$state"; exit 1; }
echo "progress saved: $(wc -c <"$state") bytes in $state"
echo "desktop smoke: ok"
