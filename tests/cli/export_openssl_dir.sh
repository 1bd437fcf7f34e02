#!/bin/sh
# `nativecerts export --format openssl-dir`: a directory that OpenSSL's -CApath and
# SSL_CERT_DIR read. Its hash links are named, and numbered within a hash, exactly as
# `openssl rehash` names them for the same PEM files; `openssl verify -CApath` accepts a
# chain to a root of it and rejects one to a distrusted root; a re-export after a distrust
# leaves no file or link of that root; links planted at the names it writes are replaced,
# never followed. One case per run:
#
#   export_openssl_dir.sh CASE NATIVECERTS DATA_DIR
#
# The roots are made here with the openssl command: some with one subject under
# different keys, some whose names differ only in case, spaces and string type, which
# OpenSSL's canonical form makes one hash. Linux only; skip (77) without openssl.
set -u

case_name=$1
nc=$2
emu=${NC_EMULATOR:-} # a cross build's emulator, before each run of "$nc" (unquoted)
data=$3
certs=$(cd "$data/certs" && pwd) || exit 99
unset SSL_CERT_FILE SSL_CERT_DIR OPENSSL_CONF

status=0
fail() { echo "FAIL [$case_name]: $*" >&2; status=1; }
skip() { echo "skipped [$case_name]: $*" >&2; exit 77; }
[ "$(uname -s)" = Linux ] || skip "Linux only"
command -v openssl >/dev/null 2>&1 || skip "no openssl command"

host_state() {
    stat -c '%n %F %a %u %g %t:%T %N' / /etc /tmp /dev /dev/null 2>&1
}
host_before=$(host_state)

