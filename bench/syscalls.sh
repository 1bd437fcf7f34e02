#!/bin/sh
# System calls per load, counted by strace: each row runs one load in a fresh process
# and subtracts a process that loads nothing, so only the load's own calls remain.
#   bench/syscalls.sh BUILD_DIR/bench/nativecerts_bench
set -eu
bench=${1:?usage: syscalls.sh path/to/nativecerts_bench}
command -v strace >/dev/null || { echo "strace is not installed" >&2; exit 1; }
count() {
    env -u SSL_CERT_FILE -u SSL_CERT_DIR strace -f -c -o /dev/stdout "$bench" --once "$1" \
        | awk '$NF == "total" { print $(NF-2) }'
}
base=$(count none)
printf '| %-28s | %8s |\n' "load" "syscalls"
printf '|%s|%s|\n' "------------------------------" "----------"
for what in floor floor-hashed nativecerts rustls bundle openssl gnutls; do
    n=$(count "$what")
    printf '| %-28s | %8d |\n' "$what" $((n - base))
done
# One unchanged nativecerts_store_get: 1000 gets less none, after the same first load.
gets=$(count store-gets)
none=$(count store-none)
printf '| %-28s | %8s |\n' "store get, unchanged (each)" "$(awk -v a="$gets" -v b="$none" 'BEGIN { printf "%.2f", (a - b) / 1000 }')"
