#!/bin/sh
# Wine only: a Unix FIFO beside a certificate, seen through drive Z: (which is "/"), for
#   test_files wine-fifo DIR   (wine_fifo.sh WINE TEST_FILES DIR FIXTURE)
set -eu
wine=$1 test=$2 dir=$3 fixture=$4
rm -rf "$dir"
mkdir -p "$dir"
mkfifo "$dir/fifo"
cp "$fixture" "$dir/a.pem"
status=0
"$wine" "$test" wine-fifo "Z:$(printf '%s' "$dir" | tr / '\\')" || status=$?
rm -rf "$dir"
exit $status
