#!/bin/sh
# The man pages are complete and well formed: nativecerts(3) names every function the
# shared library exports (and the header declares), nativecerts(1) names every command
# and option the command's --help lists, and groff renders both without a warning.
#
#   man_pages.sh SOURCE_DIR LIBRARY COMMAND
#
# Without nm (binutils) the header alone gives the functions; without groff the
# rendering check is left out (said on stderr).
set -u

src=$1
lib=$2
cli=$3
status=0
fail() { echo "FAIL: $*" >&2; status=1; }

page1=$src/man/nativecerts.1
page3=$src/man/nativecerts.3
if [ ! -f "$page1" ] || [ ! -f "$page3" ]; then
    echo "FAIL: man pages missing" >&2
    exit 1
fi

functions=$(grep -o 'nativecerts_[a-z0-9_]*(' "$src/include/nativecerts.h" | tr -d '(')
if command -v nm >/dev/null 2>&1; then
    functions="$functions $(nm -D --defined-only "$lib" | awk '$2 == "T" { print $3 }')"
else
    echo "note: nm not found, functions taken from the header only" >&2
fi
[ -n "$functions" ] || fail "no function found"
# shellcheck disable=SC2086 # one name a word
for f in $(printf '%s\n' $functions | sort -u); do
    grep -q "$f\\b" "$page3" || fail "nativecerts.3 does not document $f"
done

# Options and commands of the command's own help, as written in roff (\- for -).
help=$(${NC_EMULATOR:-} "$cli" --help 2>&1) || fail "nativecerts --help failed"
for opt in $(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    roff=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
    grep -q -- "$roff" "$page1" || fail "nativecerts.1 does not document $opt"
done
for cmd in list export sources help; do
    case $help in *"nativecerts $cmd"* | *" $cmd "*)
        grep -q "^\\.B $cmd\$\|^\\.BI $cmd " "$page1" || fail "nativecerts.1 has no entry for $cmd" ;;
    esac
done

if command -v groff >/dev/null 2>&1; then
    for page in "$page1" "$page3"; do
        warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
        [ -z "$warnings" ] || fail "groff warns about $page: $warnings"
    done
else
    echo "note: groff not found, rendering not checked" >&2
fi
[ $status = 0 ] && echo "ok: man pages"
exit $status
