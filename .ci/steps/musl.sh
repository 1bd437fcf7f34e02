#!/usr/bin/env bash
# A static musl build, as the README builds a static command: the library, the command
# and the whole test suite compiled with musl-gcc (musl-tools), every program linked
# -static, warnings as errors, and ctest run natively. The command must be a static
# executable. This machine's OpenSSL and GnuTLS are built for glibc and cannot link
# here: the tests that compare with OpenSSL and the examples are not built, and the
# summary says so; every other test of a native build must be there and pass or say why
# it skipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/steps/need.bash
. .ci/steps/native_tests.bash
need musl-tools cmake python3 strace util-linux pkgconf binutils openssl file

jobs=$(nproc)
build=$PWD/build-musl
rm -rf "$build"
mkdir -p "$build"
start=$SECONDS
# The README's command, with warnings as errors.
CC=musl-gcc cmake -S . -B "$build" -DBUILD_SHARED_LIBS=OFF -DCMAKE_EXE_LINKER_FLAGS=-static \
  -DNATIVECERTS_WERROR=ON >"$build/configure.log" || { cat "$build/configure.log"; exit 1; }
cmake --build "$build" -j "$jobs" >"$build/build.log" 2>&1 || { cat "$build/build.log"; exit 1; }
built=$((SECONDS - start))
file "$build/nativecerts" | grep -q 'statically linked' ||
  { echo "musl: the command is not a static executable: $(file "$build/nativecerts")" >&2; exit 1; }

native_tests "$PWD/build-musl-native"

status=0
ctest --test-dir "$build" -j "$jobs" --output-on-failure --output-junit "$build/junit.xml" \
  >"$build/ctest.log" 2>&1 || { cat "$build/ctest.log"; status=1; }
python3 .ci/steps/ctest_summary.py "musl static (x86_64, musl-gcc -static)" "$build/junit.xml" \
  build-musl-native/tests.txt "$(cat build-musl-native/tls.txt)" \
  "OpenSSL and GnuTLS here are built for glibc" || status=1
echo "   time: $built s to build, $((SECONDS - start - built)) s to test"
exit $status
