#!/bin/sh
# docs/environment.md: the variables are read with secure_getenv, so a setuid (or setgid) program
# ignores SSL_CERT_FILE / SSL_CERT_DIR, as OpenSSL does, and the sources report says so
# ("ignored-setuid"); the platform store is loaded instead.
#
#   env_setuid_ignored.sh PROBE FIXTURES_DIR
#
# PROBE is test_env_probe (tests/unix/test_env_probe.c). As root, copies of it are made
# setuid-root and setgid-root in a fresh directory and run as user nobody with the
# variables set; a plain copy run the same way is the control and must use them.
# Skips (77) when not root, without setpriv, or when set-id bits cannot take effect
# here (nosuid mount, no_new_privs): the probe prints its real and effective ids, so a
# set-id bit without effect is detected, never mistaken for a pass or a failure.
set -u

probe=$1
certs=$2
. "$(dirname "$0")/../support/set_id_emulator.sh"
skip() { echo "skipped: $*" >&2; exit 77; }
fail() { echo "FAIL: $*" >&2; status=1; }

[ "$(id -u)" = 0 ] || skip "needs root (to make a setuid-root copy and to become nobody)"
command -v setpriv >/dev/null 2>&1 || skip "setpriv (util-linux) not found"
if grep -q '^NoNewPrivs:[[:space:]]*1' /proc/self/status 2>/dev/null; then
    skip "no_new_privs is set for this process: set-id bits cannot take effect"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/nct-setuid.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT INT TERM
chmod 0755 "$work"

if command -v findmnt >/dev/null 2>&1; then
    case ",$(findmnt -no OPTIONS -T "$work" 2>/dev/null)," in
    *,nosuid,*) skip "$work is on a filesystem mounted nosuid" ;;
    esac
fi

# The fake platform store holds root-c; the variables name root-a (file) and root-b (dir),
# so the mode and the count tell which was loaded.
root=$work/root
mkdir -p "$root/etc/ssl/certs" "$root/env/dir" || exit 99
cp "$certs/root-c.pem" "$root/etc/ssl/certs/ca-certificates.crt" || exit 99
cp "$certs/root-a.pem" "$root/env/a.pem" || exit 99
cp "$certs/root-b.pem" "$root/env/dir/b.pem" || exit 99
chmod -R a+rX "$root"

setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$root/env/dir/b.pem" ||
    skip "user nobody cannot reach $work (TMPDIR not traversable?)"

for kind in setuid setgid plain; do
    mkdir "$work/$kind" && chmod 0755 "$work/$kind" || exit 99
    cp "$probe" "$work/$kind/probe" || exit 99
    chown 0:0 "$work/$kind/probe" || exit 99
done
chmod 4755 "$work/setuid/probe"
chmod 2755 "$work/setgid/probe"
chmod 0755 "$work/plain/probe"
emu_copy "$work/setuid" 4755 && emu_copy "$work/setgid" 2755 && emu_copy "$work/plain" 0755 || exit 99

# Sanitizer builds: the probe itself turns off only the leak check, and only when set-id
# (see test_env_probe.c); AddressSanitizer and UBSan stay on in every run.

run_as_nobody() {
    env SSL_CERT_FILE=/env/a.pem SSL_CERT_DIR=/env/dir \
        setpriv --reuid=65534 --regid=65534 --clear-groups $(emu_in "$1") "$1/probe" "$root"
}

# field NAME: a value of the probe's line; expect NAME VALUE: a check of one.
field() { echo "$out" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
expect() { [ "$(field "$1")" = "$2" ] || fail "$kind: $1=$(field "$1"), expected $2"; }

status=0
for kind in setuid setgid plain; do
    out=$(run_as_nobody "$work/$kind") || {
        fail "$kind probe failed to run (exit $?): $out"
        continue
    }
    echo "$kind: $out"
    [ "$(field ruid)" = 65534 ] || fail "$kind probe did not run as nobody: $out"
    case $kind in
    setuid)
        [ "$(field euid)" = 0 ] || skip "setuid bit had no effect here (euid $(field euid))"
        ;;
    setgid)
        [ "$(field egid)" = 0 ] || skip "setgid bit had no effect here (egid $(field egid))"
        ;;
    esac
    if [ "$kind" = plain ]; then
        # Control: an ordinary program, same user, same variables, uses them.
        expect mode environment
        expect file_status used
        expect dir_status used
        expect trusted 2 # root-a (SSL_CERT_FILE) and root-b (SSL_CERT_DIR)
    else
        expect mode platform
        expect file_status ignored-setuid
        expect dir_status ignored-setuid
        expect trusted 1 # root-c, the platform bundle
    fi
    expect errors 0
done
exit $status
