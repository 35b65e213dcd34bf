#!/usr/bin/env bash
# Build Denkspur.app and a .dmg on macOS (CI: macos-14, Apple Silicon; Metal is llama.cpp's default there).
#
#   bash packaging/macos/build.sh [VARIANT]
#
# Signing: ad-hoc by default. Set MACOS_SIGN_IDENTITY ("Developer ID Application: …") to sign for
# real, and NOTARY_PROFILE (a notarytool keychain profile) to notarise and staple the .dmg.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}
VARIANT=${1:-metal}
VERSION=$("$PYTHON" -c 'import denkspur; print(denkspur.__version__)')
mkdir -p build dist
ICONSET=build/denkspur.iconset
mkdir -p "$ICONSET"
for size in 16 32 128 256 512; do
  cp "resources/icons/denkspur-${size}.png" "$ICONSET/icon_${size}x${size}.png"
done
iconutil -c icns "$ICONSET" -o build/denkspur.icns
DENKSPUR_VERSION=$VERSION "$PYTHON" -m PyInstaller --noconfirm --distpath dist --workpath build/pyi packaging/denkspur.spec
APP=dist/Denkspur.app
IDENTITY=${MACOS_SIGN_IDENTITY:--}
codesign --force --deep --options runtime --timestamp=none --sign "$IDENTITY" "$APP"
codesign --verify --deep --strict "$APP"
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/denkspur" --self-test
DMG="dist/Denkspur-${VERSION}-${VARIANT}-arm64.dmg"
hdiutil create -volname Denkspur -srcfolder "$APP" -ov -format UDZO "$DMG"
if [ -n "${NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
  xcrun stapler staple "$DMG"
fi
ls -l "$DMG"
