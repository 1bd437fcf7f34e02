#!/usr/bin/env bash
# ThreadSanitizer: the library and the tests labelled "threads" (many threads
# loading at once, one store shared by many threads, while its files change) built with
# clang -fsanitize=thread; any data race fails CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/steps/need.bash
need clang libclang-rt-14-dev cmake
build=$PWD/build-tsan
rm -rf "$build"
CC=clang cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS="-fsanitize=thread" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" \
  -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build "$build" >/dev/null
TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1" \
  ctest --test-dir "$build" -L threads --output-on-failure
