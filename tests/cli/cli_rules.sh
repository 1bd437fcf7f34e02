#!/bin/sh
# The nativecerts command, as users and scripts drive it. One case per run:
#
#   cli_rules.sh CASE NATIVECERTS DATA_DIR [ADVICE_PROBE]
#
# NATIVECERTS is the built command; DATA_DIR is tests/data (certs/ and names/ fixtures);
# ADVICE_PROBE is tests/cli/advice_probe.c built (for advice_api).
# Expected values come from the `openssl` command and from the rules, never from our own
# output. Every case clears SSL_CERT_FILE and SSL_CERT_DIR first and sets them itself
# where it needs them (this machine may export them); none depends on how many roots
# this machine has. Exit 77 (skip) when python3 or openssl is missing.
set -u

case_name=$1
nc=$2
data=$3
probe=${4:-}
emu=${NC_EMULATOR:-} # a cross build's emulator, before each run of "$nc" or "$probe" (unquoted)
here=$(cd "$(dirname "$0")" && pwd)
certs=$data/certs
names=$data/names
unset SSL_CERT_FILE SSL_CERT_DIR

status=0
fail() { echo "FAIL [$case_name]: $*" >&2; status=1; }
skip() { echo "skipped [$case_name]: $*" >&2; exit 77; }
need() { command -v "$1" >/dev/null 2>&1 || skip "$1 not found"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/nct-cli.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT INT TERM
out=$work/out
err=$work/err

# run ARGS...: runs the command; its status in $rc, its output in $out and $err.
run() {
    $emu "$nc" "$@" >"$out" 2>"$err"
    rc=$?
}
# run_env VAR=VALUE [VAR=VALUE] -- ARGS...: the same, with those variables set.
run_env() {
    e1=$1
    e2=$2
    shift 2
    if [ "$e2" = "--" ]; then
        env "$e1" $emu "$nc" "$@" >"$out" 2>"$err"
    else
        shift
        env "$e1" "$e2" $emu "$nc" "$@" >"$out" 2>"$err"
    fi
    rc=$?
}
# expect_rc N WHAT: the last run exited N.
expect_rc() {
    [ "$rc" = "$1" ] || fail "$2: exit $rc, expected $1; stderr: $(head -c 600 "$err")"
}
# expect_in FILE TEXT WHAT: FILE holds TEXT (a fixed string).
expect_in() {
    grep -qF -- "$2" "$1" || fail "$3: no '$2' in $(basename "$1"): $(head -c 800 "$1")"
}
# json_check WHAT SCRIPT-ARGS...: checks $out with json_checks.py.
json_check() {
    what=$1
    shift
    python3 "$here/json_checks.py" "$@" <"$out" || fail "$what"
}

# The fixture roots and what openssl says of them.
fixtures() {
    for f in "$certs/root-a.pem" "$certs/root-b.pem" "$certs/root-c.pem" "$names"/*.pem; do
        echo "$f"
    done
}

case $case_name in

exit_status)
    # 0 with at least one root, 2 with none, 4 when a path added with --file or --dir
    # gave nothing, 1 for every usage error (write failures: write_failures).
    run list --no-platform --file "$certs/root-a.pem"
    expect_rc 0 "one root"
    mkdir "$work/empty"
    run list --root "$work/empty"
    expect_rc 2 "no root"
    run export --root "$work/empty"
    expect_rc 2 "export, no root"
    run sources --root "$work/empty"
    expect_rc 2 "sources, no root"
    run sources --no-platform --file "$certs/root-a.pem"
    expect_rc 0 "sources, one root"
    for args in "" "frobnicate" "list --frobnicate" "list --root" "list --os nosuchos" \
        "list --at 2020-13-01T00:00:00Z" "list --at 2020-01-01T00:00Z" "list --at=2021-02-29" \
        "list --at 2020-01-01T" "list --at 20200101" "list --no-platform" "sources --no-platform" \
        "export --format xml" "export --format der" "export --json" "list --output x" \
        "list --format pem" "list --json=yes" "help frobnicate" "list extra" "--version x" \
        "--root /tmp list"; do
        # shellcheck disable=SC2086 # split on purpose
        run $args
        expect_rc 1 "usage error '$args'"
        [ -s "$out" ] && fail "usage error '$args' wrote to stdout"
        [ -s "$err" ] || fail "usage error '$args' said nothing on stderr"
    done
    # Problems met while reading are warnings and do not change the status...
    printf -- '-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n' \
        >"$work/damaged.pem"
    cat "$certs/root-b.pem" "$work/damaged.pem" >"$work/half.pem"
    run list --no-platform --file "$certs/root-a.pem" --file "$work/half.pem"
    expect_rc 0 "a damaged block beside a root"
    expect_in "$err" "warning: $work/half.pem:" "warning for the damaged block"
    # ... but a path the user added that gives nothing fails the run, after the output.
    run list --no-platform --file "$certs/root-a.pem" --file "$work/does-not-exist"
    expect_rc 4 "a missing file beside a root"
    [ "$(grep -c '^[0-9a-f]\{16\}  ' "$out")" = 1 ] || fail "the root is not listed: $(cat "$out")"
    expect_in "$err" "nativecerts: $work/does-not-exist (added file) does not exist" \
        "the missing file named"
    run list --no-platform --file "$work/does-not-exist"
    expect_rc 4 "only a missing file: status 4 before 2"
    ;;

empty_root_explains)
    # `list` on a layout with nothing in it: exit 2, nothing on stdout, and stderr says
    # what was looked for and what to do, for the distribution of the image.
    mkdir -p "$work/empty" "$work/debian/etc" "$work/alpine/usr/lib" "$work/fedora/etc"
    run list --root "$work/empty"
    expect_rc 2 "empty root"
    [ -s "$out" ] && fail "empty root: stdout not empty"
    expect_in "$err" "no trusted CA certificate found" "diagnosis"
    expect_in "$err" "/etc/ssl/certs/ca-certificates.crt" "the first place looked at"
    expect_in "$err" "what to do:" "advice"
    expect_in "$err" "ca-certificates" "the package to install"
    printf 'PRETTY_NAME="Debian GNU/Linux 12"\nID=debian\n' >"$work/debian/etc/os-release"
    run list --root "$work/debian"
    expect_in "$err" "apt-get install ca-certificates" "advice for Debian"
    grep -qF "apk add" "$err" && fail "advice for Debian names Alpine's package manager"
    printf 'ID=alpine\n' >"$work/alpine/usr/lib/os-release"
    run export --root "$work/alpine"
    expect_rc 2 "export from an empty Alpine root"
    expect_in "$err" "apk add ca-certificates" "advice for Alpine"
    grep -qF "apt-get" "$err" && fail "advice for Alpine names Debian's package manager"
    printf 'ID="rocky"\nID_LIKE="rhel centos fedora"\n' >"$work/fedora/etc/os-release"
    run list --root "$work/fedora"
    expect_in "$err" "update-ca-trust" "advice for a RHEL-like system"
    grep -qF "apt-get" "$err" && fail "advice for Rocky names Debian's package manager"
    # A bundle that exists but holds nothing: rebuild it.
    mkdir -p "$work/hollow/etc/ssl/certs"
    : >"$work/hollow/etc/ssl/certs/ca-certificates.crt"
    run list --root "$work/hollow"
    expect_rc 2 "empty bundle"
    expect_in "$err" "holds no certificate" "empty bundle named"
    expect_in "$err" "update-ca-certificates" "how to rebuild the bundle"
    # The environment chose paths that gave nothing: say which variable to fix.
    run_env SSL_CERT_FILE=$work/empty/none.pem -- list
    expect_rc 2 "SSL_CERT_FILE naming nothing"
    expect_in "$err" "unset SSL_CERT_FILE SSL_CERT_DIR" "advice about the variables"
    expect_in "$err" "$work/empty/none.pem (SSL_CERT_FILE) does not exist" "the variable's file"
    ;;

os_release_stays_in_root)
    # The advice reads the image's os-release through the library: inside the root,
    # never blocking, regular files under 8 KiB only. Each hostile os-release below
    # finishes promptly with the generic advice. The host file says ID=fedora: were it
    # read, the advice would name dnf.
    host_state() { stat -c '%n %a %F %t:%T' / /etc /etc/ssl/certs /tmp /dev/zero /dev/null; }
    host_state >"$work/host-before"
    mkdir -p "$work/host"
    printf 'ID=fedora\n' >"$work/host/os-release"
    generic="install your system's CA certificates package in the image"
    # image NAME: an image whose linux store is empty, to plant an os-release in.
    image() {
        img=$work/$1
        mkdir -p "$img/etc" "$img/usr/lib" "$img/dev"
    }
    # expect_generic WHAT: list under $img ended in time, with the generic advice.
    expect_generic() {
        timeout 10 $emu "$nc" list --root "$img" >"$out" 2>"$err"
        rc=$?
        expect_rc 2 "$1"
        expect_in "$err" "$generic" "$1: generic advice"
        grep -qF "in the image: dnf install" "$err" && fail "$1: the host's os-release was read"
    }
    image abs-link
    ln -s "$work/host/os-release" "$img/etc/os-release"
    expect_generic "absolute link to a host file"
    if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
        # Every call that names a file: the kernel's resolver opens os-release with
        # openat2, the walk by hand (where openat2 is missing) reads the link instead.
        strace -f -e trace=%file -o "$work/trace" \
            timeout 10 $emu "$nc" list --root "$img" >/dev/null 2>&1
        grep -E '^[0-9]+ +open(at2?)?\(' "$work/trace" | grep -F "$work/host" &&
            fail "the host's os-release was opened"
        grep -qF "os-release" "$work/trace" || fail "strace saw no lookup of os-release"
    else
        echo "note [$case_name]: no working strace, the open of the host file is not traced" >&2
    fi
    image rel-link
    ln -s "../../../../../../../../..$work/host/os-release" "$img/etc/os-release"
    expect_generic "relative link climbing out of the image"
    image fifo
    mkfifo "$img/etc/os-release" || fail "cannot make a FIFO"
    expect_generic "a FIFO"
    image directory
    mkdir "$img/etc/os-release"
    expect_generic "a directory"
    image oversize # the ID comes first: a reader that stops at 8 KiB would see it
    { printf 'ID=fedora\n'; i=0; while [ $i -lt 200 ]; do
        printf '# padding line %04d of a file too large to be an os-release\n' $i
        i=$((i + 1)); done; } >"$img/usr/lib/os-release"
    expect_generic "an oversize file"
    if [ "$(id -u)" = 0 ]; then
        image device # a character device that never ends, reached by an absolute link
        mknod "$img/dev/zero" c 1 5 || fail "cannot make a device node"
        ln -s /dev/zero "$img/etc/os-release"
        expect_generic "a link to a character device"
    else
        echo "note [$case_name]: not root, no device node case" >&2
    fi
    # os-release(5): /etc/os-release first, /usr/lib/os-release only when it is missing.
    image both
    printf 'ID=alpine\n' >"$img/etc/os-release"
    printf 'ID=debian\n' >"$img/usr/lib/os-release"
    timeout 10 $emu "$nc" list --root "$img" >"$out" 2>"$err"
    expect_in "$err" "apk add ca-certificates" "/etc/os-release comes first"
    grep -qF "apt-get" "$err" && fail "/usr/lib/os-release was preferred to /etc/os-release"
    image alpine
    printf 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.0\n' >"$img/usr/lib/os-release"
    ln -s ../usr/lib/os-release "$img/etc/os-release"
    timeout 10 $emu "$nc" list --root "$img" >"$out" 2>"$err"
    expect_in "$err" "apk add ca-certificates" "a normal os-release, through a relative link"
    host_state | cmp -s - "$work/host-before" || fail "this machine changed: $(host_state)"
    ;;

list_json_matches_openssl)
    need python3
    need openssl
    args=""
    for f in $(fixtures); do args="$args --file $f"; done
    # shellcheck disable=SC2086
    run list --json --no-platform $args
    expect_rc 0 "list --json"
    python3 -m json.tool "$out" >/dev/null || fail "list --json is not valid JSON"
    json_check "fields and values equal OpenSSL's" list-vs-openssl $(fixtures)
    ;;

list_json_excluded_and_errors)
    need python3
    # Excluded roots and errors carry exactly their fields; absent values are null.
    printf -- '-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n' \
        >"$work/bad.pem"
    run list --json --no-platform --skip-expired --file "$certs/root-a.pem" \
        --file "$certs/expired.pem" --file "$certs/root-b.reject-server.pem" \
        --file "$work/bad.pem" --file "$work/missing.pem"
    expect_rc 4 "list --json with exclusions and errors (two added files gave nothing)"
    json_check "excluded and errors" excluded-and-errors "$work/bad.pem" "$work/missing.pem"
    ;;

list_table_fits_80_columns)
    need python3
    need openssl
    args=""
    for f in $(fixtures); do args="$args --file $f"; done
    # shellcheck disable=SC2086
    run list --no-platform $args
    expect_rc 0 "list"
    python3 "$here/json_checks.py" table-vs-openssl $(fixtures) <"$out" ||
        fail "table rows: fingerprint, expiry or width"
    # This machine's store too, whatever it holds (0 roots is fine here).
    run list --no-env
    python3 "$here/json_checks.py" table-width <"$out" || fail "this machine's table width"
    ;;

export_pem_roundtrip)
    need openssl
    args=""
    for f in $(fixtures); do args="$args --file $f"; done
    # shellcheck disable=SC2086
    run export --no-platform $args
    expect_rc 0 "export --format pem (default) to stdout"
    cp "$out" "$work/stdout.pem"
    # shellcheck disable=SC2086
    run export --format pem --output "$work/bundle.pem" --no-platform $args
    expect_rc 0 "export --output"
    cmp -s "$work/stdout.pem" "$work/bundle.pem" || fail "--output differs from stdout"
    [ -e "$work/bundle.pem.nativecerts-tmp" ] && fail "temporary file left behind"
    # What OpenSSL reads back is the set of fixtures, each once.
    openssl crl2pkcs7 -nocrl -certfile "$work/bundle.pem" |
        openssl pkcs7 -print_certs >"$work/back.pem" || fail "openssl cannot read the bundle"
    fingerprints() { # PEM file with many certificates -> sorted SHA-256 fingerprints
        awk -v dir="$work" '/BEGIN CERT/ { n++; f = dir "/split." n ".pem" } f { print > f }
            /END CERT/ { close(f); f = "" }' "$1"
        for c in "$work"/split.*.pem; do
            openssl x509 -in "$c" -noout -fingerprint -sha256
        done | sort
        rm -f "$work"/split.*.pem
    }
    fingerprints "$work/back.pem" >"$work/got"
    for f in $(fixtures); do openssl x509 -in "$f" -noout -fingerprint -sha256; done |
        sort -u >"$work/want"
    cmp -s "$work/got" "$work/want" || fail "exported set differs: $(diff "$work/got" "$work/want")"
    # Nothing trusted: exit 2 and the old bundle stays as it was.
    mkdir "$work/empty"
    run export --output "$work/bundle.pem" --root "$work/empty"
    expect_rc 2 "export with nothing trusted"
    cmp -s "$work/stdout.pem" "$work/bundle.pem" || fail "an empty export replaced the bundle"
    ;;

export_der_one_file_per_root)
    need openssl
    args=""
    for f in $(fixtures); do args="$args --file $f"; done
    # shellcheck disable=SC2086
    run export --format der --output "$work/der" --no-platform $args
    expect_rc 0 "export --format der"
    want=$(fixtures | wc -l)
    got=$(find "$work/der" -type f | wc -l)
    [ "$got" = "$want" ] || fail "$got files for $want roots"
    for f in $(fixtures); do
        sha=$(openssl x509 -in "$f" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' |
            tr 'A-F' 'a-f')
        openssl x509 -in "$f" -outform DER -out "$work/want.der"
        cmp -s "$work/want.der" "$work/der/$sha.der" || fail "$work/der/$sha.der is not $f"
    done
    ;;

sources_report)
    need python3
    mkdir -p "$work/root/etc/ssl/certs" "$work/root/env"
    cp "$certs/root-a.pem" "$work/root/etc/ssl/certs/ca-certificates.crt"
    cp "$certs/root-b.pem" "$work/root/env/b.pem"
    cp "$certs/root-c.pem" "$work/root/etc/ssl/cert.pem"
    # Platform mode in a root: mode, profile, root, variables, every candidate.
    run_env SSL_CERT_FILE=/env/b.pem -- sources --root "$work/root" --os linux
    expect_rc 0 "sources"
    for text in "mode:     platform" "profile:  linux" "root:     $work/root" \
        "SSL_CERT_FILE  ignored-option  /env/b.pem" "SSL_CERT_DIR   missing         (not set)" \
        "/etc/ssl/certs/ca-certificates.crt" "/etc/pki/tls/certs/ca-bundle.crt" \
        "/etc/security/certificates" "1 trusted"; do
        expect_in "$out" "$text" "sources text"
    done
    grep -E '^  used +1  file +/etc/ssl/certs/ca-certificates.crt$' "$out" >/dev/null ||
        fail "the bundle's line: status used, 1 certificate"
    grep -E '^  shadowed +-  file +/etc/ssl/cert.pem$' "$out" >/dev/null ||
        fail "a later bundle candidate that exists is shadowed"
    grep -E '^  missing +-  file +/etc/ssl/ca-bundle.pem$' "$out" >/dev/null ||
        fail "a later bundle candidate that does not exist is missing"
    grep -E '^  missing +-  directory +/etc/pki/tls/certs$' "$out" >/dev/null ||
        fail "a missing directory"
    # Environment mode: the variables' paths are used, the profile's are not.
    run_env SSL_CERT_FILE=$certs/root-c.pem SSL_CERT_DIR=$work/nodir -- sources
    expect_rc 0 "sources, environment"
    expect_in "$out" "mode:     environment" "environment mode"
    expect_in "$out" "SSL_CERT_FILE  used            $certs/root-c.pem" "SSL_CERT_FILE used"
    grep -E '^  ignored-env +-  file +/etc/ssl/certs/ca-certificates.crt$' "$out" >/dev/null ||
        fail "profile candidates are ignored-env"
    # Nothing found: errors listed under their place, advice on the last line; an added
    # path that gave nothing is status 4.
    run sources --no-platform --file "$work/nothing.pem"
    expect_rc 4 "sources, nothing"
    expect_in "$out" "mode:     explicit" "explicit mode"
    expect_in "$out" "error: $work/nothing.pem" "the place's error"
    tail -n 1 "$out" | grep -q "what to do:" || fail "advice is not the last line"
    # JSON: the same report, as data.
    run_env SSL_CERT_FILE=/env/b.pem -- sources --json --root "$work/root"
    expect_rc 0 "sources --json"
    json_check "sources --json" sources "$work/root"
    ;;

skip_expired_at)
    need python3
    sel="--no-platform --file $certs/root-a.pem --file $certs/expired.pem --file $certs/not-yet-valid.pem"
    # shellcheck disable=SC2086
    run list --json $sel
    json_check "no filter: all three trusted" reasons "$certs" trusted trusted trusted
    # shellcheck disable=SC2086
    run list --json --skip-expired $sel
    json_check "now: one expired, one not yet valid" reasons "$certs" trusted expired not-yet-valid
    # expired.pem is valid during 2000; root-a from 2020; not-yet-valid from 2090.
    # shellcheck disable=SC2086
    run list --json --skip-expired --at 2000-06-01T00:00:00Z $sel
    json_check "in 2000" reasons "$certs" not-yet-valid trusted not-yet-valid
    # --at alone implies the filter.
    # shellcheck disable=SC2086
    run list --json --at 2095-01-01T00:00:00Z $sel
    json_check "in 2095" reasons "$certs" trusted expired trusted
    # Nothing valid at that time: exit 2.
    run list --at 2010-01-01T00:00:00Z --no-platform --file "$certs/expired.pem"
    expect_rc 2 "nothing valid in 2010"
    ;;

client_only_root_not_trusted)
    need python3
    # A root whose own extendedKeyUsage lists only clientAuth is not a root for servers:
    # none trusted (exit 2), and --json says why.
    run list --no-platform --file "$certs/eku-client.pem"
    expect_rc 2 "list of a clientAuth-only root"
    run list --json --no-platform --file "$certs/eku-client.pem"
    python3 - "$certs/eku-client.pem" "$out" <<'PY' || fail "clientAuth-only root not excluded as not-for-server-auth"
import json, sys
r = json.load(open(sys.argv[2]))
assert r["certificates"] == [], r
assert [(e["reason"], e["source"]) for e in r["excluded"]] == [("not-for-server-auth", sys.argv[1])], r
PY
    ;;

root_ignores_environment)
    mkdir -p "$work/root/env" "$work/root/etc/ssl"
    cp "$certs/root-a.pem" "$work/root/env/a.pem"
    cp "$certs/root-c.pem" "$work/root/extra.pem"
    # The variables name a file inside the root: with --root alone they are ignored.
    run_env SSL_CERT_FILE=/env/a.pem -- list --root "$work/root"
    expect_rc 2 "--root ignores SSL_CERT_FILE"
    run_env SSL_CERT_DIR=/env -- list --root "$work/root"
    expect_rc 2 "--root ignores SSL_CERT_DIR"
    # With --file too they are ignored: the file adds to the image's own store (none
    # here), so one root, and the image's distrust would still apply.
    run_env SSL_CERT_FILE=/env/a.pem -- list --root "$work/root" --file /extra.pem
    expect_rc 0 "--root with --file"
    [ "$(grep -c '^[0-9a-f]\{16\}  ' "$out")" = 1 ] || fail "--root --file: $(cat "$out")"
    # --no-env still ignores them.
    run_env SSL_CERT_FILE=/env/a.pem -- list --root "$work/root" --file /extra.pem --no-env
    [ "$(grep -c '^[0-9a-f]\{16\}  ' "$out")" = 1 ] || fail "--no-env: $(cat "$out")"
    # Without --root the variables are this machine's, and they rule.
    run_env SSL_CERT_FILE=$work/root/env/a.pem -- list
    expect_rc 0 "SSL_CERT_FILE without --root"
    [ "$(grep -c '^[0-9a-f]\{16\}  ' "$out")" = 1 ] || fail "SSL_CERT_FILE alone: $(cat "$out")"
    # A FreeBSD image distrusts root-a in /etc/ssl/untrusted, and /etc/ssl/certs holds
    # it. The host's SSL_CERT_FILE (naming a path that the image also has) and --file
    # must not replace the image's store: its distrust still applies.
    fb=$work/freebsd
    mkdir -p "$fb/etc/ssl/certs" "$fb/etc/ssl/untrusted" "$fb/env"
    cp "$certs/root-a.pem" "$fb/etc/ssl/certs/a.pem"
    cp "$certs/root-b.pem" "$fb/etc/ssl/certs/b.pem"
    cp "$certs/root-a.pem" "$fb/etc/ssl/untrusted/a.pem"
    cp "$certs/root-a.pem" "$fb/env/a.pem"
    cp "$certs/root-c.pem" "$fb/extra.pem"
    a=$(sha256sum <"$certs/root-a.der" | cut -c1-16)
    for var in SSL_CERT_FILE=/env/a.pem SSL_CERT_DIR=/env; do
        run_env "$var" -- list --root "$fb" --os freebsd --file /extra.pem
        expect_rc 0 "freebsd image, $var, --file"
        grep -q "^$a  " "$out" && fail "$var --file: root-a, distrusted by the image, is listed"
        [ "$(grep -c '^[0-9a-f]\{16\}  ' "$out")" = 2 ] ||
            fail "$var --file: not root-b and root-c: $(cat "$out")"
        run_env "$var" -- sources --root "$fb" --os freebsd --file /extra.pem
        grep -Eq '^  used +1  distrust-dir +/etc/ssl/untrusted$' "$out" ||
            fail "$var --file: the untrusted directory is not used: $(cat "$out")"
    done
    ;;

json_escapes_paths)
    need python3
    # File names with a newline, a quote, a backslash, a tab, an escape and bytes that
    # are not UTF-8: JSON stays valid and says them with escapes and U+FFFD.
    dir=$work/odd
    mkdir "$dir"
    python3 - "$dir" "$certs/root-a.pem" "$certs/root-b.pem" <<'PY' || fail "cannot make odd names"
import os, shutil, sys
d = os.fsencode(sys.argv[1])
shutil.copy(sys.argv[2], d + b"/new\nline \"quoted\" back\\slash\ttab\x1b[31m.pem")
shutil.copy(sys.argv[3], d + b"/latin1-\xe9-\xff.pem")
PY
    run list --json --no-platform --dir "$dir"
    expect_rc 0 "list --json over odd names"
    json_check "odd names in JSON" odd-names "$dir"
    # The table shows them escaped: one line per root, no raw control character.
    run list --no-platform --dir "$dir"
    # header, 2 rows, blank line, SOURCE, 2 paths: a raw newline would add a line
    [ "$(wc -l <"$out")" = 7 ] || fail "table of odd names is not 7 lines: $(cat "$out")"
    expect_in "$out" 'new\x0Aline "quoted" back\slash\x09tab\x1B[31m.pem' "escaped path"
    expect_in "$out" 'latin1-\xE9-\xFF.pem' "bytes that are not UTF-8, escaped"
    if LC_ALL=C grep -q "$(printf '\033')" "$out"; then fail "raw escape character in the table"; fi
    # Messages too: a missing odd path added with --file is escaped on stderr.
    run list --no-platform --file "$certs/root-a.pem" --file "$dir/gone
x"
    [ "$(grep -c 'does not exist' "$err")" = 1 ] && [ "$(wc -l <"$err")" = 2 ] ||
        fail "the message is not one line, then the step: $(cat "$err")"
    expect_in "$err" "nativecerts: $dir/gone\\nx (added file) does not exist" "the path, escaped"
    ;;

bidi_controls_escaped)
    need python3
    # Unicode's bidirectional controls can reorder a terminal line, so that a row shows
    # what it is not: each is escaped as \xHH per byte in the table, in sources and in
    # warnings, and as \uXXXX in JSON. The name fixture bidi-controls has them all in its
    # subject; here a file name holds them all too. One list of them, here:
    bidi="061C 200E 200F 202A 202B 202C 202D 202E 2066 2067 2068 2069"
    dir=$work/bidi
    mkdir "$dir"
    # Writes the raw name to $work/name and how the terminal must show it to $work/shown.
    python3 - "$work" $bidi <<'PY' || fail "cannot make the names"
import os, sys
work, chars = sys.argv[1], [chr(int(h, 16)) for h in sys.argv[2:]]
name = "rlo-" + "-".join(chars) + "-gpj.pem"
shown = "".join("".join("\\x%02X" % b for b in c.encode()) if c in chars else c for c in name)
open(work + "/name", "wb").write(os.fsencode(name))
open(work + "/shown", "w").write(shown)
PY
    name=$(cat "$work/name")
    shown=$(cat "$work/shown")
    cp "$certs/root-a.pem" "$dir/$name"
    # no_raw_bidi FILE WHAT: none of the controls appears as it is in FILE.
    no_raw_bidi() {
        python3 - "$1" $bidi <<'PY' || fail "$2: a raw bidirectional control"
import sys
text = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
found = sorted({"U+%04X" % ord(c) for c in text if "%04X" % ord(c) in sys.argv[2:]})
if found:
    sys.exit("raw " + " ".join(found))
PY
    }
    run list --no-platform --file "$names/bidi-controls.pem" --file "$dir/$name"
    expect_rc 0 "list"
    no_raw_bidi "$out" "list"
    expect_in "$out" 'RLO \xE2\x80\xAEgpj.exe' "the subject's name, escaped"
    expect_in "$out" "$dir/$shown (1)" "the file name in the legend, escaped"
    run sources --no-platform --file "$dir/$name"
    no_raw_bidi "$out" "sources"
    expect_in "$out" "$dir/$shown" "sources: the file name, escaped"
    run list --no-platform --file "$certs/root-b.pem" --file "$dir/$name.missing"
    no_raw_bidi "$err" "warning"
    expect_in "$err" "nativecerts: $dir/$shown.missing (added file)" "the added path, escaped"
    run list --root "$dir/$name" # a root that does not exist: the diagnosis names it
    no_raw_bidi "$err" "diagnosis"
    expect_in "$err" "root $dir/$shown" "the diagnosis's root, escaped"
    run list --json --no-platform --file "$names/bidi-controls.pem" --file "$dir/$name"
    no_raw_bidi "$out" "list --json"
    python3 - "$out" "$dir/$name" $bidi <<'PY' || fail "list --json: bidirectional controls"
import json, os, sys
raw = open(sys.argv[1], "rb").read()
doc = json.loads(raw.decode("utf-8"))
want = [chr(int(h, 16)) for h in sys.argv[3:]]
escapes = [("\\u%04x" % ord(c)).encode() for c in want]
missing = [e for e in escapes if e not in raw]
subjects = [c["subject"] for c in doc["certificates"]]
sources = {c["source"] for c in doc["certificates"]}
if missing:
    sys.exit("no %s in the JSON" % b" ".join(missing))
if not any(all(c in s for c in want) for s in subjects):
    sys.exit("no subject holds every control once parsed: %r" % subjects)
if os.fsdecode(os.fsencode(sys.argv[2])) not in sources:
    sys.exit("the file name is not a source: %r" % sources)
PY
    ;;

distrust_unknown_leads)
    need python3
    # A FreeBSD image whose untrusted directory holds a damaged PEM block: the load
    # cannot know what that directory distrusts, so it trusts nothing it could have
    # distrusted (both roots of /etc/ssl/certs), and every output leads with the place:
    # which, why (its error), how many certificates it cost.
    fb=$work/freebsd
    mkdir -p "$fb/etc/ssl/certs" "$fb/etc/ssl/untrusted"
    cp "$certs/root-a.pem" "$fb/etc/ssl/certs/a.pem"
    cp "$certs/root-b.pem" "$fb/etc/ssl/certs/b.pem"
    printf -- '-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n' \
        >"$fb/etc/ssl/untrusted/damaged.pem"
    lead="distrust unknown: /etc/ssl/untrusted could not be read completely (/etc/ssl/untrusted/damaged.pem:2: invalid base64 in CERTIFICATE block); 2 certificates excluded as distrust-unknown because of it"
    # first_line FILE WANT WHAT: the first line of FILE is WANT.
    first_line() {
        [ "$(head -n 1 "$1")" = "$2" ] || fail "$3 does not lead with the place: $(head -c 600 "$1")"
    }
    for cmd in list export; do
        run $cmd --root "$fb" --os freebsd
        expect_rc 2 "$cmd: both roots excluded"
        [ -s "$out" ] && fail "$cmd wrote to stdout with nothing trusted"
        first_line "$err" "warning: $lead" "$cmd's stderr"
        # The diagnosis names the place first too: its cause, and the first place
        # looked at; and it says to repair it, not to install.
        expect_in "$err" "nativecerts: no trusted CA certificate found: /etc/ssl/untrusted, a place that can distrust certificates, could not be read completely" \
            "$cmd: the cause"
        sed -n '/^looked at (/{n;p;q;}' "$err" |
            grep -Eq '^  incomplete +0  distrust-dir +/etc/ssl/untrusted$' ||
            fail "$cmd: the diagnosis does not lead with the place: $(cat "$err")"
        expect_in "$err" "what to do: make /etc/ssl/untrusted readable in full" "$cmd: advice"
        grep -q "pkg install" "$err" && fail "$cmd: advice to install, while roots were found"
        [ "$(grep -c 'damaged.pem:2: invalid base64' "$err")" = 2 ] ||
            fail "$cmd: the error is not said once as a warning, once in the diagnosis"
    done
    run sources --root "$fb" --os freebsd
    expect_rc 2 "sources"
    first_line "$out" "$lead" "sources"
    grep -Eq '^  incomplete +0  distrust-dir +/etc/ssl/untrusted$' "$out" ||
        fail "sources: no incomplete line for the place: $(cat "$out")"
    # JSON carries the library's words.
    run list --json --root "$fb" --os freebsd
    expect_rc 2 "list --json"
    python3 - "$out" <<'PY' || fail "list --json: distrust-unknown"
import json, sys
doc = json.load(open(sys.argv[1]))
got = [(e["reason"], e["source"]) for e in doc["excluded"]]
if doc["certificates"] or got != [("distrust-unknown", "/etc/ssl/untrusted")] * 2:
    sys.exit("certificates %r, excluded %r" % (doc["certificates"], got))
PY
    run sources --json --root "$fb" --os freebsd
    python3 - "$out" <<'PY' || fail "sources --json: incomplete"
import json, sys
doc = json.load(open(sys.argv[1]))
place = [s for s in doc["sources"] if s["name"] == "/etc/ssl/untrusted"]
if [(s["status"], s["errors"]) for s in place] != [("incomplete", 1)]:
    sys.exit("untrusted directory %r" % place)
if "\nwhat to do: make /etc/ssl/untrusted readable in full" not in doc["advice"]:
    sys.exit("advice %r" % doc["advice"])
PY
    # Repaired, the same image trusts root-b and root-a again: no warning at all.
    printf 'not a certificate\n' >"$fb/etc/ssl/untrusted/damaged.pem"
    run list --root "$fb" --os freebsd
    expect_rc 0 "repaired"
    [ -s "$err" ] && fail "repaired: stderr: $(cat "$err")"
    # Android's cacerts-removed governs the system roots only: the user's root stays
    # trusted, the run succeeds, and the warning still comes first.
    and=$work/android
    removed=$and/data/misc/user/0/cacerts-removed
    mkdir -p "$and/system/etc/security/cacerts" "$and/data/misc/user/0/cacerts-added" "$removed"
    cp "$certs/root-a.pem" "$and/system/etc/security/cacerts/aaaaaaaa.0"
    cp "$certs/root-b.der" "$and/data/misc/user/0/cacerts-added/bbbbbbbb.0"
    printf -- '-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n' \
        >"$removed/damaged"
    run list --root "$and" --os android
    expect_rc 0 "android: the user's root is trusted"
    first_line "$err" "warning: distrust unknown: /data/misc/user/0/cacerts-removed could not be read completely (/data/misc/user/0/cacerts-removed/damaged:2: invalid base64 in CERTIFICATE block); 1 certificate excluded as distrust-unknown because of it" \
        "android list's stderr"
    expect_in "$err" "note: 1 more found but not trusted (1 distrust-unknown)" "android: the note"
    [ "$(grep -c '^[0-9a-f]\{16\}  ' "$out")" = 1 ] || fail "android: not one root: $(cat "$out")"
    ;;

out_of_descriptors)
    # Out of file descriptors while loading fails the whole run with exit 3 and says
    # why; it never prints a part of the result (an unread untrusted directory would
    # have turned root-a trusted). At each low limit the run is complete or refused.
    fb=$work/freebsd
    mkdir -p "$fb/etc/ssl/certs" "$fb/etc/ssl/untrusted"
    cp "$certs/root-a.pem" "$fb/etc/ssl/certs/a.pem"
    cp "$certs/root-b.pem" "$fb/etc/ssl/certs/b.pem"
    cp "$certs/root-a.pem" "$fb/etc/ssl/untrusted/a.pem"
    run list --root "$fb" --os freebsd
    expect_rc 0 "without a limit"
    cp "$out" "$work/complete"
    # The limits start where the command can just start: the dynamic loader needs a
    # descriptor or two, and the test runner may pass some down.
    refused=0
    for n in 4 5 6 7 8 9 10 11 12 13 14; do
        sh -c 'ulimit -n "$1" || exit 99; shift; exec "$@"' sh "$n" \
            $emu "$nc" list --root "$fb" --os freebsd >"$out" 2>"$err"
        rc=$?
        if [ "$rc" = 127 ] && grep -q "error while loading shared libraries" "$err"; then
            continue # too low to start at all
        elif [ -n "$emu" ] && [ "$rc" = 1 ] && [ ! -s "$err" ] && [ ! -s "$out" ]; then
            continue # too low for the emulator to open the command (qemu-user exits 1, silent)
        elif [ "$rc" = 3 ]; then
            refused=$((refused + 1))
            [ -s "$out" ] && fail "ulimit -n $n: exit 3 after printing: $(cat "$out")"
            expect_in "$err" "out of file descriptors" "ulimit -n $n: the message"
            expect_in "$err" "nothing was loaded, since an unread file could have distrusted a root" \
                "ulimit -n $n: why nothing"
        elif [ "$rc" != 0 ] || ! cmp -s "$out" "$work/complete"; then
            fail "ulimit -n $n: exit $rc, neither refused nor complete: $(cat "$out" "$err")"
        fi
    done
    [ "$refused" -gt 0 ] || fail "no limit from 4 to 14 ran out of descriptors"
    ;;

added_path_fails)
    # A path added with --file that gives nothing makes the run fail with status 4 after
    # its output, and the message says what the file holds instead (added_paths.txt):
    # on this system, under a root (absolute, and relative to the root's top), for list,
    # list --json, export (which then writes nothing) and sources.
    cp "$certs/root-a.pem" "$work/a.pem"
    mkdir -p "$work/img/sub" "$work/dir"
    cp "$certs/root-a.pem" "$work/img/a.pem"
    # make FILE DIR: the case's file in DIR, named as in the table (nothing for @missing).
    make() {
        case $1 in
        @missing) ;;
        @empty) : >"$2/$1" ;;
        @text) printf 'a list of the CAs we trust\n' >"$2/$1" ;;
        @directory) mkdir -p "$2/$1" ;;
        @damaged) printf -- '-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n' >"$2/$1" ;;
        *) cp "$here/data/$1" "$2/$1" ;;
        esac
    }
    # expect_said PATH WHAT STEP WHERE: stderr says WHAT of PATH, then STEP.
    expect_said() {
        said=$(printf '%s' "$2" | sed "s|@PATH|$1|g")
        todo=$(printf '%s' "$3" | sed "s|@PATH|$1|g")
        expect_in "$err" "nativecerts: $1 (added file) $said" "$4: what it holds"
        [ "$todo" = - ] || expect_in "$err" "what to do: $todo" "$4: the step"
        grep -q 'TBSCertificate' "$err" && fail "$4: the DER parser's words: $(cat "$err")"
    }
    while IFS='|' read -r file what step; do
        file=$(echo "$file" | sed 's/ *$//')
        case $file in '#'* | '') continue ;; esac
        what=$(echo "$what" | sed 's/^ *//; s/ *$//')
        step=$(echo "$step" | sed 's/^ *//; s/ *$//')
        make "$file" "$work/dir"
        make "$file" "$work/img/sub"
        path=$work/dir/$file
        run list --no-platform --file "$work/a.pem" --file "$path"
        expect_rc 4 "$file: list"
        [ "$(grep -c '^[0-9a-f]\{16\}  ' "$out")" = 1 ] || fail "$file: the root is not listed"
        expect_said "$path" "$what" "$step" "$file: list"
        run list --json --no-platform --file "$work/a.pem" --file "$path"
        expect_rc 4 "$file: list --json"
        python3 -m json.tool "$out" >/dev/null 2>&1 || fail "$file: list --json is not JSON"
        echo old >"$work/bundle.pem"
        run export --no-platform --output "$work/bundle.pem" --file "$work/a.pem" --file "$path"
        expect_rc 4 "$file: export"
        [ "$(cat "$work/bundle.pem")" = old ] || fail "$file: export replaced the bundle"
        expect_in "$err" "nothing exported" "$file: export says why"
        run sources --no-platform --file "$work/a.pem" --file "$path"
        expect_rc 4 "$file: sources"
        expect_in "$out" "$path (added file) $(printf '%s' "$what" | sed "s|@PATH|$path|g")" \
            "$file: sources' advice"
        # Under a root, read inside it: absolute, and relative to its top (not to the
        # working directory, which holds other files of the same name).
        run list --root "$work/img" --file /a.pem --file "/sub/$file"
        expect_rc 4 "$file: --root"
        expect_said "/sub/$file" "$what" "$step" "$file: --root"
        (cd "$work/dir" && $emu "$nc" list --root "$work/img" --file a.pem --file "sub/$file" \
            >"$out" 2>"$err")
        rc=$?
        expect_rc 4 "$file: --root, relative"
        expect_said "sub/$file" "$what" "$step" "$file: --root, relative"
    done <"$here/added_paths.txt"
    # Nothing else trusted: still status 4, and the diagnosis leads with the file.
    run list --no-platform --file "$work/dir/key.pem"
    expect_rc 4 "only a key"
    expect_in "$err" "nativecerts: no trusted CA certificate found: $work/dir/key.pem (added file) holds a private key" \
        "only a key: the cause"
    # --dir: an empty directory, or one of keys only, holds no certificate.
    mkdir "$work/keys" "$work/none"
    cp "$here/data/key.pem" "$work/keys/"
    for d in keys none; do
        run list --no-platform --file "$work/a.pem" --dir "$work/$d"
        expect_rc 4 "--dir $d"
        expect_in "$err" "nativecerts: $work/$d (added directory) holds no certificate" "--dir $d"
    done
    ;;

environment_replaces_store)
    need python3
    # When SSL_CERT_FILE or SSL_CERT_DIR chose the certificates, list and export say so
    # on stderr in one line, and --json carries the mode.
    mkdir "$work/dir"
    cp "$certs/root-b.pem" "$work/dir/b.pem"
    note="note: SSL_CERT_FILE is set: what it names replaces the system store, which was not read (compare with --no-env)"
    for cmd in list export; do
        run_env SSL_CERT_FILE="$certs/root-a.pem" -- $cmd
        expect_rc 0 "$cmd with SSL_CERT_FILE"
        [ "$(grep -c '^note: ' "$err")" = 1 ] && expect_in "$err" "$note" "$cmd: the note"
        run_env SSL_CERT_FILE="$certs/root-a.pem" SSL_CERT_DIR="$work/dir" -- $cmd
        expect_in "$err" "note: SSL_CERT_FILE and SSL_CERT_DIR are set: what they name replaces the system store, which was not read (compare with --no-env)" \
            "$cmd: both variables"
        run_env SSL_CERT_DIR="$work/dir" -- $cmd
        expect_in "$err" "note: SSL_CERT_DIR is set: what it names replaces the system store" "$cmd: the dir"
        # Not when they did not choose: --no-env, --root, --no-platform.
        for opts in "--no-env --file $certs/root-c.pem" "--root $work/dir --file /b.pem" \
            "--no-platform --file $certs/root-c.pem"; do
            # shellcheck disable=SC2086
            run_env SSL_CERT_FILE="$certs/root-a.pem" -- $cmd $opts
            grep -q '^note: SSL_CERT' "$err" && fail "$cmd $opts: a note: $(cat "$err")"
        done
    done
    # --json says which mode chose them.
    for want in environment explicit; do
        if [ $want = environment ]; then
            run_env SSL_CERT_FILE="$certs/root-a.pem" -- list --json
        else
            run_env SSL_CERT_FILE="$certs/root-a.pem" -- list --json --no-platform \
                --file "$certs/root-a.pem"
        fi
        python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["mode"] != sys.argv[2])' \
            "$out" $want || fail "list --json mode is not $want: $(head -c 200 "$out")"
    done
    run list --json --root "$work/dir" --file /b.pem
    python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["mode"] != "platform")' \
        "$out" || fail "list --json under --root: mode is not platform"
    # A setuid copy run by another user ignores the variables, and says so. Haiku's
    # paths do not exist here, so what is listed is the added file alone.
    if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
        ! grep -q '^NoNewPrivs:[[:space:]]*1' /proc/self/status 2>/dev/null; then
        chmod 0755 "$work"
        mkdir "$work/suid" && cp "$nc" "$work/suid/nativecerts" && chmod 4755 "$work/suid/nativecerts"
        . "$here/../support/set_id_emulator.sh" # a cross build: the emulator gets the bit
        emu_copy "$work/suid" 4755
        cp "$certs/root-c.pem" "$work/c.pem" && chmod 0644 "$work/c.pem"
        env SSL_CERT_FILE="$certs/root-a.pem" ASAN_OPTIONS=detect_leaks=0 \
            setpriv --reuid=65534 --regid=65534 --clear-groups $(emu_in "$work/suid") \
            "$work/suid/nativecerts" list \
            --os haiku --file "$work/c.pem" >"$out" 2>"$err"
        rc=$?
        if [ $rc = 127 ] || [ $rc = 126 ] || grep -q 'error while loading' "$err"; then
            echo "note [$case_name]: nobody cannot run the command from here" >&2
        else
            expect_rc 0 "setuid copy"
            expect_in "$err" "note: SSL_CERT_FILE is set but ignored, as in every setuid or setgid program: the system store was read" \
                "setuid: the note"
        fi
    else
        echo "note [$case_name]: not root or no setpriv, no setuid case" >&2
    fi
    ;;

