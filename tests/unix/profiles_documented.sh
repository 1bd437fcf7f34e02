#!/bin/sh
# The documents that list profiles and their places, held against the profile table
# (src/unix/profiles.c with every row, src/win/profile.c), which is the one place they
# are defined; and, with --write, rewritten from it:
#
#   profiles_documented.sh SOURCE_DIR UNIX_TABLE WINDOWS_TABLE [--write]
#
# UNIX_TABLE and WINDOWS_TABLE are the programs profile_table.c builds; each prints
# "PROFILE name -" and "PROFILE ROLE PATH" lines. These lists are generated from the
# table: the profiles in its order, but for macos, unix and windows, which each document
# names in words of its own (Apple builds only, any other Unix, the other backend):
#   include/nativecerts.h   the comment of nativecerts_profile_name(), refilled at 90
#   man/nativecerts.3       the entry of nativecerts_profile_name(), between two marks
#   man/nativecerts.1       the profiles of --os, between two marks
#   README.md               the **Profiles** item of "What it reads", refilled at 86
# and so is man/nativecerts.1's FILES (every path of every profile, with its role),
# between two marks. Without --write, fails when one of them differs from what the table
# gives; with it (`cmake --build build --target profiles_documents`), rewrites them. Then,
# either way, fails when one of the four lists a profile the table does not have or
# misses one it has (macos, unix and windows included), when README's "What it reads"
# names a path that no profile has, or when no layout of tests/unix/layouts loads a
# profile that has places.
set -u
src=$1
unix_table=$2
windows_table=$3
write=${4:-}
emu=${NC_EMULATOR:-} # a cross build's emulator, before each run of a program (unquoted)
status=0
fail() { echo "FAIL: $*" >&2; status=1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nct-profiles.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT INT TERM

{ $emu "$unix_table" && $emu "$windows_table"; } >"$work/table" || {
    echo "FAIL: the table programs did not run" >&2
    exit 99
}
awk '$2 == "name" { print $1 }' "$work/table" | sort -u >"$work/names"
awk '$2 != "name" { print $3 }' "$work/table" | sort -u >"$work/paths"
# The names the generated lists hold, in the table's order.
awk '$2 == "name" && $1 != "macos" && $1 != "unix" && $1 != "windows" { print $1 }' \
    "$work/table" >"$work/listed_names"

# settle DOC WHAT NEW: NEW is DOC (relative to src) with the list WHAT as the table gives
# it. --write puts NEW in place; else a difference fails.
settle() {
    if cmp -s "$src/$1" "$3"; then
        return
    elif [ "$write" = "--write" ]; then
        cp "$3" "$src/$1"
        echo "rewrote $2 in $1" >&2
    else
        fail "$1 ($2) differs from the table (- the document, + the table; rewrite it with" \
            "cmake --build BUILD --target profiles_documents):"
        diff "$src/$1" "$3" | grep '^[<>]' | sed 's/^</-/; s/^>/+/' >&2
    fi
}

# between DOC BEGIN LIST: DOC with the lines between the line BEGIN and the next line
# END_MARK replaced by the file LIST. The marks are given to awk through the environment
# (-v would take the backslashes of roff's comments as escapes).
# shellcheck disable=SC2089,SC2090 # the quote and backslash are roff's, meant literally
export END_MARK='.\" End of the generated list.'
between() {
    BEGIN_MARK=$2 awk -v list="$3" '
        on && $0 == ENVIRON["END_MARK"] { while ((getline l < list) > 0) print l; on = 0; done++ }
        !on { print }
        $0 == ENVIRON["BEGIN_MARK"] { on = 1; seen++ }
        END { if (seen != 1 || done != 1) exit 1 }' "$src/$1" || {
        echo "FAIL: $1 does not hold the line '$2' once, followed by '$END_MARK'" >&2
        exit 99
    }
}

# refill DOC FIRST PREFIX1 PREFIX WIDTH QUOTE: DOC with the paragraph that starts with
# the line matching FIRST (up to the line that closes a comment, or before a line that
# does not start with PREFIX) rewritten: its run of words QUOTE name QUOTE "," (the
# first may open a parenthesis) becomes the table's, and the paragraph is filled to
# WIDTH characters, its first line after PREFIX1, the others after PREFIX.
refill() {
    LC_ALL=C awk -v first="$2" -v p1="$3" -v p="$4" -v width="$5" -v q="$6" \
        -v names="$work/listed_names" '
        function chars(s) { gsub(/[\200-\277]/, "", s); return length(s) }
        function flush(   i, line, w, k, out, run) {
            # The paragraph as words, the run replaced by the table names.
            k = 0; run = 0
            for (i = 1; i <= nw; i++) {
                w = word[i]
                if (run < 2 && w ~ ("^[(]?" q "[a-z0-9_]+" q ",$")) {
                    if (run == 0) {
                        run = 1
                        paren = substr(w, 1, 1) == "(" ? "(" : ""
                        for (j = 1; j <= nn; j++) out[++k] = (j == 1 ? paren : "") q name[j] q ","
                    }
                    continue
                }
                if (run == 1) run = 2
                out[++k] = w
            }
            if (run == 0) exit 2
            line = p1 out[1]
            for (i = 2; i <= k; i++) {
                if (chars(line) + 1 + chars(out[i]) <= width) line = line " " out[i]
                else { print line; line = p out[i] }
            }
            print line
            nw = 0; found++
        }
        BEGIN { while ((getline l < names) > 0) name[++nn] = l }
        on && (substr($0, 1, length(p)) != p || $0 == p) { flush(); on = 0 }
        !on && $0 ~ first { on = 1; s = substr($0, length(p1) + 1) }
        on {
            if (nw) s = substr($0, length(p) + 1)
            n = split(s, a, " ")
            for (i = 1; i <= n; i++) word[++nw] = a[i]
            if (s ~ /[*]\/$/) { flush(); on = 0 }
            next
        }
        { print }
        END { if (on) flush(); if (found != 1) exit 2 }' "$src/$1" || {
        echo "FAIL: $1 has no paragraph that starts with /$2/ and lists profiles" >&2
        exit 99
    }
}

