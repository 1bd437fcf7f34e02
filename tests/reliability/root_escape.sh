#!/bin/sh
# The root-directory option: nothing outside the root is ever read (docs/files.md, "The
# root directory"). Proved three ways, for both resolvers (the kernel's openat2
# RESOLVE_IN_ROOT and the by-hand walk):
#  1. the canary: the only way to root-c is a link out of the root; the probe fails if
#     root-c comes back (trusted or excluded);
#  2. strace: between the probe's two marker calls, every descriptor the process gets
#     refers to a file inside the root, every path it names is relative to a descriptor
#     inside the root (or is the root), and no read(2) is made on anything outside it.
#     One exception, which names no file of the host: the process's own descriptor
#     directory /proc/thread-self/fd, through which a file of the root that was checked
#     to be regular (by an O_PATH descriptor) is opened for reading; what that open
#     returns is still checked to be inside the root;
#  3. a real procfs mounted inside the root (in a private mount namespace, when unshare
#     works), so that /proc/self/root, /proc/self/cwd and /proc/self/fd/N inside the
#     root are the kernel's magic links, with the process's cwd and descriptor 3 outside.
#
#   root_escape.sh PROBE        PROBE is root_escape_probe
# Skips (77) without strace; step 3 is left out (with a note) where unshare -m fails.
set -u
probe=$1
nct_work_name=escape
. "$(dirname "$0")/../support/strace_test.sh" # the probe's leaks: checked untraced below
root=$work/root
outside=$work/outside
mkdir -p "$root" "$outside" || exit 99
$emu "$probe" make "$root" "$outside" || exit 99

with_proc=0
if unshare -m --propagation private true 2>/dev/null; then with_proc=1; fi

# A cross build's emulator, qemu-user with -L DIR, looks for DIR/path with access(2)
# before it passes on an absolute path the program names: a lookup of its own, allowed
# when it finds nothing (the program's own call follows, and is checked).
emu_prefix=$(printf '%s\n' $emu | sed -n '/^-L$/{n;p;}')

