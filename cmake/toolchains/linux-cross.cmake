# Cross-compiling for another Linux architecture with Debian's cross toolchain
# (gcc-<triplet> + libc6-dev-<arch>-cross), the tests run under qemu-user. Included by
# the per-architecture files beside it, which set:
#   NC_CROSS_TRIPLET    the toolchain's triplet (s390x-linux-gnu, i686-linux-gnu, ...)
#   NC_CROSS_MULTIARCH  Debian's multiarch name of the architecture (i386-linux-gnu, ...)
#   NC_CROSS_QEMU       qemu-user's name for it (s390x, aarch64, i386)
#   CMAKE_SYSTEM_PROCESSOR
# ctest starts every test program through CMAKE_CROSSCOMPILING_EMULATOR, and the test
# scripts start theirs through it too (tests/CMakeLists.txt hands it to them): no binfmt
# registration is needed.
#
# NC_CROSS_ROOT (optional) names a directory that stands for the target's "/" under
# qemu-user (its -L): DIR/lib holds links to the toolchain's libraries (/usr/<triplet>/
# lib/*), DIR/etc/ld.so.cache is empty, and DIR/usr holds packages of the architecture
# unpacked from their .deb (libssl-dev, ...), found there by CMake and, at run time, by
# the target's dynamic linker. .ci/steps/cross.sh makes one; it needs no change to this
# machine's packages. Without it, qemu-user takes /usr/<triplet>, and libraries of the
# architecture are found where Debian's multiarch installs them (/usr/lib/<multiarch>);
# but the target's dynamic linker then reads this machine's /etc/ld.so.cache, which on
# an x86-64 machine with 32-bit libraries (libc6-i386) makes an i686 program load this
# machine's /lib32/libc.so.6 instead of the toolchain's.
set(CMAKE_SYSTEM_NAME Linux)

set(CMAKE_C_COMPILER ${NC_CROSS_TRIPLET}-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE ${NC_CROSS_MULTIARCH})

# The cross compiler searches /usr/include but not its multiarch directory, where
# packages of that architecture keep their per-architecture headers (OpenSSL's
# configuration.h); it comes last, after the toolchain's own headers.
set(CMAKE_C_STANDARD_INCLUDE_DIRECTORIES)
if(NC_CROSS_ROOT AND IS_DIRECTORY ${NC_CROSS_ROOT}/usr/include/${NC_CROSS_MULTIARCH})
  list(APPEND CMAKE_C_STANDARD_INCLUDE_DIRECTORIES ${NC_CROSS_ROOT}/usr/include/${NC_CROSS_MULTIARCH})
endif()
if(IS_DIRECTORY /usr/include/${NC_CROSS_MULTIARCH})
  list(APPEND CMAKE_C_STANDARD_INCLUDE_DIRECTORIES /usr/include/${NC_CROSS_MULTIARCH})
endif()
# The libraries that NC_CROSS_ROOT's libraries need in turn (libcurl's zlib and Kerberos),
# found by the linker where the target's dynamic linker finds them (on every link line,
# whatever linker flags a project sets).
if(NC_CROSS_ROOT)
  set(CMAKE_C_STANDARD_LIBRARIES_INIT
      "-Wl,-rpath-link,${NC_CROSS_ROOT}/lib/${NC_CROSS_MULTIARCH}:${NC_CROSS_ROOT}/usr/lib/${NC_CROSS_MULTIARCH}")
endif()

# Programs (python3, openssl, sh) are this machine's; libraries, headers and packages are
# the toolchain's, NC_CROSS_ROOT's, or those of the target's multiarch directories
# (CMAKE_LIBRARY_ARCHITECTURE), never this machine's.
set(CMAKE_FIND_ROOT_PATH ${NC_CROSS_ROOT} /usr/${NC_CROSS_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
# pkg-config would otherwise hand find_package this machine's library directories.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${NC_CROSS_MULTIARCH}/pkgconfig:/usr/share/pkgconfig)
set(ENV{PKG_CONFIG_PATH} "")

# qemu-user, loading the target's dynamic linker and libraries from the directory that
# stands for "/" (-L): NC_CROSS_ROOT, or the toolchain's own.
find_program(NC_QEMU NAMES qemu-${NC_CROSS_QEMU}-static qemu-${NC_CROSS_QEMU})
if(NC_QEMU AND NC_CROSS_ROOT)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${NC_QEMU} -L ${NC_CROSS_ROOT})
elseif(NC_QEMU)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${NC_QEMU} -L /usr/${NC_CROSS_TRIPLET})
endif()
