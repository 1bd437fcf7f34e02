# Cross-compiling for 64-bit Windows from Debian (gcc-mingw-w64-x86-64), with the tests
# run under Wine (wine + wine64): ctest starts every test program through the emulator.
#   cmake -S . -B build-win -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/mingw-w64-x86_64.cmake
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(NC_MINGW_PREFIX x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${NC_MINGW_PREFIX}-gcc)
set(CMAKE_RC_COMPILER ${NC_MINGW_PREFIX}-windres)

set(CMAKE_FIND_ROOT_PATH /usr/${NC_MINGW_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

find_program(NC_WINE NAMES wine wine64)
if(NC_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${NC_WINE})
endif()
