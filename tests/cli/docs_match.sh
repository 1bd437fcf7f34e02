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
#   citations       no file of the repository (docs/ and CHANGELOG.md aside) cites a
#                   document the repository does not hold: the project's internal
#                   contract, its sections, or issue numbers; it cites docs/ instead.
#                   Sections of public standards (RFC 5280 §4.1, X.690, X.680, FIPS
#                   180-4 §6.1) are fine.
#   docs_pages      every docs/*.md page a file names exists, every relative link
#                   between the pages leads to one, and docs/README.md lists them all
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

# The repository's files, relative to src, one a line: git's list in a checkout (so that
# build trees and untracked files do not count), else every file but .git and build*.
repo_files() {
    if command -v git >/dev/null 2>&1 &&
        git -C "$src" ls-files --error-unmatch CMakeLists.txt >/dev/null 2>&1; then
        git -C "$src" ls-files
    else
        (cd "$src" && find . \( -name .git -o -name 'build*' \) -prune -o -type f -print |
            sed 's|^\./||')
    fi
}

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
    grep -n '§\|S[P]EC\|contract\|[Ii]ssue [0-9]' "$src/include/nativecerts.h" &&
        fail "the header cites a document its reader does not have"
    ;;

citations)
    # The patterns are written so that this file does not match them itself.
    repo_files >"$work/files" || skip "cannot list the repository's files"
    grep -v -e '^docs/' -e '^CHANGELOG\.md$' "$work/files" >"$work/checked"
    [ -s "$work/checked" ] || fail "no file to check"
    # Lines naming the contract, its sections or an issue number; then lines with a
    # section sign, once the sections of standards are taken out: numbered with a dot
    # (FIPS 180-4 §6.1.2; the contract's never are) or after the standard's name.
    cd "$src" || exit 99
    tr '\n' '\0' <"$work/checked" >"$work/checked0"
    {
        LC_ALL=C xargs -0 grep -s -n -H -I -E -e '(^|[^A-Za-z_])S[P]EC([^A-Za-z_]|$)' \
            -e '[Cc]ontract ?§' -e '[Ii]ssues? #?[0-9]' <"$work/checked0"
        LC_ALL=C xargs -0 grep -s -n -H -I '§' <"$work/checked0" |
            LC_ALL=C sed -E -e 's/§ ?[0-9]+(\.[0-9]+)+//g' \
                -e 's/(RFC ?[0-9]+|X\.[0-9]+|FIPS [0-9-]+),? *§ ?[0-9]+//g' |
            LC_ALL=C grep -E '§ ?[0-9]' | cut -d: -f1,2 >"$work/sections"
        # Print those lines as they are, not as the standards were taken out of them.
        while IFS=: read -r f n; do
            printf '%s:%s:%s\n' "$f" "$n" "$(sed -n "${n}p" "$f")"
        done <"$work/sections"
    } | LC_ALL=C sort -t: -k1,1 -k2,2n -u >"$work/hits"
    if [ -s "$work/hits" ]; then
        cat "$work/hits" >&2
        fail "$(cut -d: -f1 "$work/hits" | sort -u | wc -l | tr -d ' ') files cite a document the repository does not hold: state the rule, or cite a page of docs/"
    fi
    ;;

docs_pages)
    repo_files >"$work/files" || skip "cannot list the repository's files"
    [ -f "$src/docs/README.md" ] || fail "docs/README.md is missing"
    # Each page of docs/ that a file names by its path.
    tr '\n' '\0' <"$work/files" | (cd "$src" && LC_ALL=C xargs -0 grep -s -o -H -I -E \
        'docs/[A-Za-z0-9_-]+\.md') | sort -u >"$work/named"
    [ -s "$work/named" ] || fail "no file names a page of docs/: is the file list empty?"
    while IFS=: read -r f page; do
        [ -f "$src/$page" ] || fail "$f names $page, which does not exist"
    done <"$work/named"
    # Links between the pages: [text](NAME.md) or (NAME.md#anchor).
    for f in "$src"/docs/*.md; do
        LC_ALL=C grep -o -E '\]\([A-Za-z0-9_-]+\.md(#[^)]*)?\)' "$f" |
            sed -E 's/^\]\(//; s/(#[^)]*)?\)$//' | sort -u | while read -r page; do
            [ -f "$src/docs/$page" ] || echo "$(basename "$f") links to $page, which does not exist"
        done
    done >"$work/broken"
    [ -s "$work/broken" ] && fail "$(cat "$work/broken")"
    for f in "$src"/docs/*.md; do
        page=$(basename "$f")
        [ "$page" = README.md ] && continue
        grep -q "]($page)" "$src/docs/README.md" || fail "docs/README.md does not list $page"
    done
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
