#!/bin/sh
# Names that are not text, seen through the command's --json: a directory whose
# entries have newlines, escape sequences, quotes, backslashes and invalid UTF-8 in their
# names, each holding a broken certificate, so that every name appears in an error. The
# JSON printed must parse (strict UTF-8, no raw control byte) and name every entry.
#
#   cli_json_names.sh NATIVECERTS
# Skips (77) without python3, or while the command has no --json.
set -u
cli=$1
skip() { echo "skipped: $*" >&2; exit 77; }
command -v python3 >/dev/null 2>&1 || skip "python3 not found"
work=$(mktemp -d "${TMPDIR:-/tmp}/nct-json.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT INT TERM
d=$work/root/etc/ssl/certs
mkdir -p "$d" || exit 99
for name in "$(printf 'new\nline.pem')" "$(printf 'esc\033[31mred.pem')" \
    "$(printf 'bad-\377\376-utf8.pem')" 'quote"back\slash.pem' "$(printf 'tab\tbell\a.pem')"; do
    printf -- '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n' >"$d/$name"
done
${NC_EMULATOR:-} "$cli" list --json --root "$work/root" >"$work/out.json" 2>"$work/err"
rc=$?
if [ $rc != 0 ] && [ $rc != 2 ]; then
    grep -qiE 'usage|unknown|bad option' "$work/err" && skip "this nativecerts has no --json yet"
    echo "FAIL: exit $rc: $(cat "$work/err")" >&2
    exit 1
fi
python3 - "$work/out.json" <<'PY'
import json, sys
raw = open(sys.argv[1], 'rb').read()
bad = [b for b in raw if b < 0x20 and b not in b'\n\r\t']
text = raw.decode('utf-8')  # strict: invalid UTF-8 must have been escaped
doc = json.loads(text)
s = json.dumps(doc)
missing = [n for n in ('new', 'esc', 'bad-', 'quote', 'tab') if n not in s]
if bad or missing:
    print('FAIL: raw control bytes %r, names missing %r' % (bad, missing), file=sys.stderr)
    sys.exit(1)
print('JSON parses; every name is there, escaped')
PY
