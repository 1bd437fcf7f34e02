#!/bin/sh
# `cmake --install` of this build tree, and programs built against the installed copy.
#
#   install_test.sh pkgconfig-consumer | cmake-consumer | destdir-layout
#
#   pkgconfig-consumer  install into a temporary prefix; nativecerts.pc names it; a
#                       program compiled with `pkg-config --cflags --libs` (and once
#                       statically with --static) runs and loads the fixtures; and one
#                       on the installed adapter header of every TLS stack found
#                       (nativecerts/<stack>.h, with the stack's own flags) hands them
#                       to each stack
#   cmake-consumer      install into a temporary prefix; a fresh CMake project finds it
#                       with find_package(nativecerts VERSION), links
#                       nativecerts::nativecerts and nativecerts::nativecerts_static, runs;
#                       and builds and runs the adapters' program the same way
#   destdir-layout      install with DESTDIR and a prefix that does not exist: every file
#                       lands under DESTDIR+prefix, where expected (SONAME and links,
#                       man pages, pkg-config and CMake files), the .pc names the prefix
#                       without DESTDIR, and the installed command runs from the staged
#                       tree (its RUNPATH is relative)
#
# The build's settings come from the environment (tests/install/CMakeLists.txt): NC_CMAKE,
# NC_BUILD, NC_SOURCE, NC_CC, NC_CFLAGS (the sanitizer flags of a sanitizer build, so the
# consumer links the instrumented library), NC_GENERATOR, NC_MAKE, NC_BINDIR, NC_LIBDIR,
# NC_INCLUDEDIR, NC_MANDIR, NC_VERSION, NC_SOVERSION, NC_CERTS, NC_CLI_RUNPATH (the
# command's install RUNPATH, empty when none is set), NC_STACKS (the TLS stacks found, by
# adapter name), NC_TLS_MODULE (cmake/tls_stacks.cmake, which finds them for CMake);
# in a cross build NC_TOOLCHAIN (its toolchain file, for the CMake consumer), NC_CROSS_ROOT
# and NC_TARGET_MULTIARCH (the target's libraries: DIR/usr/lib/MULTIARCH, with their .pc),
# and the programs built here run under NC_EMULATOR.
# cmake --install rewrites the build tree's install_manifest.txt: the one there before
# is put back at the end. Skips (77) when pkg-config is missing (pkgconfig-consumer) or
# when an install directory is absolute (it would be written outside any prefix).
set -u

case=$1
skip() { echo "skipped: $*" >&2; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

for d in "$NC_BINDIR" "$NC_LIBDIR" "$NC_INCLUDEDIR" "$NC_MANDIR"; do
    case $d in /*) skip "install directory $d is absolute: it would be written outside any prefix" ;; esac
done
if [ "$case" = pkgconfig-consumer ] && ! command -v pkg-config >/dev/null 2>&1; then
    skip "pkg-config not found (Debian: pkgconf)"
fi
emu=${NC_EMULATOR:-} # a cross build's emulator, before each program built here (unquoted)
have_readelf=1
command -v readelf >/dev/null 2>&1 || have_readelf=0

work=$(mktemp -d "${TMPDIR:-/tmp}/nct-install.XXXXXX") || exit 99
manifest=$NC_BUILD/install_manifest.txt
[ -e "$manifest" ] && cp -p "$manifest" "$work/manifest.saved"
cleanup() {
    if [ -e "$work/manifest.saved" ]; then
        cp -p "$work/manifest.saved" "$manifest"
    else
        rm -f "$manifest"
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 99' INT TERM

fixtures="$NC_CERTS/root-a.pem $NC_CERTS/root-b.pem $NC_CERTS/root-c.der"
fixture_count=3
soname=libnativecerts.so.$NC_SOVERSION
consumer_src=$NC_SOURCE/tests/install/consumer

# install_to PREFIX [DESTDIR]: cmake --install, keeping the manifest as $work/manifest.
install_to() {
    if ! DESTDIR=${2:-} "$NC_CMAKE" --install "$NC_BUILD" --prefix "$1" >"$work/install.log" 2>&1; then
        cat "$work/install.log" >&2
        fail "cmake --install --prefix $1 failed (is the build complete?)"
    fi
    cp "$manifest" "$work/manifest"
}

# needed FILE: the DT_NEEDED entries of an ELF file, one a line.
needed() {
    readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\].*/\1/p'
}

