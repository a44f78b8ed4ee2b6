#!/usr/bin/env bash
# Checks the .deb: its metadata and file list (dpkg-deb), then an install into
# a throw-away root (dpkg -x) from which rolelab-cli and rolelab-desktop run
# against the installed data, not the source tree they were built from.
#   tests/package/deb.sh DEB OUTDIR
set -uo pipefail
deb=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
fails=0
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }
version=$(sed -n 's/^project(rolelab VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")

# ---- metadata
info=$(dpkg-deb -f "$deb")
field() { dpkg-deb -f "$deb" "$1"; }
check "Package: rolelab" [ "$(field Package)" = rolelab ]
check "Version: $version (the CMake project version)" [ "$(field Version)" = "$version" ]
check "Architecture: $(dpkg --print-architecture)" [ "$(field Architecture)" = "$(dpkg --print-architecture)" ]
depends=$(field Depends)
for d in libglfw3 libc6 libstdc++6 fonts-roboto-unhinted fonts-jetbrains-mono; do
  check "Depends names $d" bash -c '[[ ", $1," == *", $2 "* || ", $1," == *", $2,"* ]]' _ "$depends" "$d"
done
check "Depends names OpenGL (libgl1 or libopengl0)" grep -qE "libgl1|libopengl0" <<<"$depends"
check "a description" grep -q "^Description: .*IAM" <<<"$info"

# ---- contents
list=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/rolelab-cli ./usr/bin/rolelab-desktop ./usr/share/applications/rolelab.desktop \
         ./usr/share/icons/hicolor/scalable/apps/rolelab.svg ./usr/share/icons/hicolor/256x256/apps/rolelab.png \
         ./usr/share/man/man1/rolelab-cli.1.gz ./usr/share/rolelab/fonts/Roboto-Regular.ttf \
         ./usr/share/rolelab/fonts/Roboto-Medium.ttf ./usr/share/rolelab/fonts/JetBrainsMono-Regular.ttf; do
  check "contains $f" grep -qx "$f" <<<"$list"
done
n_src=$(ls "$src"/lessons/*.json | wc -l)
n_deb=$(grep -c '^./usr/share/rolelab/lessons/.*\.json$' <<<"$list")
check "all $n_src lessons are in the package ($n_deb)" [ "$n_src" -eq "$n_deb" ]
n_src=$(ls "$src"/worlds/*.json | wc -l)
n_deb=$(grep -c '^./usr/share/rolelab/worlds/.*\.json$' <<<"$list")
check "all $n_src worlds are in the package ($n_deb)" [ "$n_deb" -eq "$n_src" ]
check "nothing outside /usr" bash -c '! grep -v "^./usr/\|^./$" <<<"$1" | grep -q .' _ "$list"

# ---- an install into a throw-away root
rm -rf "$out" && mkdir -p "$out/work"
inst="$out/root"
dpkg -x "$deb" "$inst" || { fail "dpkg -x $deb"; echo "deb: $fails failed"; exit 1; }
inst=$(cd "$inst" && pwd)
share="$inst/usr/share/rolelab"
cli="$inst/usr/bin/rolelab-cli"
cd "$out/work"  # no lessons/ here: the programs must find the installed ones
v=$(env -u ROLELAB_DATA_DIR "$cli" --version)
echo "$v"
check "rolelab-cli --version says $version" grep -qx "rolelab-cli $version" <<<"$v"
check "rolelab-cli reads the installed data ($share)" grep -qx "data: $share (installed)" <<<"$v"
verify=$(env -u ROLELAB_DATA_DIR "$cli" lessons verify 2>&1); status=$?
echo "$verify" | tail -1
check "rolelab-cli lessons verify passes on the installed course" [ "$status" -eq 0 ]
# Proof that verify read the installed files: spoil one there, it must fail
# and name that file; the source tree's copy is untouched.
first=$(ls "$share/lessons/"*.json | head -n 1)
cp "$first" "$out/saved.json"
printf '{"this is": "not a lesson"' >"$first"
spoiled=$(env -u ROLELAB_DATA_DIR "$cli" lessons verify 2>&1); status=$?
check "a spoiled installed lesson fails verify and is named ($(basename "$first"))" \
  bash -c '[ "$1" -ne 0 ] && grep -qF "$2" <<<"$3"' _ "$status" "$first" "$spoiled"
cp "$out/saved.json" "$first"
for cmd in $("$cli" --help | sed -n 's/^  \([a-z]\+\) .*/\1/p'); do
  check "the man page describes '$cmd'" bash -c 'zcat "$1" | grep -q "^\.B $2\( \|$\)"' _ "$inst/usr/share/man/man1/rolelab-cli.1.gz" "$cmd"
done
check "the man page renders without warnings" bash -c \
  '[ -z "$(zcat "$1" | groff -man -Tutf8 -ww -z 2>&1 | grep -v "cannot break line\|can.t break line")" ]' _ "$inst/usr/share/man/man1/rolelab-cli.1.gz"
desktop_file="$inst/usr/share/applications/rolelab.desktop"
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop_file")
icon_name=$(sed -n 's/^Icon=//p' "$desktop_file")
check "the desktop entry runs a program the package installs ($exec_name)" [ -x "$inst/usr/bin/$exec_name" ]
check "the desktop entry's icon is installed ($icon_name)" [ -f "$inst/usr/share/icons/hicolor/256x256/apps/$icon_name.png" ]
check "the icon PNG is 256x256" [ "$(identify -format %wx%h "$inst/usr/share/icons/hicolor/256x256/apps/$icon_name.png")" = 256x256 ]
for f in "$share"/fonts/*.ttf; do
  check "font $(basename "$f") resolves to a TrueType file" bash -c '[ -f "$1" ] && [ "$(head -c 4 "$1" | od -An -tx1 | tr -d " ")" = 00010000 ]' _ "$f"
done

desk="$inst/usr/bin/rolelab-desktop"
dv=$(env -u ROLELAB_DATA_DIR "$desk" --version)
echo "$dv"
check "rolelab-desktop --version says $version" grep -qx "rolelab-desktop $version" <<<"$dv"
check "rolelab-desktop reads the installed data and fonts" \
  bash -c 'grep -qx "data: $2 (installed)" <<<"$1" && grep -qx "fonts: $2/fonts" <<<"$1"' _ "$dv" "$share"
if env -u ROLELAB_DATA_DIR bash "$here/../desktop/smoke.sh" "$desk" "$out/desktop" "$(ls "$share/lessons/"*.json | tail -n 1)"; then
  ok "the installed rolelab-desktop renders frames under Xvfb (tests/desktop/smoke.sh)"
else
  fail "the installed rolelab-desktop renders frames under Xvfb (tests/desktop/smoke.sh)"
fi
echo "deb: $fails failed"
[ "$fails" -eq 0 ]
