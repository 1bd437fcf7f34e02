#!/usr/bin/env bash
# Windows: cross-build with mingw-w64, warnings as errors, and run the Windows suite
# (tests/win/) under Wine 8 against Wine's real crypt32, in a private Wine prefix under
# the build directory. The suite boots Wine once in a ctest fixture and stops it after;
# the trap also stops it if the build or ctest is interrupted.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/steps/need.bash

need gcc-mingw-w64-x86-64 wine wine64

build=build-windows
rm -rf "$build"
cmake -S . -B "$build" -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/mingw-w64-x86_64.cmake \
  -DNATIVECERTS_WERROR=ON >/dev/null
cmake --build "$build"
trap 'WINEPREFIX="$PWD/$build/tests/win/wineprefix" wineserver -k >/dev/null 2>&1 || true' EXIT
ctest --test-dir "$build" --output-on-failure