# check LOG MODE: the strace rules of point 2 (-y decorates each descriptor with its
# file: "4</path>", and so AT_FDCWD with the current directory).
check() {
    awk -v root="$root" -v mode="$2" -v prefix="$emu_prefix" '
        function inside(p) { return p == root || index(p, root "/") == 1 }
        # The calling thread'"'"'s own descriptor directory, as strace -y shows it: the
        # thread id in it is the one that starts the line.
        function own_fds(p, line,    t) {
            t = line; sub(/ .*/, "", t)
            return p ~ ("^/proc/[0-9]+/task/" t "/fd$")
        }
        /nativecerts-load-begin/ { on = 1; next }
        /nativecerts-load-end/ { on = 0 }
        !on { next }
        {
            line = $0
            if (prefix != "" && index(line, "access(\"" prefix "/") && line ~ /= -1 ENOENT/) next
            # A descriptor returned: "= N</path>" at the end of the line.
            if (match(line, /= [0-9]+<[^>]*>$/)) {
                p = substr(line, RSTART, RLENGTH); sub(/^= [0-9]+</, "", p); sub(/>$/, "", p)
                if (!inside(p) && !own_fds(p, line)) { print mode ": a descriptor outside the root: " line; bad = 1 }
            }
            # A descriptor used (read, getdents64, fstat, openat, readlinkat, ...).
            if (match(line, /^[0-9]+ +[a-z0-9_]+\([0-9]+<[^>]*>/)) {
                p = substr(line, RSTART, RLENGTH); sub(/^[^<]*</, "", p); sub(/>$/, "", p)
                # Only to open a file through it, or to check that it is procfs (musl sets
                # FD_CLOEXEC again with fcntl after each open).
                if (!inside(p) && !(own_fds(p, line) && line ~ /^[0-9]+ +(openat|fstatfs|close|fcntl)\(/)) { print mode ": a descriptor outside the root used: " line; bad = 1 }
            }
            # A path named from the current directory: only the root itself.
            if (match(line, /\(AT_FDCWD(<[^>]*>)?, "[^"]*"/)) {
                p = substr(line, RSTART, RLENGTH); sub(/^[^"]*"/, "", p); sub(/"$/, "", p)
                if (p != root && p != "/proc/thread-self/fd") { print mode ": a path outside the root named: " line; bad = 1 }
            }
            # (musl opens with open(2) where glibc uses openat(AT_FDCWD, ...))
            if (match(line, /^[0-9]+ +(open|stat|lstat|readlink|access|statfs)\("[^"]*"/)) {
                p = substr(line, RSTART, RLENGTH); sub(/^[^"]*"/, "", p); sub(/"$/, "", p)
                if (p != root && p != "/proc/thread-self/fd" && p !~ /^\/nativecerts-load-/) { print mode ": a path outside the root named: " line; bad = 1 }
            }
        }
        END { exit bad }' "$1" || status=1
    grep -q 'nativecerts-load-end' "$1" || fail "$2: the probe did not reach its end marker"
}

# The checker itself must see an escape: a log of a read outside the root fails it.
printf '1 access("/nativecerts-load-begin", F_OK) = -1\n1 read(3<%s/canary.pem>, "", 9) = 0\n1 access("/nativecerts-load-end", F_OK) = -1\n' \
    "$outside" >"$work/selftest.log"
saved=$status
check "$work/selftest.log" selftest >/dev/null
[ $status = 1 ] || { echo "FAIL: the strace check does not see a read outside the root" >&2; exit 1; }
# Nor does its exception for the thread's own descriptor directory let through a file
# outside the root opened through it, another thread's directory, or a read of it.
for escape in '1 openat(7</proc/1/task/1/fd>, "5", O_RDONLY) = 8</etc/passwd>' \
    '1 openat(7</proc/2/task/2/fd>, "5", O_RDONLY) = 8<'"$root"'/a.pem>' \
    '1 getdents64(7</proc/1/task/1/fd>, 0x1, 4096) = 0'; do
    printf '1 access("/nativecerts-load-begin", F_OK) = -1\n%s\n1 access("/nativecerts-load-end", F_OK) = -1\n' \
        "$escape" >"$work/selftest.log"
    status=0
    check "$work/selftest.log" selftest >/dev/null
    [ $status = 1 ] || { echo "FAIL: the strace check lets through: $escape" >&2; exit 1; }
done
status=$saved

run() { # MODE [by-hand]
    mode=$1
    shift
    log=$work/strace-$mode.log
    if [ $with_proc = 1 ]; then
        # A private mount namespace: a real procfs inside the root, cwd and fd 3 outside.
        out=$(cd "$outside" && unshare -m --propagation private sh -c '
            mount -t proc proc "$1/proc" && exec 3<"$2" &&
            exec strace -f -y -qq -o "$3" -s 256 -e trace=%file,%desc $6 "$4" load "$1" $5' \
            sh "$root" "$outside" "$log" "$probe" "${1:-}" "$emu")
    else
        out=$(cd "$outside" && exec 3<"$outside" &&
            strace -f -y -qq -o "$log" -s 256 -e trace=%file,%desc $emu "$probe" load "$root" "$@")
    fi
    rc=$?
    echo "$mode: $out"
    [ $rc = 0 ] || fail "$mode: the probe failed (exit $rc): the canary was read or a check failed"
    case $out in trusted=1\ canary=0\ *) ;; *) fail "$mode: unexpected result: $out" ;; esac
    check "$log" "$mode"
}

run kernel
run by-hand by-hand
[ $with_proc = 1 ] || echo "note: unshare -m failed here: /proc inside the root was not mounted"
# Untraced, so that LeakSanitizer runs too.
ASAN_OPTIONS=${ASAN_OPTIONS%detect_leaks=0}
(cd "$outside" && exec 3<"$outside" && $emu "$probe" load "$root" >/dev/null) || fail "untraced load"
(cd "$outside" && exec 3<"$outside" && $emu "$probe" load "$root" by-hand >/dev/null) || fail "untraced load, by hand"
exit $status
