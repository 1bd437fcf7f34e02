#!/usr/bin/env bash
# Builds the fuzz targets (clang, libFuzzer, ASan + UBSan) and runs each for a bounded
# time from the seed corpora in the repository; prints one line per target with the
# executions it ran. Any crash, leak, timeout or sanitizer report fails the run (exit 1);
# the input that caused it is kept under the work directory and its path printed.
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Environment: NC_FUZZ_BUILD (default /tmp/nc-fuzz-build), NC_FUZZ_WORK (default a
# fresh directory under /tmp), NC_FUZZ_JOBS (targets run at once; default: the number
# of processors). Seeds: tests/fuzz/seeds/<target> (hand-made, where present), tests/fuzz/regressions/
# <target> (inputs that once failed: replayed by ctest too), the codec's data-driven
# cases and the certificate fixtures of tests/data, and this machine's bundle, split
# into one DER file per root, when there is one. fuzz_load, whose input builds a tree
# (in a directory under TMPDIR, default /dev/shm where writable, else /tmp), starts from
# its own seeds only.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
seconds=${1:-60}
shift || true
build=${NC_FUZZ_BUILD:-/tmp/nc-fuzz-build}
work=${NC_FUZZ_WORK:-$(mktemp -d /tmp/nc-fuzz.XXXXXX)}
mkdir -p "$work"
jobs=${NC_FUZZ_JOBS:-$(nproc)}

CC=clang cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$jobs" >"$work/build.log" 2>&1 || {
  cat "$work/build.log"
  exit 1
}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for t in "$build"/fuzz_*; do
    [ -x "$t" ] && targets+=("$(basename "$t")")
  done
fi

# Seeds made from the repository's data at run time: PEM files decoded to DER (with
# TRUSTED CERTIFICATE trust data kept), the DER cases' inputs, times as [tag][content]
# for fuzz_der.
seeds=$work/seeds
mkdir -p "$seeds/der" "$seeds/time" "$seeds/machine"
for f in "$repo"/tests/data/certs/*.pem "$repo"/tests/codec/trust_aux/*.pem; do
  sed -n '/^-----BEGIN/,/^-----END/{/^-----/d;p}' "$f" | base64 -d >"$seeds/der/$(basename "$f").der" 2>/dev/null || true
done
"$build/der_case_bytes" "$repo/tests/codec/der/cases.txt" "$repo/tests/data/certs" \
  "$seeds/der_cases" >/dev/null
i=0
grep -E '^(utc|gen) ' "$repo/tests/codec/der_time/cases.txt" | while read -r kind value _; do
  i=$((i + 1))
  [ "$value" = - ] && value=
  if [ "$kind" = utc ]; then printf '\x00%s' "$value"; else printf '\x01%s' "$value"; fi >"$seeds/time/$i"
done
# DER Names of the name case files, one file each, for fuzz_name_hash.
mkdir -p "$seeds/names"
for f in "$repo"/tests/codec/name_hash/cases.txt "$repo"/tests/codec/x509_name/cases.txt; do
  grep -v '^#' "$f" | while read -r label hex _; do
    printf '%b' "$(printf '%s' "$hex" | sed 's/../\\x&/g')" >"$seeds/names/$(basename "$(dirname "$f")")-$label"
  done
done
bundle=/etc/ssl/certs/ca-certificates.crt
if [ -r "$bundle" ]; then
  awk -v dir="$seeds/machine" '/^-----BEGIN/{n++; f=dir "/" n ".pem"} f{print > f} /^-----END/{close(f); f=""}' "$bundle"
  for f in "$seeds/machine"/*.pem; do
    sed '1d;$d' "$f" | base64 -d >"${f%.pem}.der" && rm "$f"
  done
fi

seed_dirs() {
  local t=$1 s=${1#fuzz_}
  local dirs=("$repo/tests/data/certs" "$seeds/der" "$seeds/machine")
  case $t in
  fuzz_load) dirs=() ;; # its input is a list of operations, not certificate bytes
  fuzz_pem | fuzz_cert_file | fuzz_openssl_diff)
    dirs+=("$repo/tests/codec/pem" "$repo/tests/codec/trust_aux" "$repo/tests/data/certs/android" "$seeds/der_cases") ;;
  fuzz_der) dirs+=("$seeds/der_cases" "$seeds/time") ;;
  fuzz_trust_aux) dirs+=("$seeds/der_cases") ;;
  fuzz_name_hash) dirs+=("$repo/tests/data/names" "$seeds/names") ;;
  esac
  for d in "$here/seeds/$s" "$here/regressions/$s"; do
    [ -d "$d" ] && dirs+=("$d")
  done
  printf '%s\n' "${dirs[@]}"
}

run_one() {
  local t=$1
  local corpus=$work/corpus/$t artifacts=$work/artifacts/$t/
  mkdir -p "$corpus" "$artifacts"
  mapfile -t dirs < <(seed_dirs "$t")
  local max_len=65536
  if [ "$t" = fuzz_load ]; then
    max_len=1024 # a dozen operations need far less
    # It makes and removes a tree for every input: on a tmpfs, several times faster than
    # on a disk whose journal other jobs keep busy.
    if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
  fi
  # -rss_limit_mb and -timeout bound memory and time per input; leaks are reported
  # (ASan's LeakSanitizer) and fail the run like a crash.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
    -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "${dirs[@]}" \
    >"$work/$t.log" 2>&1
}

echo "fuzzing ${#targets[@]} targets, ${seconds}s each, $jobs at a time; logs in $work"
pids=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=("$!")
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
done
status=0
for i in "${!targets[@]}"; do
  t=${targets[$i]}
  if wait "${pids[$i]}"; then result=ok; else result=FAILED status=1; fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log" | tail -1)
  corpus=$(find "$work/corpus/$t" -type f | wc -l)
  printf '%-20s %-6s %12s executions  %6s new corpus entries\n' "$t" "$result" "${execs:-?}" "$corpus"
  if [ "$result" = FAILED ]; then
    grep -E 'ERROR|SUMMARY|fuzz check failed|Test unit written' "$work/$t.log" | head -20 || true
    ls "$work/artifacts/$t/" || true
  fi
done
exit $status
