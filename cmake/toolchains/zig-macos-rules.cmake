# Read after CMake's Darwin platform files (see zig-macos.cmake): rpath support, as
# CMake gives it on macOS 10.5 and later.
set(CMAKE_SHARED_LIBRARY_RUNTIME_C_FLAG "-Wl,-rpath,")
