#!/usr/bin/env bash
# valgrind memcheck over the test suite, built with gcc: every test program
# runs under memcheck (invalid reads and writes, uninitialised values, definite and
# indirect leaks fail it). Left out: the cases labelled "heavy" (100,000 entries, 50,000
# certificates: their own bounds are checked natively and under ASan) and "alloc"
# (alloc_fail.sh runs those under memcheck). Scripts run their programs natively.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/steps/need.bash
need valgrind gcc cmake libssl-dev
build=$PWD/build-valgrind
rm -rf "$build"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS="-O1" \
  -DCMAKE_CROSSCOMPILING_EMULATOR="$NC_VALGRIND" >/dev/null
cmake --build "$build" >/dev/null
ctest --test-dir "$build" -LE 'heavy|alloc' -j "$(nproc)" --output-on-failure --timeout 600