work=$(mktemp -d "${TMPDIR:-/tmp}/nct-openssl-dir.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
trap 'exit 129' HUP INT PIPE TERM
out=$work/out
err=$work/err
gen=$work/gen
mkdir "$gen"

# run ARGS...: runs the command (a hang counts as exit 124); status in $rc.
run() {
    timeout 20 $emu "$nc" "$@" >"$out" 2>"$err"
    rc=$?
}
expect_rc() {
    [ "$rc" = "$1" ] || fail "$2: exit $rc, expected $1; stderr: $(head -c 600 "$err")"
}

# The roots' subjects are made as given, in UTF8String, or in PrintableString where
# string_mask allows it (nombstr).
conf() {
    printf '[req]\ndistinguished_name = dn\nstring_mask = %s\n[dn]\n' "$1" >"$gen/$1.cnf"
}
conf utf8only
conf nombstr
# root NAME SUBJECT [MASK]: $gen/NAME.pem and .key, a CA for a century.
root() {
    openssl req -x509 -config "$gen/${3:-utf8only}.cnf" -newkey ec \
        -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$gen/$1.key" -subj "$2" \
        -days 36500 -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" -addext "subjectKeyIdentifier=hash" \
        -out "$gen/$1.pem" 2>"$err" || { cat "$err" >&2; exit 99; }
}
# leaf NAME ROOT: $gen/NAME.pem, a server certificate that ROOT issued.
leaf() {
    printf 'basicConstraints=CA:FALSE\nauthorityKeyIdentifier=keyid\nextendedKeyUsage=serverAuth\n' \
        >"$gen/leaf.ext"
    if ! openssl req -new -config "$gen/utf8only.cnf" -newkey ec \
        -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$gen/$1.key" -subj "/CN=$1.test" \
        -out "$gen/$1.csr" 2>"$err" ||
        ! openssl x509 -req -in "$gen/$1.csr" -CA "$gen/$2.pem" -CAkey "$gen/$2.key" \
            -set_serial 7 -days 30 -extfile "$gen/leaf.ext" -out "$gen/$1.pem" 2>"$err"; then
        cat "$err" >&2
        exit 99
    fi
}
hash_of() { openssl x509 -in "$1" -noout -hash; }
sha() { openssl x509 -in "$1" -outform DER | sha256sum | cut -c1-64; }

# One subject, four keys: four roots under one hash. Four more names that differ only in
# case, in spaces (ends, runs, a TAB) and in string type: one canonical form, one hash.
same="/O=nativecerts test/CN=Same Subject"
for k in 1 2 3 4; do root "same$k" "$same"; done
root case1 "/O=nativecerts test/CN=Case Root"
root case2 "/O=NATIVECERTS  test/CN=  cASE    root  "
root case3 "/O=Nativecerts Test/CN=CASE ROOT" nombstr
root case4 "/O=nativecerts$(printf '\t')test/CN=case root"
root gone "/O=nativecerts test/CN=Distrusted Root"
generated="same1 same2 same3 same4 case1 case2 case3 case4"
for n in same2 same3 same4; do
    [ "$(hash_of "$gen/$n.pem")" = "$(hash_of "$gen/same1.pem")" ] || exit 99
done
for n in case2 case3 case4; do
    [ "$(hash_of "$gen/$n.pem")" = "$(hash_of "$gen/case1.pem")" ] ||
        { echo "openssl does not fold $n's name with case1's" >&2; exit 99; }
done
grep -q PRINTABLESTRING <<EOF || exit 99
$(openssl asn1parse -in "$gen/case3.pem")
EOF

# A FreeBSD image trusts them, the repository's roots a, b, c and a root that expires in
# 2049; it distrusts `gone` (in its untrusted directory, which wins over trust).
image=$work/image
mkdir -p "$image/etc/ssl/certs" "$image/etc/ssl/untrusted"
for n in $generated gone; do cp "$gen/$n.pem" "$image/etc/ssl/certs/"; done
for r in root-a root-b root-c utc-2049; do cp "$certs/$r.pem" "$image/etc/ssl/certs/"; done
cp "$gen/gone.pem" "$image/etc/ssl/untrusted/"
export_image() { run export --format openssl-dir --root "$image" --os freebsd "$@"; }

# links DIR: "NAME TARGET" for every symbolic link of DIR, sorted.
links() {
    find "$1" -mindepth 1 -maxdepth 1 -type l | sort | while read -r l; do
        echo "$(basename "$l") $(readlink "$l")"
    done
}
# root_files DIR: the names of DIR's files of the form the export gives roots, sorted.
root_files() {
    find "$1" -mindepth 1 -maxdepth 1 -name '*.pem' | sed 's|.*/||' |
        grep -E '^[0-9a-f]{64}\.pem$' | sort
}
# rehashed DIR: what `openssl rehash` makes of a copy of DIR's root files, as links does.
rehashed() {
    rm -rf "$work/rehash"
    mkdir "$work/rehash"
    for f in $(root_files "$1"); do cp "$1/$f" "$work/rehash/"; done
    openssl rehash "$work/rehash" 2>"$work/rehash.err" ||
        fail "openssl rehash: $(cat "$work/rehash.err")"
    links "$work/rehash"
}
# expect_like_rehash DIR WHAT: DIR's links are the ones openssl rehash makes, DIR holds
# nothing else of the export's, and no link dangles.
expect_like_rehash() {
    links "$1" >"$work/ours"
    rehashed "$1" >"$work/theirs"
    cmp -s "$work/ours" "$work/theirs" ||
        fail "$2: the links differ from openssl rehash's: $(diff "$work/theirs" "$work/ours")"
    dangling=$(find "$1" -mindepth 1 -maxdepth 1 -xtype l)
    [ -z "$dangling" ] || fail "$2: dangling links: $dangling"
}
# expect_roots DIR WHAT NAME...: DIR's SHA256HEX.pem files are those of the named roots
# ($gen/NAME.pem, or the repository's when there is none), each holding that root.
expect_roots() {
    dir=$1
    what=$2
    shift 2
    want=$(for n in "$@"; do
        f=$gen/$n.pem
        [ -f "$f" ] || f=$certs/$n.pem
        echo "$(sha "$f").pem"
    done | sort | tr '\n' ' ')
    got=$(root_files "$dir" | tr '\n' ' ')
    [ "$got" = "$want" ] || fail "$what: the directory holds $got; the export trusts $want"
    for n in $got; do
        f=$dir/$n
        if [ -L "$f" ] || [ ! -f "$f" ]; then fail "$what: $f is not a regular file"; fi
        [ "$(sha "$f").pem" = "$n" ] || fail "$what: $f holds another root"
    done
}
# verify LEAF DIR: openssl verify with DIR as its only CA path; status in $rc.
verify() {
    openssl verify -no-CAfile -no-CAstore -CApath "$2" "$gen/$1.pem" >"$out" 2>&1
    rc=$?
}

echo "canary: not to be written" >"$work/canary"
cp "$work/canary" "$work/canary.orig"
trusted="$generated root-a root-b root-c utc-2049"

case $case_name in

names_match_openssl_rehash)
    export_image --output "$work/dir"
    expect_rc 0 "the export"
    # shellcheck disable=SC2086 # a list of names
    expect_roots "$work/dir" "the export" $trusted
    expect_like_rehash "$work/dir" "the export"
    # The collisions happened: four links under each of the two hashes, numbered 0 to 3.
    for n in same1 case1; do
        h=$(hash_of "$gen/$n.pem")
        got=$(find "$work/dir" -name "$h.*" | sed 's|.*/||' | sort | tr '\n' ' ')
        [ "$got" = "$h.0 $h.1 $h.2 $h.3 " ] || fail "the links of $n's hash: $got"
    done
    # Every entry is a root file or a link: nothing else, no temporary directory.
    others=$(find "$work/dir" -mindepth 1 ! -name '*.pem' ! -type l)
    [ -z "$others" ] || fail "the export left: $others"
    # Exported again, the directory is the same.
    links "$work/dir" >"$work/first"
    export_image --output "$work/dir"
    expect_rc 0 "the export again"
    links "$work/dir" | cmp -s - "$work/first" || fail "a second export changed the links"
    ;;