diagnosis_shape)
    # When nothing is trusted, stderr has one shape: the cause on the first line of the
    # diagnosis, then what was looked at (only what matters), then what to do, last.
    # shape WHAT: the diagnosis in $err has that shape.
    shape() {
        awk -v what="$1" '
            /^nativecerts: no trusted CA certificate found: ./ { if (!seen) first = NR; seen++ }
            /^looked at \(/ { looked = NR }
            /^what to do: / { if (!step) step = NR }
            END {
                if (!first) { print what ": no cause line"; exit 1 }
                if (!looked || looked < first) { print what ": no places after the cause"; exit 1 }
                if (!step || step < looked) { print what ": no step after the places"; exit 1 }
            }' "$err" || fail "$1: $(cat "$err")"
        tail -n 1 "$err" | grep -Eq '^(what to do: |  )' || fail "$1: the last line is not a step"
    }
    mkdir -p "$work/empty" "$work/hollow/etc/ssl/certs"
    : >"$work/hollow/etc/ssl/certs/ca-certificates.crt"
    # The variable names nothing: the cause and the fix, not 15 ignored places.
    run_env SSL_CERT_FILE=/nonexistent -- list
    expect_rc 2 "SSL_CERT_FILE=/nonexistent"
    shape "SSL_CERT_FILE=/nonexistent"
    [ "$(head -n 1 "$err")" = "nativecerts: no trusted CA certificate found: /nonexistent (SSL_CERT_FILE) does not exist" ] ||
        fail "SSL_CERT_FILE=/nonexistent: the first line: $(head -n 1 "$err")"
    grep -q 'ignored-env' "$err" && fail "SSL_CERT_FILE=/nonexistent: ignored places listed"
    [ "$(wc -l <"$err")" -le 8 ] || fail "SSL_CERT_FILE=/nonexistent: $(wc -l <"$err") lines"
    tail -n 1 "$err" | grep -qF "what to do: point SSL_CERT_FILE at a PEM bundle" ||
        fail "SSL_CERT_FILE=/nonexistent: the fix is not last"
    run_env SSL_CERT_FILE= -- list
    expect_rc 2 "SSL_CERT_FILE empty"
    shape "SSL_CERT_FILE empty"
    expect_in "$err" "SSL_CERT_FILE is set but empty, which names no file" "SSL_CERT_FILE empty"
    # An added file that does not exist, beside no platform store: no ignored places.
    run list --no-platform --file "$work/none.pem"
    shape "--no-platform --file missing"
    grep -q 'ignored-option' "$err" && fail "--no-platform: ignored places listed"
    # Images: empty, and a bundle that is empty.
    run list --root "$work/empty"
    shape "empty image"
    expect_in "$err" "found: none of the 15 places of the linux profile exists in the root directory" \
        "empty image: the cause"
    run export --root "$work/hollow"
    shape "hollow image"
    expect_in "$err" "found: /etc/ssl/certs/ca-certificates.crt (bundle) is empty" "hollow: the cause"
    # A dangling link is named as one, on this system and in an image (there the link is
    # read inside the root: its absolute target is the image's, so a host file of that
    # name does not make it lead somewhere).
    mkdir -p "$work/linked/etc/ssl/certs"
    ln -s /etc/hostname "$work/linked/etc/ssl/certs/ca-certificates.crt"
    run sources --root "$work/linked"
    expect_in "$out" "/etc/ssl/certs/ca-certificates.crt  (a dangling link to /etc/hostname)" \
        "sources --root: dangling link"
    run list --root "$work/linked"
    expect_in "$err" "(a dangling link to /etc/hostname)" "list --root: dangling link"
    ln -s "$work/gone.pem" "$work/dangling.pem"
    run_env SSL_CERT_FILE="$work/dangling.pem" -- list
    shape "dangling link"
    expect_in "$err" "$work/dangling.pem  (a dangling link to $work/gone.pem)" "dangling link"
    run sources --no-platform --file "$work/dangling.pem"
    expect_in "$out" "(a dangling link to $work/gone.pem)" "sources: dangling link"
    ;;

unopenable_root)
    # A root directory that cannot be opened: nothing in it was looked at. Every place,
    # the profile's and those added with --file and --dir, is failed (none is missing:
    # whether it exists is not known), the variables are ignored as under any root, and
    # the diagnosis leads with the root and says to check it, claiming nothing of the
    # places. The same for a path that does not exist and for a file that is no directory.
    : >"$work/plain"
    for root in "$work/nonexist:No such file or directory" "$work/plain:Not a directory"; do
        why=${root#*:}
        root=${root%%:*}
        run_env "SSL_CERT_FILE=$certs/root-a.pem" "SSL_CERT_DIR=$certs" -- \
            sources --root "$root" --os freebsd --file /x.pem --dir /d
        expect_rc 4 "sources, $why"
        grep -E '^  failed +-  file +/x.pem  \(from --file/--dir\)$' "$out" >/dev/null ||
            fail "$why: the added file is not failed: $(cat "$out")"
        grep -E '^  failed +-  directory +/d  \(from --file/--dir\)$' "$out" >/dev/null ||
            fail "$why: the added directory is not failed: $(cat "$out")"
        grep -E '^  failed +-  file +/usr/local/etc/ssl/cert.pem$' "$out" >/dev/null ||
            fail "$why: the profile's bundle is not failed"
        grep -E '^  (missing|used) ' "$out" >/dev/null && fail "$why: a place said missing or used"
        expect_in "$out" "SSL_CERT_FILE  ignored-option  $certs/root-a.pem" "$why: SSL_CERT_FILE"
        expect_in "$out" "SSL_CERT_DIR   ignored-option  $certs" "$why: SSL_CERT_DIR"
        tail -n 1 "$out" | grep -qxF "what to do: check the root directory (--root): a directory this program can open" ||
            fail "$why: sources' last line: $(tail -n 1 "$out")"
        for sel in "--os freebsd --file /x.pem" "--file /x.pem --dir /d" "" "--no-platform --file x.pem"; do
            # shellcheck disable=SC2086 # split on purpose
            run list --root "$root" $sel
            [ -n "$sel" ] || expect_rc 2 "list, $why, no path added"
            [ -z "$sel" ] || expect_rc 4 "list $sel, $why"
            grep -qxF "nativecerts: no trusted CA certificate found: the root directory $root cannot be opened: $why" "$err" ||
                fail "$why, $sel: the cause: $(cat "$err")"
            expect_in "$err" "note: nothing was looked at: every place is inside the root directory" \
                "$why, $sel: the note"
            for wrong in "does not exist" "exists but could not be read" "readable" "install" \
                "rebuild" "check the path"; do
                grep -F -- "$wrong" "$err" | grep -v '^warning: ' | grep -q . &&
                    fail "$why, $sel: the diagnosis says '$wrong': $(cat "$err")"
            done
            awk '/^nativecerts: no trusted/ { c = NR } /^looked at \(/ { l = NR }
                 END { exit !(c && l > c) }' "$err" || fail "$why, $sel: no places after the cause"
            tail -n 1 "$err" | grep -qxF "what to do: check the root directory (--root): a directory this program can open" ||
                fail "$why, $sel: the last line: $(tail -n 1 "$err")"
        done
    done
    ;;

rebuild_step_per_profile)
    # An image whose bundle is empty: the step that rebuilds it is the profile's own
    # (rebuild_steps.txt), or none where the system has no such command; every profile
    # the command knows has a line there.
    run list --os nosuchos
    known=$(sed -n "s/^known profiles: //p" "$err" | tr " " "\n" | grep -vx macos)
    [ -n "$known" ] || fail "no 'known profiles:' line for an unknown --os: $(cat "$err")"
    for name in $known; do
        grep -q "^$name |" "$here/rebuild_steps.txt" || fail "$name: no line in rebuild_steps.txt"
    done
    while IFS='|' read -r profile bundle step; do
        profile=$(echo "$profile" | sed 's/ *$//')
        case $profile in '#'* | '') continue ;; esac
        bundle=$(echo "$bundle" | sed 's/^ *//; s/ *$//')
        step=$(echo "$step" | sed 's/^ *//; s/ *$//')
        img=$work/$profile
        mkdir -p "$img$(dirname "$bundle")"
        : >"$img$bundle"
        run list --root "$img" --os "$profile"
        expect_rc 2 "$profile"
        expect_in "$err" "$bundle (bundle) is empty" "$profile: the empty bundle"
        if [ "$step" = - ]; then
            grep -q '^what to do: rebuild' "$err" && fail "$profile: a rebuild step: $(cat "$err")"
        else
            grep -qxF "what to do: rebuild the bundle: $step" "$err" ||
                fail "$profile: no step 'rebuild the bundle: $step': $(cat "$err")"
        fi
        grep -q '^what to do: ' "$err" || fail "$profile: no step at all"
    done <"$here/rebuild_steps.txt"
    ;;

