# Installation: the headers, both libraries, the command, the man pages, nativecerts.pc and
# the CMake package (find_package(nativecerts) -> nativecerts::nativecerts and
# nativecerts::nativecerts_static). Every destination comes from GNUInstallDirs, so
# CMAKE_INSTALL_PREFIX, `cmake --install --prefix` and DESTDIR are honoured.
include(CMakePackageConfigHelpers)

set(NATIVECERTS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/nativecerts)
option(NATIVECERTS_INSTALL_RPATH
       "Give the installed command an $ORIGIN-relative RUNPATH to the installed library" ON)

# The command links the shared library: installed under a prefix the dynamic linker does
# not search (/opt/..., $HOME/.local), it would not start. A relative RUNPATH keeps the
# installed tree relocatable; none is set when libdir is a system directory (packagers),
# nor when the command links the static library.
if(NATIVECERTS_INSTALL_RPATH AND NATIVECERTS_PROGRAM_LINK STREQUAL "nativecerts"
   AND NOT IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}"
   AND NOT IS_ABSOLUTE "${CMAKE_INSTALL_BINDIR}")
  list(FIND CMAKE_C_IMPLICIT_LINK_DIRECTORIES "${CMAKE_INSTALL_FULL_LIBDIR}" _nc_implicit)
  if(_nc_implicit EQUAL -1)
    file(RELATIVE_PATH _nc_bin_to_lib ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_LIBDIR})
    if(APPLE)
      set_target_properties(nativecerts_cli PROPERTIES INSTALL_RPATH "@loader_path/${_nc_bin_to_lib}")
    else()
      set_target_properties(nativecerts_cli PROPERTIES INSTALL_RPATH "$ORIGIN/${_nc_bin_to_lib}")
    endif()
  endif()
endif()

install(TARGETS nativecerts nativecerts_static
  EXPORT nativecertsTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS nativecerts_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES include/nativecerts.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The adapters, one header per TLS stack (header only: nothing to link but the stack).
install(DIRECTORY include/nativecerts/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/nativecerts
        FILES_MATCHING PATTERN "*.h")
install(FILES man/nativecerts.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES man/nativecerts.3 DESTINATION ${CMAKE_INSTALL_MANDIR}/man3)

# The CMake package. The targets file and the config compute the prefix from their own
# location, so the installed tree can be moved. The static library's Threads::Threads
# (empty on glibc >= 2.34 and musl, -pthread elsewhere) is found again by the config.
install(EXPORT nativecertsTargets
  NAMESPACE nativecerts::
  FILE nativecertsTargets.cmake
  DESTINATION ${NATIVECERTS_CMAKE_DIR})
configure_package_config_file(cmake/nativecertsConfig.cmake.in
  ${PROJECT_BINARY_DIR}/nativecertsConfig.cmake
  INSTALL_DESTINATION ${NATIVECERTS_CMAKE_DIR}
  NO_SET_AND_CHECK_MACRO)
# Semantic versioning: before 1.0 a minor release may change the API, after it a major.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_nc_compat SameMinorVersion)
else()
  set(_nc_compat SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/nativecertsConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY ${_nc_compat})
install(FILES ${PROJECT_BINARY_DIR}/nativecertsConfig.cmake
              ${PROJECT_BINARY_DIR}/nativecertsConfigVersion.cmake
  DESTINATION ${NATIVECERTS_CMAKE_DIR})

# nativecerts.pc is written at install time, not at configure time, so that it names the
# prefix actually installed to (`cmake --install --prefix DIR` included); DESTDIR is not
# part of it, as it must not be. Libs.private lists what a static link needs beyond
# libnativecerts.a, read from the static target's link interface: the threads library
# where libc does not hold it (nothing on glibc >= 2.34 and musl), crypt32 on Windows,
# the frameworks on macOS.
set(_nc_libs_private "")
get_target_property(_nc_links nativecerts_static INTERFACE_LINK_LIBRARIES)
foreach(_nc_item IN LISTS _nc_links)
  if(_nc_item STREQUAL "Threads::Threads")
    if(CMAKE_THREAD_LIBS_INIT)
      list(APPEND _nc_libs_private "${CMAKE_THREAD_LIBS_INIT}")
    endif()
  elseif(_nc_item MATCHES "^-")
    list(APPEND _nc_libs_private "${_nc_item}")
  elseif(_nc_item MATCHES "^[A-Za-z0-9_.+-]+$")
    list(APPEND _nc_libs_private "-l${_nc_item}")
  elseif(_nc_item)
    message(FATAL_ERROR "nativecerts.pc: no Libs.private form for '${_nc_item}'")
  endif()
endforeach()
list(JOIN _nc_libs_private " " _nc_libs_private)
install(CODE "
  set(NC_PC_TEMPLATE \"${PROJECT_SOURCE_DIR}/cmake/nativecerts.pc.in\")
  set(NC_PC_WORK_DIR \"${PROJECT_BINARY_DIR}/pkgconfig\")
  set(NC_PC_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
  set(NC_PC_INCLUDEDIR \"${CMAKE_INSTALL_INCLUDEDIR}\")
  set(NC_PC_VERSION \"${PROJECT_VERSION}\")
  set(NC_PC_LIBS_PRIVATE \"${_nc_libs_private}\")
")
install(SCRIPT cmake/install_pkgconfig.cmake)
