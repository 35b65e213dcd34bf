#!/usr/bin/env bash
# Build the Linux bundle and .deb, install the .deb into a scratch root, run its self-test.
#
#   bash packaging/linux/build.sh [OUTDIR]        (default OUTDIR: dist/)
#
# Uses the Python environment it runs in (.venv by default: PYTHON=.venv/bin/python); the llama.cpp
# variant (CPU or CUDA) is whatever llama-cpp-python was installed with. Prints the sizes at the end.
# The AppImage is built from the same AppDir when appimagetool is on PATH (CI downloads it).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
OUT=${1:-$ROOT/dist}
VERSION=$("$PYTHON" -c 'import denkspur; print(denkspur.__version__)')
VARIANT=${DENKSPUR_VARIANT:-cpu}
ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
WORK=$(mktemp -d)
[ -n "${KEEP_WORK:-}" ] || trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

echo "== PyInstaller bundle"
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath "$WORK/dist" --workpath "$WORK/build" \
  packaging/denkspur.spec
BUNDLE="$WORK/dist/denkspur"
# Identical libX.so / libX.so.0 pairs (wheels cannot hold symlinks): keep one file.
for versioned in "$BUNDLE"/_internal/llama_cpp/lib/*.so.0; do
  plain=${versioned%.0}
  if [ -f "$plain" ] && [ ! -L "$plain" ] && cmp -s "$plain" "$versioned"; then
    ln -sf "$(basename "$versioned")" "$plain"
  fi
done

echo "== .deb"
PKG="$WORK/pkg"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/metainfo" "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/icons/hicolor/512x512/apps"
cp -a "$BUNDLE" "$PKG/opt/denkspur"
ln -s /opt/denkspur/denkspur "$PKG/usr/bin/denkspur"
cp packaging/linux/io.github.denkspur.Denkspur.desktop "$PKG/usr/share/applications/"
cp packaging/linux/io.github.denkspur.Denkspur.metainfo.xml "$PKG/usr/share/metainfo/"
cp resources/icons/denkspur-256.png "$PKG/usr/share/icons/hicolor/256x256/apps/io.github.denkspur.Denkspur.png"
cp resources/icons/denkspur-512.png "$PKG/usr/share/icons/hicolor/512x512/apps/io.github.denkspur.Denkspur.png"
SIZE_KB=$(du -sk "$PKG" | cut -f1)
cat > "$PKG/DEBIAN/control" <<CONTROL
Package: denkspur
Version: $VERSION
Section: utils
Priority: optional
Architecture: $ARCH
Maintainer: Denkspur contributors <denkspur@users.noreply.github.com>
Installed-Size: $SIZE_KB
Depends: libc6, libegl1, libgl1, libxkbcommon0, libfontconfig1, libdbus-1-3, libglib2.0-0, libxcb-cursor0
Description: Run DeepSeek-R1 reasoning models offline and watch them think
 Denkspur runs quantized DeepSeek-R1 distills with llama.cpp ($VARIANT build) and shows the
 live reasoning trace beside the answer.
CONTROL
DEB="$OUT/denkspur_${VERSION}_${VARIANT}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz --build "$PKG" "$DEB" >/dev/null

echo "== install into a scratch root and self-test"
SCRATCH="$WORK/root"
dpkg-deb -x "$DEB" "$SCRATCH"
test -x "$SCRATCH/opt/denkspur/denkspur"
test -f "$SCRATCH/usr/share/applications/io.github.denkspur.Denkspur.desktop"
HOME="$WORK/home" QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$WORK" \
  DENKSPUR_CONFIG_DIR="$WORK/config" DENKSPUR_DATA_DIR="$WORK/data" \
  "$SCRATCH/opt/denkspur/denkspur" --self-test | tee "$OUT/self-test.json"
"$SCRATCH/opt/denkspur/denkspur" --version

if command -v appimagetool >/dev/null 2>&1; then
  echo "== AppImage"
  APPDIR="$WORK/Denkspur.AppDir"
  mkdir -p "$APPDIR/usr"
  cp -a "$BUNDLE" "$APPDIR/usr/bin"
  cp packaging/linux/io.github.denkspur.Denkspur.desktop "$APPDIR/"
  cp resources/icons/denkspur-256.png "$APPDIR/io.github.denkspur.Denkspur.png"
  mkdir -p "$APPDIR/usr/share/metainfo"
  cp packaging/linux/io.github.denkspur.Denkspur.metainfo.xml "$APPDIR/usr/share/metainfo/"
  printf '#!/bin/sh\nexec "$(dirname "$(readlink -f "$0")")/usr/bin/denkspur" "$@"\n' > "$APPDIR/AppRun"
  chmod +x "$APPDIR/AppRun"
  ARCH=x86_64 appimagetool "$APPDIR" "$OUT/Denkspur-${VERSION}-${VARIANT}-x86_64.AppImage"
fi

echo "== sizes"
echo "bundle: $(du -sh "$BUNDLE" | cut -f1)"
for file in "$OUT"/*.deb "$OUT"/*.AppImage; do
  [ -e "$file" ] && echo "$(basename "$file"): $(( $(stat -c %s "$file") / 1000000 )) MB"
done
true