list_sorted_and_marked)
    need python3
    # The table is sorted by the name shown (bytes), then fingerprint; roots expired or
    # not yet valid at the check time are marked; --json keeps the library's order (DER).
    sel="--no-platform --file $certs/root-c.pem --file $certs/root-a.pem --file $certs/expired.pem"
    sel="$sel --file $certs/not-yet-valid.pem --file $certs/root-b.pem --file $certs/gen-2050.pem"
    # shellcheck disable=SC2086
    run list $sel
    expect_rc 0 "list"
    python3 - "$out" <<'PY' || fail "table order: $(cat "$out")"
import sys
rows = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n\n")[0].splitlines()[1:]]
keys = [(l[30:71].rstrip().encode(), l[:16]) for l in rows]
if keys != sorted(keys) or len(keys) != 6:
    sys.exit("not sorted by name then fingerprint: %r" % keys)
PY
    mark_of() { # PEM -> the mark column of its row
        sha=$(openssl x509 -in "$1" -outform DER 2>/dev/null | sha256sum | cut -c1-16)
        grep "^$sha  " "$out" | cut -c29
    }
    if command -v openssl >/dev/null 2>&1; then
        [ "$(mark_of "$certs/expired.pem")" = "!" ] || fail "expired.pem not marked '!'"
        [ "$(mark_of "$certs/not-yet-valid.pem")" = "+" ] || fail "not-yet-valid.pem not marked '+'"
        [ "$(mark_of "$certs/root-a.pem")" = " " ] || fail "root-a.pem marked"
    fi
    grep -Eq '^! expired, \+ not yet valid at [0-9T:Z-]+; --skip-expired leaves them out$' "$out" ||
        fail "no line says what the marks mean: $(tail -n 2 "$out")"
    # No mark, no line.
    run list --no-platform --file "$certs/root-a.pem"
    grep -q 'not yet valid\|expired' "$out" && fail "a marks line without marks"
    # JSON: DER order, as export writes them.
    # shellcheck disable=SC2086
    run list --json $sel
    cp "$out" "$work/list.json"
    # shellcheck disable=SC2086
    run export $sel
    python3 - "$work/list.json" "$out" <<'PY' || fail "list --json is not in DER order"
