#!/usr/bin/env bash
# Other architectures: the library, the command and the whole test suite built with
# Debian's cross compilers, warnings as errors, for s390x (64-bit, big-endian), aarch64
# (64-bit, NEON) and i686 (32-bit, 32-bit time_t), and ctest run under qemu-user. Nothing
# relies on binfmt_misc: ctest and the test scripts start every program through the
# emulator CMake names (cmake/toolchains/linux-cross.cmake, tests/CMakeLists.txt).
#
# The TLS stacks of each architecture (the tests that compare with OpenSSL, the adapters'
# tests and the examples) are unpacked from Debian's packages into the build directory, from an apt
# state of its own: this machine's package lists and installed packages are left alone
# (Debian's multiarch would need this machine's version of libssl-dev for every
# architecture, which a mirror need not offer). Where they cannot be fetched, those
# tests are not built and the summary says so.
#
# Each target ends with a summary line: tests passed, skipped and why. Every test that a
# native build of this tree defines must be there, and pass or say why it skipped.
# NC_CROSS_TARGETS picks targets (default "s390x aarch64 i686").
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/steps/need.bash
. .ci/steps/native_tests.bash
need cmake gcc python3 qemu-user-static strace util-linux pkgconf binutils openssl \
  gcc-s390x-linux-gnu libc6-dev-s390x-cross gcc-aarch64-linux-gnu libc6-dev-arm64-cross \
  gcc-i686-linux-gnu libc6-dev-i386-cross

jobs=$(nproc)
# target -> toolchain file (cmake/toolchains/) and Debian architecture
declare -A triplet=([s390x]=s390x-linux-gnu [aarch64]=aarch64-linux-gnu [i686]=i686-linux-gnu)
declare -A debarch=([s390x]=s390x [aarch64]=arm64 [i686]=i386)
declare -A multiarch=([s390x]=s390x-linux-gnu [aarch64]=aarch64-linux-gnu [i686]=i386-linux-gnu)

# root TRIPLET DIR: DIR stands for the target's "/" under qemu-user (see
# cmake/toolchains/linux-cross.cmake): links to the toolchain's libraries in DIR/lib, and
# an empty DIR/etc/ld.so.cache, so that the target's dynamic linker never reads this
# machine's cache (it lists this machine's 32-bit libraries, /lib32, which an i686
# program would load instead of its own, and hang in).
root() {
  mkdir -p "$2/lib" "$2/etc"
  ln -s "/usr/$1/lib/"* "$2/lib/"
  : >"$2/etc/ld.so.cache"
}

# fetch ARCH TRIPLET DIR ROOT: the development packages of the TLS stacks that the
# examples and adapter tests use (OpenSSL, GnuTLS, Mbed TLS, wolfSSL, BearSSL, libcurl)
# for Debian architecture ARCH, and every library they need but the C library, downloaded
# with an apt state of its own in DIR and unpacked into ROOT. All from Debian's stable
# release itself (bookworm, not its updates): the same versions for every architecture,
# whichever indexes of the updates a mirror serves at the time.
fetch() {
  local dir=$3
  local apt=(-qq -o APT::Architecture="$1" -o APT::Architectures::="$1"
    -o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" -o Dir::State::status=/dev/null
    -o APT::Sandbox::User=root)
  local dev=(libssl-dev libgnutls28-dev libmbedtls-dev libwolfssl-dev libbearssl-dev
    libcurl4-openssl-dev)
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/debs" "$dir/unpacked"
  # An index that fails to download (a mirror in sync) leaves the others usable.
  apt-get "${apt[@]}" update >"$dir/update.log" 2>&1 || grep -E '^(E|W):' "$dir/update.log" >&2
  local packages
  packages=$(apt-cache "${apt[@]}" depends --recurse --no-recommends --no-suggests \
    --no-conflicts --no-breaks --no-replaces --no-enhances "${dev[@]}" | grep -E '^[a-z0-9]' |
    grep -vxE 'libc6|libc6-dev|libc-dev-bin|linux-libc-dev|libcrypt-dev|libnsl-dev|libtirpc-dev|rpcsvc-proto|libgcc-s1|libstdc\+\+6|gcc-[0-9]+-base' |
    sort -u) || return 1
  # shellcheck disable=SC2046 # one package name a word
  (cd "$dir/debs" && apt-get "${apt[@]}" download $(printf '%s/bookworm\n' $packages)) || return 1
  local deb
  for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/unpacked"; done
  # Only libraries and headers: qemu-user would show the program any other file first.
  mv "$dir/unpacked/usr" "$4/usr"
  rm -rf "$4/usr/share" "$4/usr/bin" "$4/usr/sbin"
  if [ -d "$dir/unpacked/lib/$2" ]; then
    mv "$dir/unpacked/lib/$2" "$4/lib/$2"
  fi
}