capath_verifies)
    for n in same1 same3 case2 case3 gone; do leaf "leaf-$n" "$n"; done
    root stranger "/O=nativecerts test/CN=Same Subject"
    leaf leaf-stranger stranger
    export_image --output "$work/dir"
    expect_rc 0 "the export"
    # A chain to each of two roots under one hash, and to two roots whose names differ
    # in case, spaces and string type: OpenSSL finds the issuer among the hash's links.
    for n in same1 same3 case2 case3; do
        verify "leaf-$n" "$work/dir"
        expect_rc 0 "openssl verify -CApath, a chain to $n: $(cat "$out")"
    done
    # A chain to the distrusted root, and to a root of the same name the image never
    # trusted: rejected.
    for n in gone stranger; do
        verify "leaf-$n" "$work/dir"
        [ "$rc" != 0 ] || fail "openssl verify -CApath accepted a chain to $n"
    done
    ;;

reexport_after_distrust)
    leaf leaf-same1 same1
    leaf leaf-same2 same2
    leaf leaf-case1 case1
    export_image --output "$work/dir"
    expect_rc 0 "the first export"
    for n in same1 same2 case1; do
        verify "leaf-$n" "$work/dir"
        expect_rc 0 "before the distrust, a chain to $n: $(cat "$out")"
    done
    # Files the export does not write stay whatever their names: a CRL link, names
    # near the forms it writes, a directory of a link's form. A link of the hash form
    # that it does not write now (an openssl rehash of the user's own file, a link in
    # capitals that a case-blind file system reads as the export's) is stale: removed.
    h=$(hash_of "$gen/same1.pem")
    others="notes.txt mine.pem $h.r0 $h.01 $h.0.bak $(sha "$gen/case1.pem" | tr a-f A-F).pem"
    for f in $others; do echo mine >"$work/dir/$f"; done
    mkdir "$work/dir/$h.9"
    ln -s mine.pem "$work/dir/ffffffff.0"
    ln -s "$(sha "$gen/same1.pem").pem" "$work/dir/$(echo "$h" | tr a-f A-F).0"
    # Then same1 (link 0 or not of its hash) and case1 are distrusted, and the 2049 root
    # has expired.
    cp "$gen/same1.pem" "$gen/case1.pem" "$image/etc/ssl/untrusted/"
    # A re-export that fails at its first write (a file size limit of 0) still leaves no
    # way to the roots no longer trusted: their files go first.
    (
        trap '' XFSZ
        ulimit -f 0 || exit 99
        $emu "$nc" export --format openssl-dir --root "$image" --os freebsd --at 2050-06-01T00:00:00Z \
            --output "$work/dir" 2>&1
        echo "exit status $?"
    ) | cat >"$err" # through a pipe, which the limit does not cover
    grep -q "exit status 1" "$err" || fail "a failed write: $(cat "$err")"
    grep -q "File too large" "$err" || fail "the failure does not say why: $(cat "$err")"
    for n in same1 case1; do
        verify "leaf-$n" "$work/dir"
        [ "$rc" != 0 ] || fail "after a failed re-export, a chain to distrusted $n verifies"
        [ -e "$work/dir/$(sha "$gen/$n.pem").pem" ] && fail "a failed re-export left $n"
    done
    export_image --at 2050-06-01T00:00:00Z --output "$work/dir"
    expect_rc 0 "the re-export"
    # shellcheck disable=SC2086 # a list of names
    expect_roots "$work/dir" "the re-export" same2 same3 same4 case2 case3 case4 root-a root-b root-c
    expect_like_rehash "$work/dir" "the re-export"
    got=$(find "$work/dir" -name "$h.*" -type l | sed 's|.*/||' | sort | tr '\n' ' ')
    [ "$got" = "$h.0 $h.1 $h.2 " ] || fail "the links of the same-subject hash: $got"
    for f in $others; do [ -f "$work/dir/$f" ] || fail "$f, not the export's, was removed"; done
    [ -d "$work/dir/$h.9" ] || fail "a directory was removed"
    for f in ffffffff.0 "$(echo "$h" | tr a-f A-F).0"; do
        [ -L "$work/dir/$f" ] && fail "the stale link $f was left"
    done
    verify leaf-same1 "$work/dir"
    [ "$rc" != 0 ] || fail "after the distrust, a chain to same1 verifies"
    verify leaf-case1 "$work/dir"
    [ "$rc" != 0 ] || fail "after the distrust, a chain to case1 verifies"
    verify leaf-same2 "$work/dir"
    expect_rc 0 "after the distrust, a chain to same2: $(cat "$out")"
    ;;

