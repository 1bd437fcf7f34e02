# Linux on arm64 (64-bit, little-endian): gcc-aarch64-linux-gnu, libc6-dev-arm64-cross.
# Tests run under qemu-aarch64 (qemu-user-static). See linux-cross.cmake.
#   cmake -S . -B build-aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(NC_CROSS_TRIPLET aarch64-linux-gnu)
set(NC_CROSS_MULTIARCH aarch64-linux-gnu)
set(NC_CROSS_QEMU aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/linux-cross.cmake)
