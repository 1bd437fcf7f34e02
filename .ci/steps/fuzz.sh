#!/usr/bin/env bash
# Fuzzing: every libFuzzer target of tests/fuzz runs for NC_FUZZ_SECONDS (default 60)
# from the seed corpora, with ASan and UBSan, two at a time on this 2-core machine: eight
# targets, four rounds, about 5 minutes with the build. fuzz_load builds hostile trees
# in a temporary directory (under TMPDIR if set, else /dev/shm, else /tmp) and loads them
# under every profile; run as root, it makes device nodes there. Any crash, leak,
# timeout or failed check fails CI; the failing input is printed, to be added to
# tests/fuzz/regressions/<target>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/steps/need.bash
need clang libclang-rt-14-dev libssl-dev cmake
rm -rf build-fuzz build-fuzz-work && mkdir build-fuzz-work
NC_FUZZ_BUILD=$PWD/build-fuzz NC_FUZZ_WORK=$PWD/build-fuzz-work \
  tests/fuzz/run.sh "${NC_FUZZ_SECONDS:-60}"