import base64, hashlib, json, sys
doc = json.load(open(sys.argv[1]))
pem = open(sys.argv[2]).read().split("-----BEGIN CERTIFICATE-----")[1:]
ders = [base64.b64decode("".join(b.split("-----END")[0].split())) for b in pem]
if ders != sorted(ders):
    sys.exit("export is not in DER order")
if [c["sha256"] for c in doc["certificates"]] != [hashlib.sha256(d).hexdigest() for d in ders]:
    sys.exit("list --json order differs from the DER order")
PY
    ;;

at_date_only)
    need python3
    # --at YYYY-MM-DD is that day's midnight UTC: the same result as the full form.
    sel="--no-platform --file $certs/root-a.pem --file $certs/expired.pem --file $certs/not-yet-valid.pem"
    for day in 2000-06-01 2095-01-01; do
        # shellcheck disable=SC2086
        run list --json --at "$day" $sel
        cp "$out" "$work/short"
        # shellcheck disable=SC2086
        run list --json --at "${day}T00:00:00Z" $sel
        cmp -s "$out" "$work/short" || fail "--at $day differs from ${day}T00:00:00Z"
    done
    # expired.pem ends at the start of 2001-01-01: that midnight still trusts it, a
    # second later does not.
    run list --at 2001-01-01 --no-platform --file "$certs/expired.pem"
    notafter=$(openssl x509 -in "$certs/expired.pem" -noout -enddate 2>/dev/null)
    case $notafter in
    *"Jan  1 00:00:00 2001 GMT") expect_rc 0 "--at 2001-01-01 (midnight, the last second)" ;;
    *) echo "note [$case_name]: expired.pem does not end at 2001-01-01T00:00:00Z" >&2 ;;
    esac
    run list --at 2001-01-01T00:00:01Z --no-platform --file "$certs/expired.pem"
    expect_rc 2 "a second after midnight"
    ;;

