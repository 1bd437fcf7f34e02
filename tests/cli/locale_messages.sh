#!/bin/sh
# The library's messages do not depend on the locale: a program that calls setlocale()
# still gets English errno words (the library never calls strerror, whose words a
# locale translates).
#
#   locale_messages.sh LOCALE_PROBE
#
# A German locale is compiled into a temporary directory with localedef (LOCPATH), so
# that the C library's own strerror() does translate, which locale_probe confirms; where
# localedef or glibc's German messages are missing, C.UTF-8 and POSIX are compared
# instead (a weaker check, said on stderr).
set -u
probe=$1
emu=${NC_EMULATOR:-} # a cross build's emulator, before each run of "$probe" (unquoted)
status=0
fail() { echo "FAIL: $*" >&2; status=1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nct-locale.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT INT TERM
unset LANGUAGE LC_ALL LC_MESSAGES LANG

# Compiled locales hold integers in the byte order of the program that reads them: the
# probe's ELF header says which (a cross build may run a big-endian one).
case $(od -An -tx1 -j5 -N1 "$probe" | tr -d ' ') in
02) order=--big-endian ;;
*) order=--little-endian ;;
esac
if command -v localedef >/dev/null 2>&1 && [ -d /usr/share/i18n/locales ] &&
    localedef $order -i de_DE -f UTF-8 "$work/de_DE.UTF-8" >/dev/null 2>&1; then
    said=$(LOCPATH=$work $emu "$probe" de_DE.UTF-8 "$work/missing.pem")
    rc=$?
    [ $rc = 0 ] || fail "de_DE.UTF-8: the library's message is not English (exit $rc)"
    if [ "$said" = translated ]; then
        [ $status = 0 ] && echo "ok: English messages under de_DE.UTF-8, where strerror is German"
        exit $status
    fi
    echo "note: strerror is not German under de_DE.UTF-8 here (no libc.mo?)" >&2
else
    echo "note: no localedef or locale sources: C.UTF-8 and POSIX only" >&2
fi
for loc in C.UTF-8 POSIX; do
    $emu "$probe" "$loc" "$work/missing.pem" >/dev/null
    rc=$?
    [ $rc = 0 ] || [ $rc = 77 ] || fail "$loc: the library's message is not English (exit $rc)"
done
exit $status