# check_layout ROOT: the files of the installed tree rooted at ROOT (DESTDIR+prefix).
check_layout() {
    r=$1
    for f in "$NC_INCLUDEDIR/nativecerts.h" "$NC_LIBDIR/libnativecerts.a" \
        "$NC_LIBDIR/libnativecerts.so.$NC_VERSION" "$NC_BINDIR/nativecerts" \
        "$NC_MANDIR/man1/nativecerts.1" "$NC_MANDIR/man3/nativecerts.3" \
        "$NC_LIBDIR/pkgconfig/nativecerts.pc" \
        "$NC_LIBDIR/cmake/nativecerts/nativecertsConfig.cmake" \
        "$NC_LIBDIR/cmake/nativecerts/nativecertsConfigVersion.cmake" \
        "$NC_LIBDIR/cmake/nativecerts/nativecertsTargets.cmake"; do
        [ -f "$r/$f" ] || fail "$f was not installed"
    done
    [ -x "$r/$NC_BINDIR/nativecerts" ] || fail "$NC_BINDIR/nativecerts is not executable"
    ls "$r/$NC_LIBDIR/cmake/nativecerts/"nativecertsTargets-*.cmake >/dev/null 2>&1 ||
        fail "no per-configuration targets file in $NC_LIBDIR/cmake/nativecerts"
    # The link chain: libnativecerts.so -> SONAME -> the versioned file.
    [ "$(readlink "$r/$NC_LIBDIR/libnativecerts.so")" = "$soname" ] ||
        fail "$NC_LIBDIR/libnativecerts.so does not link to $soname"
    [ "$(readlink "$r/$NC_LIBDIR/$soname")" = "libnativecerts.so.$NC_VERSION" ] ||
        fail "$NC_LIBDIR/$soname does not link to libnativecerts.so.$NC_VERSION"
    if [ $have_readelf = 1 ]; then
        readelf -d "$r/$NC_LIBDIR/libnativecerts.so.$NC_VERSION" | grep -q "(SONAME).*\[$soname\]" ||
            fail "the shared library's SONAME is not $soname"
    fi
    cmp -s "$r/$NC_INCLUDEDIR/nativecerts.h" "$NC_SOURCE/include/nativecerts.h" ||
        fail "the installed header differs from include/nativecerts.h"
    for h in "$NC_SOURCE"/include/nativecerts/*.h; do
        f=$NC_INCLUDEDIR/nativecerts/$(basename "$h")
        cmp -s "$r/$f" "$h" || fail "$f was not installed as include/nativecerts/${h##*/}"
    done
    cmp -s "$r/$NC_MANDIR/man1/nativecerts.1" "$NC_SOURCE/man/nativecerts.1" ||
        fail "the installed nativecerts.1 differs from man/nativecerts.1"
    cmp -s "$r/$NC_MANDIR/man3/nativecerts.3" "$NC_SOURCE/man/nativecerts.3" ||
        fail "the installed nativecerts.3 differs from man/nativecerts.3"
    # The installed package must not point back into the source or build tree (an
    # exported BUILD_INTERFACE path would build consumers against the wrong header).
    for tree in "$NC_SOURCE" "$NC_BUILD"; do
        case $work/ in "$tree"/*) continue ;; esac
        if grep -rlF "$tree/" "$r/$NC_LIBDIR/cmake/nativecerts" "$r/$NC_LIBDIR/pkgconfig"; then
            fail "the installed package files above name $tree"
        fi
    done
}

# check_manifest PREFIX [DESTDIR]: every file cmake --install wrote is under PREFIX
# (the manifest does not include DESTDIR) and exists under DESTDIR.
check_manifest() {
    [ -s "$work/manifest" ] || fail "empty install manifest"
    while IFS= read -r f; do
        case $f in "$1"/*) ;; *) fail "installed outside $1: $f" ;; esac
        [ -e "${2:-}$f" ] || [ -L "${2:-}$f" ] || fail "in the manifest, not installed: ${2:-}$f"
    done <"$work/manifest"
}

# squeeze TEXT: TEXT with runs of blanks made one space, none at either end.
squeeze() {
    printf '%s' "$1" | tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//'
}

# stack_flags STACK: the compiler flags of a TLS stack (Mbed TLS 2 and BearSSL ship no
# .pc); stack_define STACK: the consumer's NC_WITH_<STACK>.
stack_flags() {
    case $1 in
    openssl) f=$(stack_pkg_config --cflags --libs openssl) ;;
    gnutls) f=$(stack_pkg_config --cflags --libs gnutls) ;;
    wolfssl) f=$(stack_pkg_config --cflags --libs wolfssl) ;;
    curl) f=$(stack_pkg_config --cflags --libs libcurl) ;;
    mbedtls) f="-lmbedtls -lmbedx509 -lmbedcrypto" ;;
    bearssl) f="-lbearssl" ;;
    *) return 1 ;;
    esac || return 1
    # A cross build's stacks are the target's, under its root; Debian keeps their
    # per-architecture headers in include/MULTIARCH, which a cross compiler does not search.
    r=${NC_CROSS_ROOT:-}
    m=${NC_TARGET_MULTIARCH:-}
    [ -n "$r" ] && f="$f -I$r/usr/include -I$r/usr/include/$m -L$r/usr/lib/$m \
-Wl,-rpath-link,$r/lib/$m:$r/usr/lib/$m"
    echo "$f"
}
# stack_pkg_config ARGS...: pkg-config on the stacks' .pc files, the target's in a cross
# build.
stack_pkg_config() {
    if [ -n "${NC_CROSS_ROOT:-}" ]; then
        PKG_CONFIG_PATH= PKG_CONFIG_SYSROOT_DIR=$NC_CROSS_ROOT \
            PKG_CONFIG_LIBDIR=$NC_CROSS_ROOT/usr/lib/$NC_TARGET_MULTIARCH/pkgconfig pkg-config "$@"
    else
        pkg-config "$@"
    fi
}
stack_define() {
    echo "-DNC_WITH_$(echo "$1" | tr '[:lower:]' '[:upper:]')"
}

# run_consumer EXE: runs a consumer on the fixtures; it checks the count and versions.
run_consumer() {
    # shellcheck disable=SC2086 # $fixtures is a list of paths without blanks
    out=$("$@" $fixture_count $fixtures 2>&1) || { echo "$out" >&2; fail "$* failed"; }
    echo "$out"
}

case $case in
pkgconfig-consumer)
    prefix=$work/prefix
    install_to "$prefix"
    check_layout "$prefix"
    check_manifest "$prefix"
    unset PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR
    PKG_CONFIG_PATH=$prefix/$NC_LIBDIR/pkgconfig
    export PKG_CONFIG_PATH
    pc() { pkg-config "$@" nativecerts || fail "pkg-config $* nativecerts failed"; }
    [ "$(pc --modversion)" = "$NC_VERSION" ] || fail "pkg-config --modversion is not $NC_VERSION"
    [ "$(pc --variable=prefix)" = "$prefix" ] || fail "the .pc prefix is not $prefix"
    [ "$(pc --variable=libdir)" = "$prefix/$NC_LIBDIR" ] || fail "the .pc libdir is wrong"
    [ "$(pc --variable=includedir)" = "$prefix/$NC_INCLUDEDIR" ] ||
        fail "the .pc includedir is wrong"
    cflags=$(pc --cflags)
    libs=$(pc --libs)
    libs_static=$(pc --static --libs)
    [ "$(squeeze "$cflags")" = "-I$prefix/$NC_INCLUDEDIR" ] || fail "pkg-config --cflags: $cflags"
    [ "$(squeeze "$libs")" = "-L$prefix/$NC_LIBDIR -lnativecerts" ] || fail "pkg-config --libs: $libs"

    # shellcheck disable=SC2086 # word splitting of flags is intended
    "$NC_CC" $NC_CFLAGS -std=c11 -Wall -Wextra -Wpedantic -Werror $cflags \
        "$consumer_src/consumer.c" $libs -o "$work/consumer" || fail "compiling with pkg-config failed"
    # The static library through the same .pc: Libs.private must be enough.
    # shellcheck disable=SC2086
    "$NC_CC" $NC_CFLAGS -std=c11 -Wall -Wextra -Wpedantic -Werror $cflags \
        "$consumer_src/consumer.c" -Wl,-Bstatic $libs_static -Wl,-Bdynamic \
        -o "$work/consumer_static" || fail "linking statically with pkg-config --static failed"
    if [ $have_readelf = 1 ]; then
        needed "$work/consumer" | grep -qx "$soname" || fail "the consumer does not need $soname"
        needed "$work/consumer_static" | grep -q libnativecerts &&
            fail "the static consumer needs libnativecerts"
    fi
    run_consumer env LD_LIBRARY_PATH="$prefix/$NC_LIBDIR" $emu "$work/consumer"
    run_consumer env -u LD_LIBRARY_PATH $emu "$work/consumer_static"

    # The adapters: the installed headers (no source tree on the include path), one
    # program per stack with its own flags (wolfSSL's headers define OpenSSL's type names
    # for their own: a program uses one stack).
    for stack in $NC_STACKS; do
        f=$(stack_flags "$stack") || fail "pkg-config knows no flags for $stack"
        # shellcheck disable=SC2086
        "$NC_CC" $NC_CFLAGS -std=c11 -Wall -Wextra -Wpedantic -Werror $cflags \
            "$(stack_define "$stack")" "$consumer_src/adapters.c" $libs $f \
            -o "$work/adapters_$stack" ||
            fail "compiling the $stack adapter's program with pkg-config failed"
        run_consumer env LD_LIBRARY_PATH="$prefix/$NC_LIBDIR" $emu "$work/adapters_$stack"
    done
    ;;
cmake-consumer)
    prefix=$work/prefix
    install_to "$prefix"
    check_layout "$prefix"
    check_manifest "$prefix"
    if ! "$NC_CMAKE" -S "$consumer_src" -B "$work/build" -G "$NC_GENERATOR" \
        -DCMAKE_MAKE_PROGRAM="$NC_MAKE" -DCMAKE_C_COMPILER="$NC_CC" \
        ${NC_TOOLCHAIN:+"-DCMAKE_TOOLCHAIN_FILE=$NC_TOOLCHAIN"} \
        ${NC_CROSS_ROOT:+"-DNC_CROSS_ROOT=$NC_CROSS_ROOT"} \
        -DCMAKE_C_FLAGS="$NC_CFLAGS -Wall -Wextra -Wpedantic -Werror" \
        -DCMAKE_EXE_LINKER_FLAGS="$NC_CFLAGS" -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
        -DNC_EXPECT_VERSION="$NC_VERSION" -DNC_STACKS="$NC_STACKS" \
        -DNC_TLS_MODULE="$NC_TLS_MODULE" >"$work/configure.log" 2>&1; then
        cat "$work/configure.log" >&2
        fail "configuring the find_package consumer failed"
    fi
    found=$(cat "$work/build/nativecerts_dir.txt")
    [ "$found" = "$prefix/$NC_LIBDIR/cmake/nativecerts" ] ||
        fail "find_package found $found, not the installed copy"
    if ! "$NC_CMAKE" --build "$work/build" >"$work/build.log" 2>&1; then
        cat "$work/build.log" >&2
        fail "building the find_package consumer failed"
    fi
    if [ $have_readelf = 1 ]; then
        needed "$work/build/consumer_shared" | grep -qx "$soname" ||
            fail "consumer_shared does not need $soname"
        needed "$work/build/consumer_static" | grep -q libnativecerts &&
            fail "consumer_static needs libnativecerts"
    fi
    # CMake gives the consumer a RUNPATH to the imported library: no LD_LIBRARY_PATH.
    run_consumer env -u LD_LIBRARY_PATH $emu "$work/build/consumer_shared"
    run_consumer env -u LD_LIBRARY_PATH $emu "$work/build/consumer_static"
    for stack in $NC_STACKS; do
        run_consumer env -u LD_LIBRARY_PATH $emu "$work/build/adapters_$stack"
    done
    ;;
destdir-layout)
    stage=$work/stage
    # A prefix that exists nowhere: nothing may be written there, only under DESTDIR.
    prefix=/opt/$(basename "$work")
    [ -e "$prefix" ] && skip "$prefix exists"
    install_to "$prefix" "$stage"
    root=$stage$prefix
    check_layout "$root"
    check_manifest "$prefix" "$stage"
    [ -e "$prefix" ] && fail "cmake --install wrote to $prefix despite DESTDIR"
    grep -qx "prefix=$prefix" "$root/$NC_LIBDIR/pkgconfig/nativecerts.pc" ||
        fail "the .pc does not say prefix=$prefix"
    if command -v pkg-config >/dev/null 2>&1; then
        cflags=$(PKG_CONFIG_SYSROOT_DIR=$stage PKG_CONFIG_PATH=$root/$NC_LIBDIR/pkgconfig \
            pkg-config --cflags nativecerts) || fail "pkg-config with a sysroot failed"
        [ "$(squeeze "$cflags")" = "-I$root/$NC_INCLUDEDIR" ] ||
            fail "pkg-config --cflags with PKG_CONFIG_SYSROOT_DIR: $cflags"
    fi
    # The command finds the library of its own tree, wherever the tree is, through its
    # relative RUNPATH (none when libdir is a system directory: then it is told).
    if [ -n "$NC_CLI_RUNPATH" ]; then
        if [ $have_readelf = 1 ]; then
            rp=$(readelf -d "$root/$NC_BINDIR/nativecerts" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p')
            [ "$rp" = "$NC_CLI_RUNPATH" ] ||
                fail "the installed command's RUNPATH is '$rp', not '$NC_CLI_RUNPATH'"
        fi
        cli_env="-u LD_LIBRARY_PATH"
    else
        cli_env="LD_LIBRARY_PATH=$root/$NC_LIBDIR"
    fi
    # shellcheck disable=SC2086
    v=$(env $cli_env $emu "$root/$NC_BINDIR/nativecerts" --version 2>&1) ||
        { echo "$v" >&2; fail "the installed command does not run"; }
    case $v in *"$NC_VERSION"*) ;; *) fail "nativecerts --version says '$v'" ;; esac
    # shellcheck disable=SC2086
    env $cli_env $emu "$root/$NC_BINDIR/nativecerts" list --no-platform \
        --file "$NC_CERTS/root-a.pem" >"$work/list.out" 2>&1 ||
        { cat "$work/list.out" >&2; fail "the installed command's list failed"; }
    ;;
*)
    echo "unknown case $case" >&2
    exit 99
    ;;
esac
echo "ok: $case"
