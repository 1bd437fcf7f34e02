# Linux on s390x (64-bit, big-endian): gcc-s390x-linux-gnu, libc6-dev-s390x-cross.
# Tests run under qemu-s390x (qemu-user-static). See linux-cross.cmake.
#   cmake -S . -B build-s390x -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/s390x-linux-gnu.cmake
set(CMAKE_SYSTEM_PROCESSOR s390x)
set(NC_CROSS_TRIPLET s390x-linux-gnu)
set(NC_CROSS_MULTIARCH s390x-linux-gnu)
set(NC_CROSS_QEMU s390x)
include(${CMAKE_CURRENT_LIST_DIR}/linux-cross.cmake)