write_failures)
    # Every failed write is said on stderr and makes the status 1: standard output for
    # each command, export's file (export_safety.sh), and standard error.
    [ -w /dev/full ] || skip "no /dev/full"
    sel="--no-platform --file $certs/root-a.pem"
    for args in "list $sel" "list --json $sel" "sources $sel" "sources --json $sel" \
        "export $sel" "export --output - $sel" "--help" "--version" "help list"; do
        # shellcheck disable=SC2086
        $emu "$nc" $args >/dev/full 2>"$err"
        rc=$?
        expect_rc 1 "$args >/dev/full"
        expect_in "$err" "cannot write to standard output" "$args >/dev/full: said"
    done
    # Nothing trusted and stdout full: the write failure wins over "nothing".
    mkdir "$work/empty"
    $emu "$nc" sources --root "$work/empty" >/dev/full 2>"$err"
    rc=$?
    expect_rc 1 "sources, nothing trusted, >/dev/full"
    # Standard error full: the warning is lost, the status says so.
    printf -- '-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n' \
        >"$work/damaged.pem"
    cat "$certs/root-b.pem" "$work/damaged.pem" >"$work/half.pem"
    $emu "$nc" list $sel --file "$work/half.pem" >"$out" 2>/dev/full
    rc=$?
    expect_rc 1 "a warning to a full stderr"
    $emu "$nc" list $sel >"$out" 2>/dev/full
    rc=$?
    expect_rc 0 "nothing to say, stderr full"
    ;;

