#!/bin/sh
# The documents that list profiles and their places, held against the profile table
# (src/unix/profiles.c with every row, src/win/profile.c), which is the one place they
# are defined:
#
#   profiles_documented.sh SOURCE_DIR UNIX_TABLE WINDOWS_TABLE [--write]
#
# UNIX_TABLE and WINDOWS_TABLE are the programs profile_table.c builds; each prints
# "PROFILE name -" and "PROFILE ROLE PATH" lines. Fails when one of these lists a
# profile the table does not have, or misses one it has:
#   include/nativecerts.h   the comment of nativecerts_profile_name()
#   man/nativecerts.3       the entry of nativecerts_profile_name()
#   man/nativecerts.1       the profiles of --os
#   README.md               the **Profiles** item of "What it reads"
# and when the places of man/nativecerts.1's FILES (every path of every profile, with
# its role) differ from the table's, README's "What it reads" names a path that no
# profile has, or no layout of tests/unix/layouts loads a profile that has places. The
# FILES list is generated from the table: --write rewrites it.
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

# man/nativecerts.1 FILES: the list between the two marks, as the table gives it.
# (Given to awk through the environment: -v would take the backslashes as escapes.)
NC_BEGIN='.\" The profiles and their places: generated from the table'
NC_END='.\" End of the generated list.'
export NC_BEGIN NC_END
awk '$0 == ENVIRON["NC_END"] { on = 0 } on { print } $0 == ENVIRON["NC_BEGIN"] { on = 1 }' "$src/man/nativecerts.1" \
    >"$work/files_now"
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
if [ "$write" = "--write" ]; then
    awk -v list="$work/files_table" '
        $0 == ENVIRON["NC_END"] { while ((getline l < list) > 0) print l; on = 0 }
        !on { print } $0 == ENVIRON["NC_BEGIN"] { on = 1 }' "$src/man/nativecerts.1" >"$work/page"
    cp "$work/page" "$src/man/nativecerts.1"
    echo "rewrote the FILES list of $src/man/nativecerts.1" >&2
elif ! cmp -s "$work/files_table" "$work/files_now"; then
    fail "man/nativecerts.1 FILES differs from the table (- the page, + the table; rewrite it with --write):"
    diff "$work/files_now" "$work/files_table" | grep '^[<>]' | sed 's/^</-/; s/^>/+/' >&2
fi
exit $status
