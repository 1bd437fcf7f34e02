#!/usr/bin/env bash
# The kqueue notifier of nativecerts_store (BSD, macOS) compiled here, where there is no
# kqueue: against tests/unix/kqueue_fake/sys/event.h (FreeBSD's declarations) and this
# machine's libc for the rest, with the project's warnings as errors. Syntax and types
# only; it is not run anywhere in CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
cc=${CC:-cc}
flags=(-std=c11 -D_GNU_SOURCE -fsyntax-only -Wall -Wextra -Wpedantic -Wshadow
       -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla -Wcast-qual -Werror
       -I tests/unix/kqueue_fake -I src -I include)
for f in src/unix/store_notify_kqueue.c src/unix/store_walk.c; do
  echo "kqueue-syntax: $f"
  "$cc" "${flags[@]}" "$f"
done
echo "kqueue-syntax: ok"
