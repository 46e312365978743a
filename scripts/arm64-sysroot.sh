#!/usr/bin/env bash
# Unpacks Debian's arm64 `nodejs` and the libraries it links against into a folder that
# `qemu-aarch64 -L <folder>` uses as the guest's root, so the linux-arm64 prebuild can be loaded on
# an x64 machine (test/packaging/arm64.test.ts). Needs apt's arm64 lists:
#   dpkg --add-architecture arm64 && apt-get update
#   bash scripts/arm64-sysroot.sh [folder]        (default .cache/arm64-sysroot)
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:-.cache/arm64-sysroot}
if [ -x "$dest/usr/bin/node" ]; then
  echo "arm64 sysroot already in $dest"
  exit 0
fi
# nodejs -> libnode108 -> these (apt-cache depends nodejs:arm64 libnode108:arm64 on bookworm), and
# the JavaScript packages Debian's node loads its externalized builtins from (architecture all).
packages=(nodejs libnode108 libc6 libgcc-s1 libstdc++6 libbrotli1 libc-ares2 libicu72 libnghttp2-14 libssl3 libuv1 zlib1g)
builtins=(node-cjs-module-lexer node-acorn node-undici)
debs=$(mktemp -d)
trap 'rm -rf "$debs"' EXIT
chmod 0777 "$debs"  # apt downloads as its _apt user
(cd "$debs" && apt-get download -qq "${packages[@]/%/:arm64}" "${builtins[@]}")
mkdir -p "$dest.partial"
for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$dest.partial"; done
rm -rf "$dest"
mv "$dest.partial" "$dest"
echo "arm64 sysroot in $dest: $(ls "$debs" | tr '\n' ' ')"
