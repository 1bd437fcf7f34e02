#!/usr/bin/env bash
# The macOS backend compiled for Apple targets (syntax and types only: there is no SDK
# here) against the test-double headers in tests/macos/fake, with the project's warnings
# as errors. -ffreestanding -nostdlibinc keep glibc's headers out; the few libc
# declarations the backend needs come from tests/macos/fake/libc. Needs clang only.
set -euo pipefail
cd "$(dirname "$0")/../.."

cc=${CLANG:-clang}
flags=(-std=c11 -ffreestanding -nostdlibinc -fsyntax-only
       -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
       -Wformat=2 -Wvla -Wcast-qual -Werror
       -isystem tests/macos/fake/libc -I tests/macos/fake -I src -I include)
targets=(arm64-apple-macos11 x86_64-apple-macos10.15)

for target in "${targets[@]}"; do
  echo "macos-syntax: $target: src/macos/*.c"
  "$cc" -target "$target" "${flags[@]}" src/macos/*.c
done

# The check must be able to fail: a call that does not match the declarations is refused.
probe=$(mktemp --suffix=.c)
trap 'rm -f "$probe"' EXIT
cat >"$probe" <<'C'
#include <Security/Security.h>
int probe(void);
int probe(void) { CFArrayRef a = 0; return SecTrustSettingsCopyCertificates(&a, 0); }
C
if "$cc" -target "${targets[0]}" "${flags[@]}" "$probe" 2>/dev/null; then
  echo "macos-syntax: a mismatched call compiled; the check proves nothing" >&2
  exit 1
fi
echo "macos-syntax: ok"