# The four lists of names.
refill include/nativecerts.h '^/[*] The profiles this build knows' '/* ' ' * ' 90 '"' \
    >"$work/header.h"
settle include/nativecerts.h "the comment of nativecerts_profile_name()" "$work/header.h"
awk '{ print ".BR " $1 " ," }' "$work/listed_names" >"$work/man_names"
between man/nativecerts.3 '.\" The profile names: generated from the table' \
    "$work/man_names" >"$work/page.3"
settle man/nativecerts.3 "the entry of nativecerts_profile_name()" "$work/page.3"
between man/nativecerts.1 '.\" The profile names: generated from the table' \
    "$work/man_names" >"$work/page.1"
settle man/nativecerts.1 "the profiles of --os" "$work/page.1"
refill README.md '^- [*][*]Profiles[*][*]' '- ' '  ' 86 '`' >"$work/readme.md"
settle README.md "the Profiles item of What it reads" "$work/readme.md"

# man/nativecerts.1 FILES: each profile with places, and its places by role.
awk '
    function flush(   i) {
        if (n == 0) return
        print ".TP"
        print ".B " profile
        for (i = 1; i <= n; i++) {
            if (i == 1 || role[i] != role[i - 1]) print label[role[i]] "\n.nf"
            path = place[i]
            gsub(/-/, "\\-", path)
            print ".I \\ \\ " path
            if (i == n || role[i + 1] != role[i]) print ".fi"
        }
        n = 0
    }
    BEGIN {
        label["bundle"] = "bundles, the first that exists:"
        label["directory"] = "directories:"
        label["untrusted"] = "untrusted directories, whose roots are distrusted:"
        label["system"] = "system roots, the first that is a directory:"
        label["added"] = "the user\\(aqs roots:"
        label["removed"] = "system roots the user disabled, distrusted:"
    }
    $2 == "name" { flush(); profile = $1; next }
    { n++; role[n] = $2; place[n] = $3 }
    END { flush() }' "$work/table" >"$work/files_table"
between man/nativecerts.1 '.\" The profiles and their places: generated from the table' \
    "$work/files_table" >"$work/page.1"
settle man/nativecerts.1 "the FILES list" "$work/page.1"

# names WHERE FILE: FILE (one name a line) lists the same profiles as the table.
names() {
    sort -u "$2" >"$work/listed"
    for n in $(comm -13 "$work/names" "$work/listed"); do
        fail "$1 lists the profile $n, which the table does not have"
    done
    for n in $(comm -23 "$work/names" "$work/listed"); do
        fail "$1 does not list the profile $n, which the table has"
    done
}

# The header: the quoted words of the comment above nativecerts_profile_name().
awk '/The profiles this build knows/ { on = 1 } on { print } /nativecerts_profile_name\(/ { on = 0 }' \
    "$src/include/nativecerts.h" | grep -o '"[a-z0-9_]*"' | tr -d '"' >"$work/header"
names "include/nativecerts.h (nativecerts_profile_name)" "$work/header"

# man/nativecerts.3: the bold words of the entry of nativecerts_profile_name().
awk '/^\.TP/ { on = 0 } on && /^\.BR? [a-z0-9_]+( |$)/ { print $2 }
     prev == ".TP" && /^\.BR nativecerts_profile_name \(\)/ { on = 1 } { prev = $0 }' \
    "$src/man/nativecerts.3" >"$work/man3"
names "man/nativecerts.3 (nativecerts_profile_name)" "$work/man3"

# man/nativecerts.1: the bold words of the entry of --os.
awk '/^\.TP/ { on = 0 } on && /^\.BR? [a-z0-9_]+( |$)/ { print $2 }
     /^\.BI \\-\\-os / { on = 1 }' "$src/man/nativecerts.1" >"$work/man1"
names "man/nativecerts.1 (--os)" "$work/man1"

# README.md: the quoted words of the **Profiles** item of "What it reads", and the
# quoted paths of that section.
awk '/^## / { section = $0 } section == "## What it reads" { print }' "$src/README.md" \
    >"$work/reads"
awk '/^- \*\*/ { on = /^- \*\*Profiles\*\*/ } on { print }' "$work/reads" |
    grep -o '`[a-z0-9_]*`' | tr -d '`' >"$work/readme"
names "README.md (What it reads, Profiles)" "$work/readme"
grep -o '`/[^`]*`' "$work/reads" | tr -d '`' | sort -u >"$work/readme_paths"
for p in $(comm -13 "$work/paths" "$work/readme_paths"); do
    fail "README.md (What it reads) names $p, which no profile has"
done

# tests/unix/layouts: every profile with places is loaded by at least one layout.
for n in $(awk '$2 != "name" { print $1 }' "$work/table" | sort -u); do
    grep -qE "^profile $n([[:space:]]|$)" "$src"/tests/unix/layouts/*.layout ||
        fail "no layout in tests/unix/layouts loads the profile $n"
done
exit $status
