#!/usr/bin/env bash
# The Linux package, installed the way a user installs it: builds the .deb with cargo-packager,
# installs it with apt in a clean Debian root made by debootstrap (so the package's declared
# dependencies are all the app gets), starts the installed app under Xvfb on the sample project
# the package ships, and checks that its window opens with the project in its title, the app
# id as its window class and the app's icon, and that the desktop file, metainfo, MIME type and
# icons are installed where the desktop looks for them.
#
# Needs root (for chroot), cargo-packager (`cargo install cargo-packager --locked`) and
# debootstrap; installs Xvfb and the X utilities on this machine if they are missing. `.ci/run`
# runs it only when cargo-packager and debootstrap are present, which keeps CI time bounded.
#
# Usage: tests/package-deb.sh [DEBIAN_ROOT]
#   DEBIAN_ROOT: a `debootstrap --variant=minbase bookworm` root to start from (it is copied,
#   never changed); without it, a new one is made (about a minute and 200 MB).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "package-deb: $*" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "needs root, to install the package in a chroot"
command -v cargo-packager >/dev/null || fail "cargo-packager not found (cargo install cargo-packager --locked)"
command -v debootstrap >/dev/null || fail "debootstrap not found (apt-get install debootstrap)"
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v xprop >/dev/null || need+=(x11-utils)
if [ ${#need[@]} -gt 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}") >/dev/null
fi

echo "package-deb: building the package"
rm -f target/packages/*.deb
cargo packager --release --formats deb >target/packages.log 2>&1 \
  || { cat target/packages.log >&2; fail "cargo packager failed"; }
package=$(ls target/packages/*.deb)
echo "package-deb: $package ($(du -h "$package" | cut -f1))"

work=$(mktemp -d)
root=$work/root
display_number=$((90 + RANDOM % 100))
xvfb_pid=
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  for mount in "$root/tmp/.X11-unix" "$root/dev" "$root/proc"; do
    mountpoint -q "$mount" 2>/dev/null && umount -l "$mount"
  done
  rm -rf "$work"
}
trap cleanup EXIT

if [ $# -ge 1 ]; then
  [ -x "$1/bin/sh" ] || fail "$1 is not a Debian root"
  cp -a "$1" "$root"
else
  echo "package-deb: making a clean Debian root"
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
fi
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"

echo "package-deb: installing it with apt"
cp "$package" "$root/tmp/triangulate.deb"
chroot "$root" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/triangulate.deb' \
  >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt could not install the package"; }
chroot "$root" dpkg -s triangulate | grep -q "^Status: install ok installed" || fail "the package did not install"

# The files the desktop reads, where it reads them.
for file in \
  usr/bin/triangulate \
  usr/share/applications/io.github.triangulate.Triangulate.desktop \
  usr/share/metainfo/io.github.triangulate.Triangulate.metainfo.xml \
  usr/share/mime/packages/io.github.triangulate.Triangulate.xml \
  usr/share/icons/hicolor/scalable/apps/io.github.triangulate.Triangulate.svg \
  usr/share/icons/hicolor/48x48/apps/io.github.triangulate.Triangulate.png \
  usr/share/icons/hicolor/256x256/apps/io.github.triangulate.Triangulate.png \
  usr/share/triangulate/examples/panjshir-2021.ron; do
  [ -f "$root/$file" ] || fail "the package does not install /$file"
done
version=$(chroot "$root" triangulate --version)
echo "package-deb: installed $version"
chroot "$root" triangulate info /usr/share/triangulate/examples/panjshir-2021.ron --json >/dev/null \
  || fail "the installed command line cannot read the sample project"

# The window, on an X server of this machine whose socket the root shares.
Xvfb ":$display_number" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display_number"
for _ in $(seq 50); do
  xprop -root >/dev/null 2>&1 && break
  sleep 0.2
done
xprop -root >/dev/null 2>&1 || fail "Xvfb did not start"
mkdir -p "$root/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
echo "package-deb: starting the installed app on the sample project"
chroot "$root" env DISPLAY="$DISPLAY" HOME=/root XDG_RUNTIME_DIR=/tmp LIBGL_ALWAYS_SOFTWARE=1 \
  triangulate /usr/share/triangulate/examples/panjshir-2021.ron >"$work/app.log" 2>&1 &
app_pid=$!
window=
for _ in $(seq 120); do
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; fail "the app exited before its window opened"; }
  # xdotool matches names by a regular expression in the C locale: match ASCII, compare in bash.
  for candidate in $(xdotool search --name "panjshir-2021" 2>/dev/null || true); do
    if [ "$(xdotool getwindowname "$candidate")" = "panjshir-2021 — Triangulate" ]; then
      window=$candidate
    fi
  done
  [ -n "$window" ] && break
  sleep 0.5
done
[ -n "$window" ] || {
  cat "$work/app.log" >&2
  for other in $(xdotool search --name . 2>/dev/null); do echo "window $other: $(xdotool getwindowname "$other")" >&2; done
  fail "no window titled \"panjshir-2021 — Triangulate\" within 60 seconds"
}
class=$(xprop -id "$window" WM_CLASS)
case $class in
  *'"io.github.triangulate.Triangulate"'*) ;;
  *) fail "the window's class is not the app id: $class" ;;
esac
# The icon the window gives the task bar and Alt+Tab.
xprop -id "$window" _NET_WM_ICON | head -c 200 | grep -q "CARDINAL" || fail "the window has no icon"
sleep 3
kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; fail "the app exited after opening its window"; }
echo "package-deb: passed (window $window, $class)"