advice_api)
    # The library gives the advice (nativecerts_result_advice); the command prints the
    # same text: sources --json carries it whole. advice_probe checks the snprintf-style
    # contract and prints the text for a selection.
    [ -x "$probe" ] || skip "no advice_probe"
    need python3
    mkdir -p "$work/debian/etc" "$work/img"
    printf 'ID=debian\n' >"$work/debian/etc/os-release"
    cp "$here/data/bundle.p12" "$work/img/"
    cp "$certs/root-a.pem" "$work/img/a.pem"
    for sel in "--root $work/debian" "--root $work/img --file /bundle.p12" \
        "--root $work/img --file /a.pem --file /bundle.p12" "--root $work/img --file /zé€𝄞.pem" \
        "--root $work/nonexist --file /a.pem" "--root $work/img --file /a.pem"; do
        # shellcheck disable=SC2086
        $emu "$probe" $sel >"$work/api" 2>"$err" || fail "advice_probe $sel: $(cat "$err")"
        # shellcheck disable=SC2086
        run sources --json $sel
        python3 - "$out" "$work/api" <<'PY' || fail "$sel: the command's advice is not the library's"
import json, sys
advice = json.load(open(sys.argv[1]))["advice"] or ""
api = open(sys.argv[2], encoding="utf-8").read()
if advice != api:
    sys.exit("command %r\nlibrary %r" % (advice, api))
