#!/usr/bin/env bash
# Allocation failure (docs/fail-closed.md): the tests labelled "alloc" make every allocation of a
# full load fail in turn (tests/reliability/test_alloc_failure.c), here under valgrind
# memcheck, so that a leak or a bad access on any failure path fails CI (the main
# ASan run checks the same with LeakSanitizer). Prints the points exercised.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/steps/need.bash
need valgrind gcc cmake
build=$PWD/build-alloc
rm -rf "$build"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS="-O1" \
  -DCMAKE_CROSSCOMPILING_EMULATOR="$NC_VALGRIND" >/dev/null
cmake --build "$build" --target test_alloc_failure >/dev/null
ctest --test-dir "$build" -L alloc --output-on-failure -V | grep -E 'alloc-failure|trusts|leaked|different|silently|tests passed|Failed|FAIL'