links_at_written_names)
    export_image --output "$work/names"
    expect_rc 0 "the export that gives the names"
    # At every name the export writes, a link someone planted: to the canary, or to a
    # directory. The export replaces them, writing neither.
    mkdir "$work/dir" "$work/victim"
    echo "not to be removed" >"$work/victim/file"
    for f in "$work/names"/*; do
        n=$(basename "$f")
        case $n in
        *.pem) ln -s "$work/canary" "$work/dir/$n" ;;
        *) ln -s "$work/victim" "$work/dir/$n" ;;
        esac
    done
    ln -s "$work/canary" "$work/dir/00000000.0" # a stale link: removed, not followed
    export_image --output "$work/dir"
    expect_rc 0 "the export over planted links"
    # shellcheck disable=SC2086 # a list of names
    expect_roots "$work/dir" "over planted links" $trusted
    expect_like_rehash "$work/dir" "over planted links"
    [ -e "$work/dir/00000000.0" ] && fail "the stale planted link is still there"
    [ "$(ls "$work/victim")" = file ] || fail "the directory behind a planted link changed"
    # A directory at a link's name: a failure that names it, nothing written through.
    h=$(hash_of "$gen/case1.pem")
    mkdir "$work/dir2" "$work/dir2/$h.1"
    export_image --output "$work/dir2"
    expect_rc 1 "a directory at a link's name"
    grep -qF "$work/dir2/$h.1" "$err" || fail "the failure does not name $h.1: $(cat "$err")"
    [ -z "$(ls -A "$work/dir2/$h.1")" ] || fail "something was written into the directory"
    # The directory itself a link of another user (planted where DIR was expected):
    # refused, nothing written behind it.
    if [ "$(id -u)" = 0 ]; then
        mkdir "$work/behind"
        ln -s "$work/behind" "$work/theirs"
        chown -h 65534:65534 "$work/theirs"
        export_image --output "$work/theirs"
        expect_rc 1 "a link of another user as DIR"
        [ -z "$(ls -A "$work/behind")" ] || fail "the export wrote behind their link"
    fi
    ;;

needs_output_dir)
    cd "$work" || exit 99
    export_image
    expect_rc 1 "openssl-dir without --output"
    grep -q "needs --output DIR" "$err" || fail "no reason given: $(cat "$err")"
    export_image --output -
    expect_rc 1 "openssl-dir to standard output"
    [ -e "$work/-" ] && fail "--output - created a directory named -"
    [ -s "$out" ] && fail "openssl-dir wrote to standard output"
    run export --format openssl --root "$image" --os freebsd --output "$work/dir"
    expect_rc 1 "an unknown format"
    grep -q "openssl-dir" "$err" || fail "the usage error does not list openssl-dir: $(cat "$err")"
    [ -e "$work/dir" ] && fail "an unknown format wrote $work/dir"
    ;;

*)
    echo "unknown case $case_name" >&2
    exit 2
    ;;
esac

cmp -s "$work/canary" "$work/canary.orig" || fail "the canary outside the export was written"
left=$(find "$work" -name '.nativecerts-*')
[ -z "$left" ] || fail "temporary files left: $left"
[ "$(host_state)" = "$host_before" ] || fail "the host changed: $(host_state)"
exit $status