PY
    done
    $emu "$probe" --root "$work/debian" | grep -q "apt-get install ca-certificates" ||
        fail "the library's advice for a Debian image"
    [ -s "$work/api" ] && fail "advice for a result with nothing wrong: $(cat "$work/api")"
    ;;

help_and_version)
    run --version
    expect_rc 0 "--version"
    grep -Eqx 'nativecerts [0-9]+\.[0-9]+\.[0-9]+' "$out" || fail "--version: $(cat "$out")"
    run --help
    expect_rc 0 "--help"
    for text in "usage: nativecerts list" "export" "sources" "--root DIR" "--at TIME" \
        "Exit status"; do
        expect_in "$out" "$text" "--help"
    done
    awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$out" || fail "--help wider than 80"
    for cmd in list export sources; do
        run help "$cmd"
        expect_rc 0 "help $cmd"
        awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$out" || fail "help $cmd too wide"
        expect_in "$out" "nativecerts $cmd" "help $cmd"
        cp "$out" "$work/help"
        run "$cmd" --help
        expect_rc 0 "$cmd --help"
        cmp -s "$out" "$work/help" || fail "$cmd --help differs from help $cmd"
    done
    run
    expect_rc 1 "no arguments"
    expect_in "$err" "usage:" "usage on stderr without arguments"
    ;;

*)
    echo "unknown case $case_name" >&2
    exit 2
    ;;
esac
exit $status
