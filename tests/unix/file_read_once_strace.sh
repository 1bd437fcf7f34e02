#!/bin/sh
# docs/files.md, seen from the kernel: in the Debian layout (bundle inside /etc/ssl/certs,
# *.pem links, hash links to them) every certificate file is opened for reading exactly
# once per load, and with O_CLOEXEC.
#
#   file_read_once_strace.sh TEST_READ_ONCE
#
# TEST_READ_ONCE is test_read_once (tests/unix/test_read_once.c): "make-layout DIR"
# builds the layout and prints its four files; "load DIR [by-hand]" loads it as a root.
# The load runs under strace -f -y, which prints after each returned descriptor the file
# it refers to, whatever name was opened; an open counts unless it is O_PATH (a lookup
# that cannot read: openat2 resolution uses those for stat). Both root resolutions are
# checked: by the kernel (openat2) and by hand. Skips (77) without a usable strace.
set -u

prog=$1
nct_work_name=strace
. "$(dirname "$0")/../support/strace_test.sh" # leaks: checked by file_read_once
$emu "$prog" make-layout "$work/root" >"$work/files" || exit 99
[ "$(wc -l <"$work/files")" -eq 4 ] || { echo "bad layout list" >&2; exit 99; }

for mode in kernel by-hand; do
    arg=
    [ "$mode" = by-hand ] && arg=by-hand
    log=$work/strace-$mode.log
    out=$(strace -f -y -qq -o "$log" -e trace='openat,?openat2,?open' \
        $emu "$prog" load "$work/root" $arg) || { fail "$mode: load failed: $out"; continue; }
    echo "$mode: $out"
    [ "$out" = "trusted=3 files_read=4 errors=0" ] || fail "$mode: unexpected result: $out"
    # Returned descriptors must be decorated with their file, or nothing can be judged.
    grep -Eq '= [0-9]+<' "$log" || skip "this strace does not decorate returned descriptors (-y)"
    while IFS= read -r f; do
        # Only lines whose *returned* descriptor is this file count (a descriptor
        # argument may be decorated too).
        re=$(printf '%s' "$f" | sed 's/[][\.*^$+?(){}|]/\\&/g')
        lines=$(grep -v 'O_PATH' "$log" | grep -E "= [0-9]+<$re>\$")
        opens=$(printf '%s' "$lines" | grep -c .)
        if [ "$opens" != 1 ]; then
            fail "$mode: $f opened $opens times, expected once"
            grep -F "$f" "$log" >&2
        fi
        noexec=$(printf '%s' "$lines" | grep -v 'O_CLOEXEC' | grep -c .)
        [ "$noexec" = 0 ] || fail "$mode: $f opened without O_CLOEXEC: $lines"
    done <"$work/files"
done
exit $status