# prepare TARGET: the root, the packages and the configure of one target, each in its
# build directory (logs there); the three run side by side, as they mostly wait on the
# network and on one core each. Prints nothing; the target's "unfetched" file says
# when the packages could not be had.
prepare() {
  local t=$1 build=$PWD/build-cross-$1
  root "${triplet[$t]}" "$build/root"
  fetch "${debarch[$t]}" "${multiarch[$t]}" "$build/packages" "$build/root" \
    >"$build/fetch.log" 2>&1 || : >"$build/unfetched"
  cmake -S . -B "$build" -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/toolchains/${triplet[$t]}.cmake" \
    -DNC_CROSS_ROOT="$build/root" -DNATIVECERTS_WERROR=ON >"$build/configure.log" 2>&1 ||
    : >"$build/unconfigured"
}

targets=(${NC_CROSS_TARGETS:-s390x aarch64 i686})
start=$SECONDS
pids=()
for t in "${targets[@]}"; do
  rm -rf "$PWD/build-cross-$t"
  mkdir -p "$PWD/build-cross-$t"
  prepare "$t" &
  pids+=($!)
done
native_tests "$PWD/build-cross-native"
wait "${pids[@]}"
echo "cross: fetched and configured in $((SECONDS - start)) s"

status=0
summaries=()
for t in "${targets[@]}"; do
  build=$PWD/build-cross-$t
  [ -e "$build/unconfigured" ] && { cat "$build/configure.log"; exit 1; }
  not_built=()
  if [ -e "$build/unfetched" ]; then
    cat "$build/fetch.log" >&2
    echo "cross $t: the TLS libraries of ${debarch[$t]} could not be fetched" >&2
    not_built=("$(cat build-cross-native/tls.txt)"
      "no TLS library for ${debarch[$t]}: the Debian archive could not be reached")
  fi
  start=$SECONDS
  cmake --build "$build" -j "$jobs" >"$build/build.log" 2>&1 || { cat "$build/build.log"; exit 1; }
  built=$((SECONDS - start))
  # One more test than cores: many tests wait (on files settling, on servers).
  ctest --test-dir "$build" -j "$((jobs + 1))" --output-on-failure \
    --output-junit "$build/junit.xml" >"$build/ctest.log" 2>&1 || { cat "$build/ctest.log"; status=1; }
  qemu=$(sed -n 's/^NC_QEMU:FILEPATH=//p' "$build/CMakeCache.txt")
  summary=$(python3 .ci/steps/ctest_summary.py "cross $t (${triplet[$t]}, ${qemu##*/})" \
    "$build/junit.xml" build-cross-native/tests.txt "${not_built[@]}") || status=1
  summary="$summary
   time: $built s to build, $((SECONDS - start - built)) s to test"
  echo "$summary"
  summaries+=("$summary")
done

# Big-endian aarch64: Debian ships its compiler (aarch64-linux-gnu-gcc -mbig-endian) and
# qemu-aarch64_be, but no C library for it. base64_rules, with the few C functions it
# needs from tests/codec/freestanding/shim.c, checks the NEON path against the scalar
# loop on a big-endian CPU: no vector path may depend on the byte order.
be=$PWD/build-cross-aarch64_be
rm -rf "$be"
mkdir -p "$be"
aarch64-linux-gnu-gcc -mbig-endian -std=c11 -O2 -Wall -Wextra -Wpedantic -Werror \
  -ffreestanding -nostdlib -static -fno-builtin -fno-stack-protector \
  -isystem tests/codec/freestanding/include -I src -I tests/codec \
  src/codec/base64.c tests/codec/base64_rules.c tests/codec/freestanding/shim.c \
  -o "$be/base64_rules"
if out=$(qemu-aarch64_be-static "$be/base64_rules"); then
  summary="== cross aarch64_be (freestanding, qemu-aarch64_be-static): base64_rules passed"
else
  summary="== cross aarch64_be (freestanding, qemu-aarch64_be-static): base64_rules FAILED"
  status=1
fi
summary="$summary
$(printf '%s\n' "$out" | sed 's/^/   /')"
echo "$summary"
summaries+=("$summary")

echo "== cross summary"
printf '%s\n' "${summaries[@]}"
exit $status
