#!/bin/sh
# A device node is never opened for reading, seen from the kernel: under a root that
# holds character devices as the bundle, as directory entries (of known and of unknown
# type), as a link's target and as a file named by an option, the load refuses each
# (kind io, "is a character device") and no open(2) of it happens but O_PATH ones, which
# run no driver. Every mode of test_device_nodes (tests/unix/test_device_nodes.c) is
# checked: root resolved by the kernel and by hand, entries of unknown type, host
# paths, and the kernel resolver again with procfs hidden (the fallback that reopens a
# regular file by name).
#
#   device_nodes_strace.sh TEST_DEVICE_NODES
#
# Between the probe's two marker calls, each open that is neither O_PATH nor
# O_DIRECTORY (which fails on anything but a directory before any driver runs) must
# return a descriptor (strace -y decorates it with its file) that is not one of the
# device nodes; an open of that kind that fails counts as well, as the driver may have
# run. Skips (77) without strace, or where device nodes cannot be made (not root).
set -u

prog=$1
nct_work_name=devices
. "$(dirname "$0")/../support/strace_test.sh"
$emu "$prog" make "$work/root" >"$work/nodes"
made=$?
[ $made = 77 ] && skip "cannot make device nodes here (not root?)"
[ $made = 0 ] || exit 99
[ "$(wc -l <"$work/nodes")" -eq 3 ] || { echo "bad node list" >&2; exit 99; }

# check LOG MODE: the rule above; also that the markers were reached.
check() {
    awk -v mode="$2" -v nodes="$work/nodes" '
        BEGIN { while ((getline p < nodes) > 0) node[p] = 1 }
        /nativecerts-load-begin/ { on = 1; next }
        /nativecerts-load-end/ { on = 0; seen_end = 1 }
        !on { next }
        /^[0-9]+ +(open|openat|openat2)\(/ {
            if ($0 ~ /O_PATH|O_DIRECTORY/) next
            if (!match($0, /= [0-9]+<[^>]*>/)) { print mode ": an open for reading failed: " $0; bad = 1; next }
            p = substr($0, RSTART, RLENGTH); sub(/^= [0-9]+</, "", p); sub(/>$/, "", p)
            if (p in node) { print mode ": a device opened for reading: " $0; bad = 1 }
            opened++
        }
        END {
            if (!seen_end) { print mode ": the probe did not reach its end marker"; bad = 1 }
            if (!opened) { print mode ": no file was opened for reading at all"; bad = 1 }
            exit bad
        }' "$1" || status=1
}

modes="kernel by-hand no-d-type host"
if unshare -m --propagation private true 2>/dev/null; then modes="$modes no-proc"; fi
for mode in $modes; do
    log=$work/strace-$mode.log
    arg=$mode
    set -- $emu "$prog" load "$work/root"
    if [ $mode = no-proc ]; then
        arg=kernel
        # Procfs hidden in a private mount namespace: /proc/thread-self does not exist.
        set -- unshare -m --propagation private sh -c \
            'mount -t tmpfs none /proc && exec "$@"' sh "$@"
    fi
    out=$(strace -f -y -qq -o "$log" -e trace='openat,?openat2,?open,?access,?faccessat,?faccessat2' "$@" "$arg") ||
        fail "$mode: not the expected result: $out"
    echo "$mode: $(echo "$out" | tail -n 1)"
    grep -Eq '= [0-9]+<' "$log" || skip "this strace does not decorate returned descriptors (-y)"
    check "$log" "$mode"
done

# The checker sees a device opened for reading, and an open that failed.
node=$(head -n 1 "$work/nodes")
for line in "1 openat(3<$work/root/etc/ssl/certs>, \"ca-certificates.crt\", O_RDONLY|O_NONBLOCK) = 4<$node>" \
    '1 openat2(3</r>, "/etc/ssl/certs/tty", {flags=O_RDONLY|O_NONBLOCK}, 24) = -1 ENXIO'; do
    printf '1 access("/nativecerts-load-begin", F_OK) = -1\n%s\n1 openat(AT_FDCWD, "x", O_RDONLY) = 5</x>\n1 access("/nativecerts-load-end", F_OK) = -1\n' \
        "$line" >"$work/selftest.log"
    saved=$status
    check "$work/selftest.log" selftest >/dev/null
    [ $status = 1 ] || { echo "FAIL: the check does not see: $line" >&2; exit 1; }
    status=$saved
done

# Untraced (leaks checked in sanitizer builds), in every mode but no-proc.
for mode in kernel by-hand no-d-type host; do
    $emu "$prog" load "$work/root" $mode >/dev/null || fail "$mode: untraced load"
done
exit $status
