# Linux on i686 (32-bit): gcc-i686-linux-gnu, libc6-dev-i386-cross.
# Tests run under qemu-i386 (qemu-user-static). See linux-cross.cmake.
#   cmake -S . -B build-i686 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/i686-linux-gnu.cmake
set(CMAKE_SYSTEM_PROCESSOR i686)
set(NC_CROSS_TRIPLET i686-linux-gnu)
set(NC_CROSS_MULTIARCH i386-linux-gnu)
set(NC_CROSS_QEMU i386)
include(${CMAKE_CURRENT_LIST_DIR}/linux-cross.cmake)
