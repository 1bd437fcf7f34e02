#!/bin/sh
# What the documents say of the command and the build, held against what they do. One
# case per run:
#
#   docs_match.sh CASE SOURCE_DIR NATIVECERTS [CMAKE]
#
#   exit_statuses   the statuses of cli/args.h (EXIT_*), of --help, of the man page's
#                   EXIT STATUS and of the README's table are the same set
#   options         the options the parser knows (cli/args.c), those --help lists, those
#                   the man page documents and those of the README's synopsis are the
#                   same set
#   header_alone    include/nativecerts.h cites no document a user does not have
#   build_defaults  a configure without CMAKE_BUILD_TYPE gives Release (one with it keeps
#                   it), and every NATIVECERTS_* option the README names exists, tests,
#                   examples and benchmark among them
set -u
case_name=$1
src=$2
nc=$3
emu=${NC_EMULATOR:-} # a cross build's emulator, before each run of "$nc" (unquoted)
cmake=${4:-cmake}
status=0
fail() { echo "FAIL [$case_name]: $*" >&2; status=1; }
skip() { echo "skipped [$case_name]: $*" >&2; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nct-docs.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT INT TERM

# same WHAT FILE...: every FILE holds the same sorted set of lines as the first.
same() {
    what=$1
    first=$2
    shift 2
    for other in "$@"; do
        cmp -s "$first" "$other" ||
            fail "$what: $(basename "$first") [$(tr '\n' ' ' <"$first")] vs $(basename "$other") [$(tr '\n' ' ' <"$other")]"
    done
}

case $case_name in
exit_statuses)
    sed -n 's/^#define EXIT_[A-Z_]* \([0-9]\).*/\1/p' "$src/cli/args.h" | sort -u >"$work/code"
    $emu "$nc" --help | sed -n '/^Exit status/,/^[^ E]/s/^  \([0-9]\)  .*/\1/p' | sort -u >"$work/help"
    sed -n '/^\.SH EXIT STATUS/,/^\.SH /{/^\.TP/{n;s/^\.B \([0-9]\)$/\1/p;}}' \
        "$src/man/nativecerts.1" | sort -u >"$work/man"
    sed -n 's/^| \([0-9]\) | .*/\1/p' "$src/README.md" | sort -u >"$work/readme"
    [ -s "$work/code" ] || fail "no EXIT_ status in cli/args.h"
    same "exit statuses" "$work/code" "$work/help" "$work/man" "$work/readme"
    # Each status the code defines is one it returns somewhere.
    for name in $(sed -n 's/^#define \(EXIT_[A-Z_]*\) [0-9].*/\1/p' "$src/cli/args.h"); do
        grep -q "$name" "$src/cli/main.c" "$src/cli/args.c" || fail "$name is never returned"
    done
    ;;

options)
    grep -o '"--[a-z][a-z-]*"' "$src/cli/args.c" | tr -d '"' | sort -u >"$work/code"
    $emu "$nc" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$work/help"
    for cmd in list export sources; do $emu "$nc" help $cmd; done | grep -o -- '--[a-z][a-z-]*' |
        sort -u >"$work/help-commands"
    sed -n '/^\.SH SYNOPSIS/,/^\.SH DESCRIPTION/p' "$src/man/nativecerts.1" |
        grep -o '\\-\\-[a-z][a-z\\-]*' | sed 's/\\-/-/g' | sort -u >"$work/man"
    sed -n '/^## The command/,/^Exit status/p' "$src/README.md" | grep -o -- '--[a-z][a-z-]*' |
        sort -u >"$work/readme"
    [ -s "$work/code" ] || fail "no option in cli/args.c"
    same "options" "$work/code" "$work/help" "$work/man" "$work/readme"
    # Each command's help lists its options and the selection (not --help, --version).
    grep -v -x -e --help -e --version "$work/code" >"$work/commands"
    same "options of help COMMAND" "$work/commands" "$work/help-commands"
    ;;

header_alone)
    grep -n '§\|SPEC\|contract\|[Ii]ssue [0-9]' "$src/include/nativecerts.h" &&
        fail "the header cites a document its reader does not have"
    ;;

build_defaults)
    command -v "$cmake" >/dev/null 2>&1 || skip "no cmake"
    off="-DNATIVECERTS_TESTS=OFF -DNATIVECERTS_EXAMPLES=OFF -DNATIVECERTS_BENCH=OFF"
    # shellcheck disable=SC2086
    "$cmake" -S "$src" -B "$work/default" $off >"$work/log" 2>&1 || fail "configure: $(cat "$work/log")"
    grep -qx 'CMAKE_BUILD_TYPE:STRING=Release' "$work/default/CMakeCache.txt" ||
        fail "no build type given, not Release: $(grep CMAKE_BUILD_TYPE "$work/default/CMakeCache.txt")"
    # shellcheck disable=SC2086
    "$cmake" -S "$src" -B "$work/debug" $off -DCMAKE_BUILD_TYPE=Debug >"$work/log" 2>&1 ||
        fail "configure Debug: $(cat "$work/log")"
    grep -qx 'CMAKE_BUILD_TYPE:STRING=Debug' "$work/debug/CMakeCache.txt" || fail "Debug not kept"
    for t in tests examples bench; do
        [ -e "$work/default/$t/Makefile" ] && fail "-DNATIVECERTS_${t}=OFF still builds $t/"
    done
    # CMake options as the README passes them (-DNATIVECERTS_X=); environment variables
    # such as NATIVECERTS_BENCH_CLOCK=cpu are not options.
    grep -o -- '-DNATIVECERTS_[A-Z_]*=' "$src/README.md" | sed 's/^-D//; s/=$//' | sort -u \
        >"$work/readme"
    cat "$src/CMakeLists.txt" "$src"/cmake/*.cmake | grep -o 'option(NATIVECERTS_[A-Z_]*' |
        sed 's/option(//' | sort -u >"$work/cmake"
    for o in $(cat "$work/readme"); do
        grep -qx "$o" "$work/cmake" || fail "the README names $o, which CMakeLists.txt does not define"
    done
    for o in NATIVECERTS_TESTS NATIVECERTS_EXAMPLES NATIVECERTS_BENCH; do
        grep -qx "$o" "$work/readme" || fail "the README does not say how to turn off $o"
    done
    ;;

*)
    echo "unknown case $case_name" >&2
    exit 2
    ;;
esac
exit $status
