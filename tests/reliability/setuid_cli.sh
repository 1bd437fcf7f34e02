#!/bin/sh
# Privilege (docs/environment.md): a setuid-root copy of the nativecerts command, run by an ordinary
# user, ignores SSL_CERT_FILE and SSL_CERT_DIR and never reads a file the user names in
# them; `nativecerts sources` says so ("ignored-setuid").
#
#   setuid_cli.sh NATIVECERTS FIXTURES_DIR
#
# As root: copies of the command, one setuid-root, one plain, in a fresh directory; the
# variables name a canary file and directory (root-c) that user nobody owns. Each copy
# runs as nobody under `strace -u nobody` (strace runs as root, so the set-id bit takes
# effect, and it sees every path the process names). The setuid copy must not name the
# canary paths at all, nor list root-c; the plain copy, the control, must load them.
# Skips (77) when not root, without strace or setpriv, where set-id bits cannot take
# effect (nosuid, no_new_privs), or when nobody cannot run the command from here.
set -u
cli=$1
certs=$2
. "$(dirname "$0")/../support/set_id_emulator.sh"
skip() { echo "skipped: $*" >&2; exit 77; }
fail() { echo "FAIL: $*" >&2; status=1; }

[ "$(id -u)" = 0 ] || skip "needs root"
command -v strace >/dev/null 2>&1 || skip "strace not found"
command -v setpriv >/dev/null 2>&1 || skip "setpriv not found"
grep -q '^NoNewPrivs:[[:space:]]*1' /proc/self/status 2>/dev/null && skip "no_new_privs is set"
strace -f -qq -o /dev/null true 2>/dev/null || skip "strace cannot trace here"

work=$(mktemp -d "${TMPDIR:-/tmp}/nct-setuid-cli.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT INT TERM
chmod 0755 "$work"
case ",$(findmnt -no OPTIONS -T "$work" 2>/dev/null)," in
*,nosuid,*) skip "$work is mounted nosuid" ;;
esac
mkdir -p "$work/user/dir" "$work/setuid" "$work/plain" || exit 99
cp "$certs/root-c.pem" "$work/user/canary.pem" && cp "$certs/root-c.pem" "$work/user/dir/c.pem" || exit 99
chown -R 65534:65534 "$work/user"
for kind in setuid plain; do
    cp "$cli" "$work/$kind/nativecerts" && chown 0:0 "$work/$kind/nativecerts" || exit 99
done
chmod 4755 "$work/setuid/nativecerts"
chmod 0755 "$work/plain/nativecerts"
emu_copy "$work/setuid" 4755 && emu_copy "$work/plain" 0755 || exit 99
setpriv --reuid=65534 --regid=65534 --clear-groups $(emu_in "$work/plain") "$work/plain/nativecerts" --version >/dev/null 2>&1 ||
    skip "user nobody cannot run the command from here (build directory not traversable?)"

# Sanitizer builds: LeakSanitizer cannot work in a traced process; the exit status of a
# run that only it failed is not held against the command (its output still is).
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
export ASAN_OPTIONS

# run KIND ARGS...: the command as nobody with the variables set; output in $out.
run() {
    kind=$1
    shift
    out=$(env SSL_CERT_FILE="$work/user/canary.pem" SSL_CERT_DIR="$work/user/dir" \
        strace -f -qq -u nobody -o "$work/$kind.strace" -e trace=%file,%desc \
        $(emu_in "$work/$kind") "$work/$kind/nativecerts" "$@" 2>"$work/$kind.err")
    rc=$?
    if [ $rc != 0 ] && [ $rc != 2 ]; then
        grep -q 'LeakSanitizer' "$work/$kind.err" || fail "$kind: exit $rc: $(cat "$work/$kind.err")"
    fi
}

status=0
run setuid list
grep -F "$work/user" "$work/setuid.strace" >&2 && fail "setuid: the process named the user's paths"
case $out in *"$work/user"*) fail "setuid: lists the user's certificates: $out" ;; esac
run plain list
case $out in *"$work/user/canary.pem"*) ;; *) fail "plain: the control did not use SSL_CERT_FILE: $out" ;; esac
grep -qF "$work/user/canary.pem" "$work/plain.strace" || fail "plain: the control did not open the canary"

# The sources report says why the variables were not used.
run setuid sources
case $out in *ignored-setuid*) ;; *) fail "setuid: sources does not say ignored-setuid: $out" ;; esac
grep -F "$work/user" "$work/setuid.strace" >&2 && fail "setuid: sources named the user's paths"
[ $status = 0 ] && echo "setuid copy ignored the variables and named none of the user's paths"
exit $status
