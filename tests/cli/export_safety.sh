#!/bin/sh
# `nativecerts export` writes only what it was told to, whole or not at all: never through
# a link planted at a name it writes, never over a FIFO or a device node, keeping an
# existing file's mode and owner, leaving the old file as it was when a write fails, and
# leaving no root of an earlier DER export that this one no longer trusts. One case per
# run:
#
#   export_safety.sh CASE NATIVECERTS DATA_DIR
#
# Linux and root only (links owned by another user, mknod, an immutable directory): skip
# (77) otherwise. Everything is made in a temporary directory; the real /dev nodes are
# named only once the same case passed on copies made with mknod, and at the end the
# host's /, /etc, /tmp and /dev nodes must be as they were.
set -u

case_name=$1
nc=$2
data=$3
case $nc in /*) ;; *) nc=$PWD/$nc ;; esac # one case changes directory
emu=${NC_EMULATOR:-} # a cross build's emulator, before each run of "$nc" (unquoted)
certs=$(cd "$data/certs" && pwd) || exit 99
unset SSL_CERT_FILE SSL_CERT_DIR

status=0
fail() { echo "FAIL [$case_name]: $*" >&2; status=1; }
skip() { echo "skipped [$case_name]: $*" >&2; exit 77; }
[ "$(uname -s)" = Linux ] || skip "Linux only"
[ "$(id -u)" = 0 ] || skip "needs root"

host_state() {
    stat -c '%n %F %a %u %g %t:%T %N' / /etc /tmp /dev /dev/null /dev/full /dev/stdout 2>&1
    find /dev /tmp -maxdepth 1 -name '*nativecerts-tmp*'
}
host_before=$(host_state)

work=$(mktemp -d "${TMPDIR:-/tmp}/nct-export.XXXXXX") || exit 99
trap 'chattr -R -i "$work" 2>/dev/null; rm -rf "$work"' EXIT
trap 'exit 129' HUP INT PIPE TERM
out=$work/out
err=$work/err
a=$certs/root-a
b=$certs/root-b
c=$certs/root-c

# run ARGS...: runs the command (a hang counts as exit 124); status in $rc, output in
# $out and $err.
run() {
    timeout 20 $emu "$nc" "$@" >"$out" 2>"$err"
    rc=$?
}
# limited BLOCKS ARGS...: runs the command with files limited to BLOCKS * 512 bytes and
# SIGXFSZ ignored, so that a write past the limit fails with EFBIG. Its stderr goes
# through a pipe, which the limit does not cover.
limited() {
    blocks=$1
    shift
    (
        trap '' XFSZ
        ulimit -f "$blocks" || exit 99
        $emu "$nc" "$@" 2>&1 >/dev/null
        echo "exit status $?"
    ) | cat >"$err"
    rc=$(sed -n 's/^exit status //p' "$err")
}
expect_rc() {
    [ "$rc" = "$1" ] || fail "$2: exit $rc, expected $1; stderr: $(head -c 600 "$err")"
}
expect_in() {
    grep -qF -- "$2" "$1" || fail "$3: no '$2' in $(basename "$1"): $(head -c 800 "$1")"
}
# expect_same FILE WANT WHAT: FILE is a regular file (not a link) holding WANT's bytes.
expect_same() {
    if [ -L "$1" ] || [ ! -f "$1" ]; then
        fail "$3: $1 is not a regular file: $(stat -c %F "$1" 2>&1)"
    elif ! cmp -s "$1" "$2"; then
        fail "$3: $1 does not hold what $2 does"
    fi
}
# bundle ROOT...: $want, the bundle of those roots as the command writes it to stdout.
bundle() {
    want=$work/want.pem
    args=""
    for f in "$@"; do args="$args --file $f.pem"; done
    # shellcheck disable=SC2086 # split on purpose
    $emu "$nc" export --no-platform $args >"$want" || fail "export to stdout"
}
sha() { sha256sum <"$1.der" | cut -c1-64; }

echo "canary: not to be written" >"$work/canary"
cp "$work/canary" "$work/canary.orig"

case $case_name in

links_at_written_names)
    # The temporary name of earlier versions, predictable in a shared directory.
    bundle "$a"
    echo old >"$work/bundle.pem"
    ln -s "$work/canary" "$work/bundle.pem.nativecerts-tmp"
    run export --no-platform --file "$a.pem" --output "$work/bundle.pem"
    expect_rc 0 "a link at the old temporary name"
    expect_same "$work/bundle.pem" "$want" "the bundle"
    # Every name of a DER export is predictable from public roots.
    mkdir "$work/der"
    for r in "$a" "$b" "$c"; do ln -s "$work/canary" "$work/der/$(sha "$r").der"; done
    run export --format der --no-platform --file "$a.pem" --file "$b.pem" --file "$c.pem" \
        --output "$work/der"
    expect_rc 0 "links at the DER names"
    for r in "$a" "$b" "$c"; do
        expect_same "$work/der/$(sha "$r").der" "$r.der" "DER file of $(basename "$r")"
    done
    # FILE itself a link that belongs to another user (planted where FILE was expected):
    # refused, left as it is.
    ln -s "$work/canary" "$work/theirs.pem"
    chown -h 65534:65534 "$work/theirs.pem"
    run export --no-platform --file "$a.pem" --output "$work/theirs.pem"
    expect_rc 1 "a link of another user as FILE"
    expect_in "$err" "$work/theirs.pem" "the refusal names the path"
    [ "$(readlink "$work/theirs.pem")" = "$work/canary" ] || fail "their link was replaced"
    # Likewise a DER directory reached through their link: nothing written or removed.
    mkdir "$work/victim"
    echo "not a certificate" >"$work/victim/$(sha "$b").der"
    ln -s "$work/victim" "$work/theirs-dir"
    chown -h 65534:65534 "$work/theirs-dir"
    run export --format der --no-platform --file "$a.pem" --output "$work/theirs-dir"
    expect_rc 1 "a link of another user as the DER directory"
    [ "$(ls "$work/victim")" = "$(sha "$b").der" ] || fail "the directory behind their link changed"
    # The user's own link (root's, here): the file it leads to is replaced, the link stays.
    mkdir "$work/real"
    echo old >"$work/real/bundle.pem"
    ln -s real/bundle.pem "$work/mine.pem"
    run export --no-platform --file "$a.pem" --output "$work/mine.pem"
    expect_rc 0 "the user's own link as FILE"
    [ -L "$work/mine.pem" ] || fail "the user's link was replaced"
    expect_same "$work/real/bundle.pem" "$want" "the file the link leads to"
    # A dangling link: refused (it says where, not what to write).
    ln -s "$work/nowhere/x.pem" "$work/dangling.pem"
    run export --no-platform --file "$a.pem" --output "$work/dangling.pem"
    expect_rc 1 "a dangling link as FILE"
    ;;

special_files_written_in_place)
    bundle "$a"
    if ! mknod "$work/null" c 1 3 || ! mknod "$work/full" c 1 7 ||
        ! mknod "$work/loop" b 7 200; then
        skip "mknod refused"
    fi
    run export --no-platform --file "$a.pem" --output "$work/null"
    expect_rc 0 "export to a character device"
    [ "$(stat -c '%F %t:%T' "$work/null")" = "character special file 1:3" ] ||
        fail "the null device node was replaced: $(stat -c %F "$work/null")"
    run export --no-platform --file "$a.pem" --output "$work/full"
    expect_rc 1 "export to a full device"
    expect_in "$err" "$work/full: No space left on device" "the failure names the path"
    [ -c "$work/full" ] || fail "the full device node was replaced"
    run export --no-platform --file "$a.pem" --output "$work/loop"
    expect_rc 1 "export to a block device"
    [ -b "$work/loop" ] || fail "the block device node was replaced"
    # A FIFO nobody reads: refused at once, not waited on.
    mkfifo "$work/fifo"
    run export --no-platform --file "$a.pem" --output "$work/fifo"
    expect_rc 1 "a FIFO without a reader"
    [ -p "$work/fifo" ] || fail "the FIFO was replaced"
    # With a reader (this shell, holding it open), the bundle goes through it.
    exec 3<>"$work/fifo"
    run export --no-platform --file "$a.pem" --output "$work/fifo"
    expect_rc 0 "a FIFO with a reader"
    head -c "$(wc -c <"$want")" <&3 >"$work/from-fifo"
    exec 3<&-
    cmp -s "$work/from-fifo" "$want" || fail "the FIFO's reader did not get the bundle"
    [ -p "$work/fifo" ] || fail "the FIFO was replaced"
    # What /dev/stdout is: a link to the process's descriptor 1, here a pipe.
    ln -s /proc/self/fd/1 "$work/stdout"
    timeout 20 $emu "$nc" export --no-platform --file "$a.pem" --output "$work/stdout" |
        cat >"$work/from-pipe"
    cmp -s "$work/from-pipe" "$want" || fail "export through a link to stdout"
    [ "$(readlink "$work/stdout")" = /proc/self/fd/1 ] || fail "the link to stdout was replaced"
    run export --no-platform --file "$a.pem" --output "$work"
    expect_rc 1 "a directory as FILE"
    # The real nodes, once their copies came through unharmed.
    if [ "$status" = 0 ]; then
        run export --no-platform --file "$a.pem" --output /dev/null
        expect_rc 0 "export to /dev/null"
        timeout 20 $emu "$nc" export --no-platform --file "$a.pem" --output /dev/stdout |
            cat >"$work/from-pipe"
        cmp -s "$work/from-pipe" "$want" || fail "export to /dev/stdout"
    fi
    ;;

keeps_mode_and_owner)
    bundle "$a"
    echo old >"$work/kept.pem"
    chown 1234:5678 "$work/kept.pem"
    chmod 0640 "$work/kept.pem"
    run export --no-platform --file "$a.pem" --output "$work/kept.pem"
    expect_rc 0 "replacing a file"
    expect_same "$work/kept.pem" "$want" "the replaced file"
    got=$(stat -c '%a %u:%g' "$work/kept.pem")
    [ "$got" = "640 1234:5678" ] || fail "mode and owner became $got, were 640 1234:5678"
    chmod 0604 "$work/kept.pem"
    run export --no-platform --file "$a.pem" --output "$work/kept.pem"
    got=$(stat -c '%a %u:%g' "$work/kept.pem")
    [ "$got" = "604 1234:5678" ] || fail "mode and owner became $got, were 604 1234:5678"
    # In a shared (sticky) directory, a file someone else left under that name is refused:
    # it would keep its owner, who could then change the roots.
    mkdir -m 1777 "$work/shared"
    echo theirs >"$work/shared/bundle.pem"
    chown 65534:65534 "$work/shared/bundle.pem"
    cp "$work/shared/bundle.pem" "$work/theirs.orig"
    run export --no-platform --file "$a.pem" --output "$work/shared/bundle.pem"
    expect_rc 1 "another user's file in a sticky directory"
    expect_same "$work/shared/bundle.pem" "$work/theirs.orig" "their file"
    [ "$(stat -c %u "$work/shared/bundle.pem")" = 65534 ] || fail "their file changed owner"
    echo mine >"$work/shared/mine.pem"
    run export --no-platform --file "$a.pem" --output "$work/shared/mine.pem"
    expect_rc 0 "the user's own file in a sticky directory"
    expect_same "$work/shared/mine.pem" "$want" "the user's own file in a sticky directory"
    # A new file: 0666 less the umask, as any file the user creates.
    for mask in 022 077; do
        (umask $mask && $emu "$nc" export --no-platform --file "$a.pem" --output "$work/new-$mask.pem")
        got=$(stat -c %a "$work/new-$mask.pem")
        [ "$got" = "$(printf '%o' $((0666 & ~0$mask)))" ] || fail "umask $mask: mode $got"
    done
    ;;

write_failure_keeps_old)
    bundle "$a" "$b"
    # A write that fails half way (the bundle is over 1024 bytes): the file is as before.
    echo old >"$work/bundle.pem"
    cp "$work/bundle.pem" "$work/old.pem"
    limited 1 export --no-platform --file "$a.pem" --file "$b.pem" --output "$work/bundle.pem"
    expect_rc 1 "a write past the file size limit"
    expect_in "$err" "$work/bundle.pem: File too large" "the failure names the path"
    expect_same "$work/bundle.pem" "$work/old.pem" "the bundle after a failed write"
    # DER: no file left half written.
    limited 0 export --format der --no-platform --file "$a.pem" --output "$work/der"
    expect_rc 1 "a DER write past the file size limit"
    [ -z "$(ls -A "$work/der")" ] || fail "a failed DER export left: $(ls -A "$work/der")"
    # A read-only directory, also for root: immutable, where the file system allows it.
    mkdir -p "$work/ro"
    cp "$work/old.pem" "$work/ro/bundle.pem"
    run export --format der --no-platform --file "$a.pem" --file "$b.pem" --output "$work/ro/der"
    if chattr +i "$work/ro" "$work/ro/der" 2>/dev/null; then
        run export --no-platform --file "$a.pem" --output "$work/ro/bundle.pem"
        expect_rc 1 "a bundle in a read-only directory"
        expect_in "$err" "$work/ro/bundle.pem" "the failure names the path"
        expect_same "$work/ro/bundle.pem" "$work/old.pem" "the bundle in a read-only directory"
        # b is no longer trusted but cannot be removed: a failure, naming that file.
        run export --format der --no-platform --file "$a.pem" --output "$work/ro/der"
        expect_rc 1 "a DER export that cannot remove a stale root"
        expect_in "$err" "$work/ro/der/$(sha "$b").der" "the failure names the stale file"
        chattr -i "$work/ro" "$work/ro/der"
    else
        echo "note [$case_name]: no immutable directories here, read-only part skipped" >&2
    fi
    ;;

der_reexport_drops_stale)
    # A FreeBSD image trusts a, b, c and a root that expires in 2049.
    image=$work/image
    mkdir -p "$image/etc/ssl/certs"
    for r in "$a" "$b" "$c" "$certs/utc-2049"; do cp "$r.pem" "$image/etc/ssl/certs/"; done
    run export --format der --root "$image" --os freebsd --output "$work/der"
    expect_rc 0 "the first export"
    [ "$(find "$work/der" -type f | wc -l)" = 4 ] || fail "first export: $(ls "$work/der")"
    # Files the export does not write stay whatever their names.
    others="notes.txt 0123.der $(sha "$c" | tr a-f A-F).der $(sha "$c").der.bak"
    for f in $others; do echo mine >"$work/der/$f"; done
    mkdir "$work/der/$(printf '%064d' 0).der"
    # Then c is distrusted, and the 2049 root has expired.
    mkdir "$image/etc/ssl/untrusted"
    cp "$c.pem" "$image/etc/ssl/untrusted/"
    run export --format der --root "$image" --os freebsd --at 2050-06-01T00:00:00Z \
        --output "$work/der"
    expect_rc 0 "the second export"
    got=$(find "$work/der" -type f | sed 's|.*/||' | grep -E '^[0-9a-f]{64}\.der$' | sort |
        tr '\n' ' ')
    want_names=$(for r in "$a" "$b"; do echo "$(sha "$r").der"; done | sort | tr '\n' ' ')
    [ "$got" = "$want_names" ] || fail "the directory holds $got; the export trusts $want_names"
    for r in "$a" "$b"; do expect_same "$work/der/$(sha "$r").der" "$r.der" "$(basename "$r")"; done
    for f in $others; do [ -f "$work/der/$f" ] || fail "$f, not the export's, was removed"; done
    [ -d "$work/der/$(printf '%064d' 0).der" ] || fail "a directory was removed"
    ;;

output_dash_is_stdout)
    bundle "$a"
    cd "$work" || exit 99
    run export --no-platform --file "$a.pem" --output -
    expect_rc 0 "--output -"
    cmp -s "$out" "$want" || fail "--output - did not write the bundle to stdout"
    [ -e "$work/-" ] && fail "--output - created a file named -"
    run export --format der --no-platform --file "$a.pem" --output -
    expect_rc 1 "--format der --output -"
    [ -e "$work/-" ] && fail "--format der --output - created a directory named -"
    ;;

*)
    echo "unknown case $case_name" >&2
    exit 2
    ;;
esac

cmp -s "$work/canary" "$work/canary.orig" || fail "the canary outside the export was written"
left=$(find "$work" \( -name '.nativecerts-*' -o -name '*.nativecerts-tmp' \) ! -type l)
[ -z "$left" ] || fail "temporary files left: $left"
[ "$(host_state)" = "$host_before" ] || fail "the host changed: $(host_state)"
exit $status
